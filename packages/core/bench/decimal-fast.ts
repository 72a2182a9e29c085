// Benchmark: decimal.js vs core's exact fast paths on realistic money operands (median ns/op and bytes/op).
//
// Run: `npx tsx bench/decimal-fast.ts` in packages/core (`pnpm bench` there too). Three variants per case,
// interleaved rep by rep in one process so that machine load hits them alike:
//   decimal.js (pristine)  a separate, untouched copy of decimal.js (its CommonJS build) with core's
//                          settings: the cost before this package's changes;
//   decimal.js (core)      the same method on core's `Decimal` (fast static properties, see decimal.ts);
//   fast                   the decimal-fast.ts function.
// Time is this process's CPU time (so time the machine spends on other processes is not counted).
// Bytes/op is the young-generation growth over a batch (batches interrupted by a scavenge are dropped).
import { createRequire } from "node:module";
import { getHeapSpaceStatistics } from "node:v8";
import DecimalJs from "decimal.js";
import { Decimal } from "../src/decimal.js";
import {
  addDecimals,
  compareDecimals,
  isGreaterThanOrEqual,
  mulDecimals,
  roundToDecimalPlaces,
  subDecimals,
} from "../src/decimal-fast.js";

type Op = (a: Decimal, b: Decimal) => unknown;
type Loop = (a: Decimal, b: Decimal, n: number) => unknown;

const require = createRequire(import.meta.url);
const Pristine = (require("decimal.js") as typeof DecimalJs).clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
if ((require("decimal.js") as unknown) === DecimalJs) {
  console.warn("warning: the pristine decimal.js is the module core uses; 'pristine' is not a baseline");
}

/** A loop compiled on its own (own feedback), so each case's call site stays monomorphic. */
function loopOf(op: Op): Loop {
  return new Function(
    "op",
    "return function loop(a, b, n) { let r; for (let i = 0; i < n; i++) r = op(a, b); return r; };",
  )(op) as Loop;
}

interface Variant {
  name: string;
  loop: Loop;
  a: Decimal;
  b: Decimal;
  ns: number[];
  bytes: number[];
}

interface Case {
  name: string;
  variants: Variant[];
}

function variant(name: string, op: Op, a: Decimal, b: Decimal): Variant {
  return { name, loop: loopOf(op), a, b, ns: [], bytes: [] };
}

/** One case: the decimal.js method on both constructors, and the fast function on core's values. */
function binary(name: string, a: string, b: string, method: Op, fast: Op): Case {
  return {
    name,
    variants: [
      variant("decimal.js (pristine)", method, new Pristine(a), new Pristine(b)),
      variant("decimal.js (core)", method, new Decimal(a), new Decimal(b)),
      variant("fast", fast, new Decimal(a), new Decimal(b)),
    ],
  };
}

const price = "100.1234";
const qty = "12.3456";
const cash = "1234567.12345678";
const notional = new Decimal(price).times(qty).toString(); // 1236.08344704
const feeRate = "0.001";
const fee = new Decimal(notional).times("0.00075").toString(); // 0.92706258528
const quotient = new Decimal(cash).dividedBy(price).toString(); // 40 significant digits

