import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Runs test/v8/decimal-fields.ts in a child process that may use V8's `%IsSmi`. */
function probe(control: boolean): Record<string, unknown> {
  const r = spawnSync(
    process.execPath,
    ["--allow-natives-syntax", "--import", "tsx", "test/v8/decimal-fields.ts"],
    {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
      env: {
        ...process.env,
        // @quiver/* from source, as in the other tests
        TSX_TSCONFIG_PATH: "bench/tsconfig.json",
        QUIVER_NAN_CONTROL: control ? "1" : "0",
      },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string) as Record<string, unknown>;
}

describe("Decimal field representation across the whole stack", () => {
  it("no package makes a NaN or infinite Decimal, so every Decimal keeps small-integer sign and exponent", () => {
    const out = probe(false);
    expect(out.trades).toBeGreaterThan(0);
    expect(out).toMatchObject({ afterImport: true, afterRun: true, resultValues: true });
  }, 90_000);

  it("the probe sees it when one NaN Decimal was made (control)", () => {
    const out = probe(true);
    expect(out).toMatchObject({ afterImport: false, afterRun: false, resultValues: false });
  }, 90_000);
});
