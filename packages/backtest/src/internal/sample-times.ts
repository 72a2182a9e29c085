// Sample times kept as runs of equal steps (one run per gap in regular data), expanded on demand.
import { GrowableF64 } from "./growable.js";

/**
 * The times of an equity curve's samples. Bar data is mostly regular (each close one timeframe
 * after the last), so the times are kept as arithmetic runs — (first time, step, count) — and
 * written out as a `Float64Array` only when read: a million 1-minute samples with a few gaps keep a
 * few numbers instead of 8 MB. When the times are so irregular that runs would not save memory,
 * they are recorded one by one instead. Either way {@link toArray} returns exactly the times pushed.
 */
export class SampleTimes {
  /** Runs as (first, step, count) triples, while runs are used. */
  private runs: number[] | null = [];
  /** Times one by one, once runs stopped paying off. */
  private plain: GrowableF64 | null = null;
  /**
   * [last time, step of the last run (set by its second time), `last + step` (the time that
   * extends the last run)]: in a Float64Array, so updating them never allocates a heap number.
   */
  private readonly f = Float64Array.of(Number.NaN, Number.NaN, Number.NaN);
  /** The last run has a step (two times or more) and runs are in use: `f[2]` extends it. */
  private extendable = false;
  length = 0;
  first = Number.NaN;

  constructor(private readonly capacity = 1024) {}

  push(t: number): void {
    // The usual case first, in a few operations: the next time of the current run. (`===` plus a
    // sign test for zeros rather than Object.is, which boxed the time into a heap number per call
    // once optimized: 16 bytes per sample. NaN takes the slow path, which handles it.)
    const f = this.f;
    const next = f[2] as number;
    if (this.extendable && t === next && (t !== 0 || 1 / t === 1 / next)) {
      const runs = this.runs as number[];
      const k = runs.length - 1;
      runs[k] = (runs[k] as number) + 1;
      f[0] = t;
      f[2] = t + (f[1] as number);
      this.length++;
      return;
    }
    this.pushOther(t);
  }

  private pushOther(t: number): void {
    if (this.runs === null) (this.plain as GrowableF64).push(t);
    else if (!this.secondOfRun(t)) {
      const runs = this.runs;
      if (runs.length >= 48 && runs.length * 4 > this.length) {
        // more than one run per 12 samples: runs would cost more than the times themselves
        this.toPlain();
        (this.plain as GrowableF64).push(t);
      } else runs.push(t, 0, 1);
      this.extendable = false;
    }
    if (this.length === 0) this.first = t;
    const f = this.f;
    f[0] = t;
    f[2] = t + (f[1] as number);
    this.length++;
  }

  /**
   * Makes `t` the second time of the last run when that run has one time so far and `t` is the
   * very value `last + (t − last)` (Object.is, −0 included): {@link toArray} writes a run out as
   * first, first + step, … and every later time joins only as exactly `last + step` (see `push`).
   */
  private secondOfRun(t: number): boolean {
    const runs = this.runs as number[];
    const n = runs.length;
    if (n === 0 || runs[n - 1] !== 1) return false;
    const last = this.f[0] as number;
    const step = t - last;
    if (!Object.is(last + step, t)) return false;
    runs[n - 2] = step;
    runs[n - 1] = 2;
    this.f[1] = step;
    this.extendable = true;
    return true;
  }

  /** The last time pushed (NaN when none). */
  get lastTime(): number {
    return this.length === 0 ? Number.NaN : (this.f[0] as number);
  }

  private toPlain(): void {
    const plain = new GrowableF64(Math.max(this.capacity, this.length * 2));
    const all = this.expand();
    for (let i = 0; i < all.length; i++) plain.push(all[i] as number);
    this.plain = plain;
    this.runs = null;
  }

  private expand(): Float64Array {
    const runs = this.runs as number[];
    const out = new Float64Array(this.length);
    let k = 0;
    for (let r = 0; r < runs.length; r += 3) {
      const t0 = runs[r] as number;
      const step = runs[r + 1] as number;
      const count = runs[r + 2] as number;
      // accumulated as in `push`: each time of a run was accepted as exactly the last one + step
      let t = t0;
      for (let i = 0; i < count; i++) {
        out[k++] = t;
        t += step;
      }
    }
    return out;
  }

  /** The times as a right-sized array (a new array for runs; see `GrowableF64.toArray` otherwise). */
  toArray(): Float64Array {
    return this.runs === null ? (this.plain as GrowableF64).toArray() : this.expand();
  }
}
