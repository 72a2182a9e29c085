// Test support: a seeded PRNG, random-walk price and bar series, and tolerance-aware comparisons.
import { expect } from "vitest";

/** mulberry32: a tiny deterministic PRNG returning floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A multiplicative random walk starting at `start`, steps of up to ±`stepFraction`, rounded to cents. */
export function randomWalk(length: number, seed: number, start = 100, stepFraction = 0.02): number[] {
  const random = createRandom(seed);
  const out: number[] = [];
  let price = start;
  for (let i = 0; i < length; i++) {
    price *= 1 + (random() * 2 - 1) * stepFraction;
    out.push(Math.round(price * 100) / 100);
  }
  return out;
}

export interface Bars {
  readonly high: number[];
  readonly low: number[];
  readonly close: number[];
}

/**
 * Random bars with overnight gaps: each bar opens up to ±1% away from the previous close, so the
 * previous close often lies outside [low, high] and true range differs from high − low.
 * Always `low <= min(open, close)` and `high >= max(open, close)`.
 */
export function randomBars(length: number, seed: number, start = 100): Bars {
  const random = createRandom(seed);
  const high: number[] = [];
  const low: number[] = [];
  const close: number[] = [];
  let previous = start;
  for (let i = 0; i < length; i++) {
    const open = previous * (1 + (random() * 2 - 1) * 0.01);
    const next = open * (1 + (random() * 2 - 1) * 0.02);
    high.push(Math.max(open, next) * (1 + random() * 0.01));
    low.push(Math.min(open, next) * (1 - random() * 0.01));
    close.push(next);
    previous = next;
  }
  return { high, low, close };
}

/** `|actual − expected| <= tolerance · max(1, |expected|)`, with a message naming the index. */
export function expectClose(actual: number, expected: number, tolerance: number, where: string): void {
  const error = Math.abs(actual - expected);
  if (!(error <= tolerance * Math.max(1, Math.abs(expected)))) {
    expect.fail(`${where}: expected ${expected}, got ${actual} (error ${error})`);
  }
}

/** Converts an oracle's "no value yet" (`undefined`/`null`) to `NaN`. */
export function orNaN(value: number | null | undefined): number {
  return value === undefined || value === null ? Number.NaN : value;
}

/**
 * Compares two series step by step: both `NaN` at the same indices, close elsewhere. Skips the first
 * `from` indices (for oracles with a different warm-up that converge later).
 */
export function expectSeriesClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  from = 0,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = from; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e)) {
      if (!Number.isNaN(a)) expect.fail(`index ${i}: expected NaN (warming up), got ${a}`);
    } else {
      expectClose(a, e, tolerance, `index ${i}`);
    }
  }
}

/** Index of the first non-NaN entry, or -1. */
export function firstValueIndex(series: ArrayLike<number>): number {
  for (let i = 0; i < series.length; i++) if (!Number.isNaN(series[i]!)) return i;
  return -1;
}

/** One bar of a replace scenario: the value first given to `update`, then zero or more `replace`s. */
export interface ReplaceStep<Input> {
  readonly input: Input;
  readonly replacements: readonly Input[];
}

/**
 * Feeds `steps` two ways — `update(input)` then each `replace(r)`, versus a single
 * `update(final input)` — and expects every observable output to be identical after each bar.
 */
export function expectReplaceEquivalent<T, Input>(
  create: () => T,
  steps: readonly ReplaceStep<Input>[],
  update: (indicator: T, input: Input) => void,
  replace: (indicator: T, input: Input) => void,
  observe: (indicator: T) => readonly number[],
): void {
  const live = create();
  const closed = create();
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    update(live, step.input);
    for (const replacement of step.replacements) replace(live, replacement);
    update(closed, step.replacements.at(-1) ?? step.input);
    const a = observe(live);
    const b = observe(closed);
    for (let j = 0; j < a.length; j++) {
      if (!Object.is(a[j], b[j]))
        expect.fail(`bar ${i}, output ${j}: replace gave ${a[j]}, update gave ${b[j]}`);
    }
  }
}
