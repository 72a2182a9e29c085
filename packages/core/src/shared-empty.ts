// A shared empty array for "none yet" in hot structures: replaced on the first entry, never written to.

/**
 * A new empty array to share as "none yet": holders replace it with a fresh array on their first
 * entry and never write to it. Not frozen on purpose: a frozen array has elements of its own kind,
 * and a `for…of` loop that meets both kinds stops eliminating its iterator — it then allocates on
 * every pass (measured: a thousand times more scavenges on such a loop). Made from a one-object
 * literal, so its elements kind is that of the object lists it stands in for.
 */
export function sharedEmpty<T>(): T[] {
  const a: (T | null)[] = [null];
  a.pop();
  return a as T[];
}
