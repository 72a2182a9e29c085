// Venue order and trade ids ("P-000042", "P-000042-f1") built with one string allocation each.

/** "000".."999". */
const PAD3: string[] = [];
for (let i = 0; i < 1000; i++) PAD3.push(String(i).padStart(3, "0"));

/** "-f0".."-f15": the suffix of an order's first trade ids. */
const FILL_SUFFIX: string[] = [];
for (let i = 0; i < 16; i++) FILL_SUFFIX.push(`-f${i}`);

/**
 * Makes `P-${String(n).padStart(6, "0")}` for the 1-based submission number `n`. The text up to the
 * last three digits changes once per thousand orders and is kept, so an id is one concatenation of
 * two existing strings (the template with padStart built three strings per order). For n ≥ 10⁶
 * (no padding), String(n) is String(⌊n / 1000⌋) followed by the last three digits, so the same split
 * holds.
 */
export class OrderIdMaker {
  private thousands = -1;
  private prefix = "";

  idOf(n: number): string {
    if (!Number.isSafeInteger(n) || n < 1) return `P-${String(n).padStart(6, "0")}`;
    const h = Math.floor(n / 1000);
    if (h !== this.thousands) {
      this.thousands = h;
      this.prefix = h < 1000 ? `P-${PAD3[h] as string}` : `P-${String(h)}`;
    }
    return this.prefix + (PAD3[n - h * 1000] as string);
  }
}

/** `${orderId}-f${fillNumber}`, without the intermediate string for the usual first fills. */
export function tradeIdOf(orderId: string, fillNumber: number): string {
  return fillNumber >= 0 && fillNumber < FILL_SUFFIX.length
    ? orderId + (FILL_SUFFIX[fillNumber] as string)
    : `${orderId}-f${fillNumber}`;
}