const cases: Case[] = [
  binary(`mul  price × qty (${price} × ${qty})`, price, qty, (a, b) => a.times(b), mulDecimals),
  binary(
    `mul  notional × fee rate (${notional} × ${feeRate})`,
    notional,
    feeRate,
    (a, b) => a.times(b),
    mulDecimals,
  ),
  binary(`sub  cash − notional (${cash} − ${notional})`, cash, notional, (a, b) => a.minus(b), subDecimals),
  binary(`add  cash + notional`, cash, notional, (a, b) => a.plus(b), addDecimals),
  binary(`add  qty + qty (${qty} + 0.5)`, qty, "0.5", (a, b) => a.plus(b), addDecimals),
  binary(`sub  qty − qty (equal: closing a position)`, qty, qty, (a, b) => a.minus(b), subDecimals),
  binary(`add  qty + 0`, qty, "0", (a, b) => a.plus(b), addDecimals),
  binary(`cmp  cash vs notional`, cash, notional, (a, b) => a.comparedTo(b), compareDecimals),
  binary(`gte  cash ≥ notional`, cash, notional, (a, b) => a.greaterThanOrEqualTo(b), isGreaterThanOrEqual),
  binary(
    `round fee to 8 places, ROUND_UP (${fee})`,
    fee,
    "0",
    (a) => a.toDecimalPlaces(8, DecimalJs.ROUND_UP),
    (a) => roundToDecimalPlaces(a, 8, DecimalJs.ROUND_UP),
  ),
  binary(
    `round qty down to 4 places (cash / price, ${quotient.length - 1} digits)`,
    quotient,
    "0",
    (a) => a.toDecimalPlaces(4, DecimalJs.ROUND_DOWN),
    (a) => roundToDecimalPlaces(a, 4, DecimalJs.ROUND_DOWN),
  ),
  binary(
    "round price to 4 places (already on the tick)",
    price,
    "0",
    (a) => a.toDecimalPlaces(4),
    (a) => roundToDecimalPlaces(a, 4),
  ),
  binary(
    "fee  notional × rate, rounded up to 8 places",
    notional,
    "0.00075",
    (a, b) => a.times(b).toDecimalPlaces(8, DecimalJs.ROUND_UP),
    (a, b) => roundToDecimalPlaces(mulDecimals(a, b), 8, DecimalJs.ROUND_UP),
  ),
];

const only = process.env.ONLY;
if (only !== undefined) cases.splice(0, cases.length, ...cases.filter((c) => c.name.includes(only)));

function youngBytes(): number {
  for (const s of getHeapSpaceStatistics()) if (s.space_name === "new_space") return s.space_used_size;
  return 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  return s.length === 0 ? Number.NaN : (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
}

const BATCH = 20_000;
const BYTES_BATCH = 1_000;
const REPS = Number(process.env.REPS ?? 31);

// Overhead of one young-generation reading (it allocates a little itself).
const probeOverhead = median(
  Array.from({ length: 50 }, () => {
    const before = youngBytes();
    return youngBytes() - before;
  }).filter((d) => d >= 0),
);

// Warm up every loop (optimised code for every case before any timing).
for (let i = 0; i < 5; i++) for (const c of cases) for (const v of c.variants) v.loop(v.a, v.b, BATCH);

let sink: unknown;
for (let rep = 0; rep < REPS; rep++) {
  for (const c of cases) {
    for (const v of c.variants) {
      const cpu = process.cpuUsage();
      sink = v.loop(v.a, v.b, BATCH);
      const used = process.cpuUsage(cpu);
      v.ns.push(((used.user + used.system) * 1000) / BATCH);
      const before = youngBytes();
      sink = v.loop(v.a, v.b, BYTES_BATCH);
      const grown = youngBytes() - before - probeOverhead;
      if (grown >= 0) v.bytes.push(grown / BYTES_BATCH);
    }
  }
}
void sink;

console.log(
  `decimal fast paths: median of ${REPS} interleaved reps × ${BATCH} ops (node ${process.version})\n`,
);
const header = `${"case / variant".padEnd(58)} ${"ns/op".padStart(8)} ${"bytes/op".padStart(9)} ${"× pristine".padStart(11)}`;
console.log(header);
for (const c of cases) {
  console.log(c.name);
  const base = median(c.variants[0]!.ns);
  for (const v of c.variants) {
    const ns = median(v.ns);
    const bytes = median(v.bytes);
    console.log(
      `  ${v.name.padEnd(56)} ${ns.toFixed(1).padStart(8)} ${Number.isNaN(bytes) ? "       ?" : bytes.toFixed(0).padStart(9)} ${(base / ns).toFixed(2).padStart(10)}×`,
    );
  }
}
