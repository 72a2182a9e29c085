// Test seam: whether evaluates reuse objects of earlier ones (pooled book aggregates, candidates, clamp results, the limits snapshot).

/**
 * Object reuse across engine calls: the book built in the last book's objects, candidates and
 * clamp results reused by position, the frozen limits snapshot shared while its inputs are the
 * same. Each reuse gives exactly what a fresh object would; property tests turn this off to compare
 * whole plans with the allocate-everything path. Internal (not exported from the package).
 */
export const reuse = { enabled: true };
