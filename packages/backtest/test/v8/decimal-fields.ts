// Run by decimal-fields.test.ts in a child `node --allow-natives-syntax` (never by vitest itself):
// imports every package, runs a small backtest, and reports whether Decimals still keep their sign
// and exponent as V8 small integers. One Decimal whose sign or exponent is not a small integer
// anywhere in a process (NaN, ±Infinity, or an exponent read as −0 from "1e-0") turns those fields
// into boxed doubles for every Decimal made afterwards (up to two more heap objects each).
// `QUIVER_NAN_CONTROL=1` makes one first, to show that the probe sees the difference.
import { Decimal, parseDecimal } from "@quiver/core";
import "@quiver/indicators";
import "@quiver/ledger";
import "@quiver/risk";
import "@quiver/runner";
import "@quiver/broker-paper";
import { runBacktest } from "../../src/index.js";
import { spec } from "../fixtures.js";

const isSmi = new Function("x", "return %IsSmi(x)") as (x: unknown) => boolean;
const smallFields = (d: Decimal) => {
  const f = d as unknown as { s: unknown; e: unknown };
  return isSmi(f.s) && isSmi(f.e);
};

if (process.env.QUIVER_NAN_CONTROL === "1") new Decimal(Number.NaN);
const afterImport = smallFields(new Decimal("12.5"));
// user input with a zero exponent (decimal.js alone would read "-0" as −0)
parseDecimal("2.5e-0", "probe.a");
parseDecimal("-1E-00", "probe.b");
const { result } = await runBacktest(spec(400));
const values = result.trades
  .flatMap((t) => [t.quantity, t.entryPrice, t.realizedPnl])
  .filter((d): d is Decimal => d !== null);
console.log(
  JSON.stringify({
    afterImport,
    afterRun: smallFields(new Decimal("12.5")),
    trades: result.trades.length,
    resultValues: values.length > 0 && values.every(smallFields),
  }),
);
