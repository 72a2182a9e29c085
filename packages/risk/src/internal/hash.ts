// A small deterministic string hash for plan and action ids (no BigInt: it runs per action).
import { hex64 } from "@quiver/core";

/**
 * Incremental {@link hash64}: feeding the pieces of a text gives the hash of their concatenation,
 * without building (and flattening) the concatenated string.
 */
export class Hash64 {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193 ^ 0x5bd1e995;

  /** Starts a new text. */
  reset(): this {
    this.h1 = 0x811c9dc5;
    this.h2 = 0x01000193 ^ 0x5bd1e995;
    return this;
  }

  /** Appends `text`. */
  add(text: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** Appends one UTF-16 code unit. */
  addCode(c: number): this {
    this.h1 = Math.imul(this.h1 ^ c, 0x01000193);
    const h2 = Math.imul(this.h2 ^ c, 0x5bd1e995);
    this.h2 = h2 ^ (h2 >>> 15);
    return this;
  }

  /** The 16 hex characters of the text so far (`hex8(h1) + hex8(h2)`), as one string: core's {@link hex64}. */
  digest(): string {
    return hex64(this.h1, this.h2);
  }
}

/** 64 bits of two independent 32-bit FNV-1a variants, as 16 hex characters. */
export function hash64(text: string): string {
  return new Hash64().add(text).digest();
}
