// The incremental hash gives the hash of the concatenated text, and its digest is hex8(h1) + hex8(h2).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Hash64, hash64 } from "./hash.js";

/** `x` (an unsigned 32-bit integer) as 8 hex digits: the plain reference for the digest. */
const hex8 = (x: number) => x.toString(16).padStart(8, "0");

describe("Hash64", () => {
  it("digest is the two 32-bit halves as 8 lowercase hex digits each, and pieces hash like their concatenation", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 12 }), { maxLength: 5 }), (pieces) => {
        const h = new Hash64();
        for (const p of pieces) h.add(p);
        const state = h as unknown as { h1: number; h2: number };
        const digest = h.digest();
        expect(digest).toBe(hex8(state.h1 >>> 0) + hex8(state.h2 >>> 0));
        expect(digest).toMatch(/^[0-9a-f]{16}$/);
        expect(hash64(pieces.join(""))).toBe(digest);
      }),
      { numRuns: 500 },
    );
    expect(hex8(0)).toBe("00000000");
    expect(hex8(0xffffffff)).toBe("ffffffff");
    expect(hex8(0x0a1b2c3d)).toBe("0a1b2c3d");
  });
});
