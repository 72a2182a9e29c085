// A small deterministic string hash for plan and action ids (no BigInt: it runs per action).

/** Character codes of "0".."9", "a".."f". */
const HEX_CODES: number[] = [];
for (let i = 0; i < 16; i++) HEX_CODES.push("0123456789abcdef".charCodeAt(i));

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

  /**
   * The 16 hex characters of the text so far (`hex8(h1) + hex8(h2)`), built as one string: the
   * concatenation of byte pairs made eight strings per plan id.
   */
  digest(): string {
    const a = this.h1;
    const b = this.h2;
    const d = HEX_CODES;
    return String.fromCharCode(
      d[(a >>> 28) & 15] as number,
      d[(a >>> 24) & 15] as number,
      d[(a >>> 20) & 15] as number,
      d[(a >>> 16) & 15] as number,
      d[(a >>> 12) & 15] as number,
      d[(a >>> 8) & 15] as number,
      d[(a >>> 4) & 15] as number,
      d[a & 15] as number,
      d[(b >>> 28) & 15] as number,
      d[(b >>> 24) & 15] as number,
      d[(b >>> 20) & 15] as number,
      d[(b >>> 16) & 15] as number,
      d[(b >>> 12) & 15] as number,
      d[(b >>> 8) & 15] as number,
      d[(b >>> 4) & 15] as number,
      d[b & 15] as number,
    );
  }
}

/** 64 bits of two independent 32-bit FNV-1a variants, as 16 hex characters. */
export function hash64(text: string): string {
  return new Hash64().add(text).digest();
}
