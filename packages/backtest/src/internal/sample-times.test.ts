import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SampleTimes } from "./sample-times.js";

function record(times: readonly number[]): SampleTimes {
  const st = new SampleTimes(4);
  for (const t of times) st.push(t);
  return st;
}

describe("SampleTimes", () => {
  it("gives back exactly the times pushed, for any sequence (runs, gaps, repeats, −0, NaN, fractions)", () => {
    const time = fc.oneof(
      fc.integer({ min: 0, max: 2 ** 45 }),
      fc.double({ noNaN: false }),
      fc.constantFrom(0, -0, Number.NaN, 0.1, 0.2, 0.3),
    );
    // sequences built from regular stretches (as bar data is) with arbitrary times between them
    const stretch = fc.tuple(time, fc.oneof(fc.constant(60_000), fc.double(), fc.constant(0.1)), fc.nat(40));
    const seq = fc
      .array(
        fc.oneof(
          time.map((t) => [t]),
          stretch.map(([t0, step, n]) => {
            const out = [t0];
            for (let i = 1; i < n; i++) out.push((out[i - 1] as number) + step);
            return out;
          }),
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.flat());
    fc.assert(
      fc.property(seq, (times) => {
        const st = record(times);
        const out = Array.from(st.toArray());
        expect(out.length).toBe(times.length);
        for (let i = 0; i < times.length; i++) expect(Object.is(out[i], times[i])).toBe(true);
        expect(st.length).toBe(times.length);
        if (times.length > 0) {
          expect(Object.is(st.first, times[0])).toBe(true);
          expect(Object.is(st.lastTime, times[times.length - 1])).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps a regular series with a few gaps as a few runs, and switches to plain times when runs do not pay", () => {
    const regular: number[] = [];
    for (let i = 0; i < 100_000; i++)
      regular.push(1_700_000_000_000 + 60_000 * i + (i >= 50_000 ? 3_600_000 : 0));
    const a = record(regular);
    expect((a as unknown as { runs: number[] | null }).runs).toEqual([
      1_700_000_000_000,
      60_000,
      50_000,
      1_700_000_000_000 + 60_000 * 50_000 + 3_600_000,
      60_000,
      50_000,
    ]);
    expect(Array.from(a.toArray())).toEqual(regular);

    const irregular = Array.from({ length: 5000 }, (_, i) => i * i);
    const b = record(irregular);
    expect((b as unknown as { runs: number[] | null }).runs).toBeNull();
    expect(Array.from(b.toArray())).toEqual(irregular);
  });

  it("is empty until a time is pushed", () => {
    const st = new SampleTimes();
    expect(st.length).toBe(0);
    expect(st.toArray()).toHaveLength(0);
    expect(st.lastTime).toBeNaN();
  });
});
