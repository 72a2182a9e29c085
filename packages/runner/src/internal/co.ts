// Sync-first coroutines: straight-line generator code that only goes async when a port returns a Promise.
import type { MaybePromise } from "@quiver/core";

/**
 * A coroutine: `const x = (yield port.call()) as T`. A yielded plain value is handed straight back
 * (no await, no Promise allocated); a yielded Promise suspends until it settles (a rejection is
 * thrown at the `yield`, so try/catch works the same for sync throws and async rejections).
 */
export type Co<T> = Generator<unknown, T, unknown>;

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/** Runs a coroutine: synchronously to the end when nothing it yields is a Promise. */
export function runCo<T>(co: Co<T>): MaybePromise<T> {
  return step(co, undefined, false);
}

function step<T>(co: Co<T>, input: unknown, isError: boolean): MaybePromise<T> {
  let value = input;
  let error = isError;
  for (;;) {
    const r = error ? co.throw(value) : co.next(value);
    if (r.done) return r.value;
    if (isPromiseLike(r.value)) {
      return Promise.resolve(r.value).then(
        (v) => step(co, v, false),
        (e) => step(co, e, true),
      );
    }
    value = r.value;
    error = false;
  }
}
