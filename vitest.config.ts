// Root vitest config: one run over every package and example, one summary.
// Set QUIVER_TEST_REPORT=<file> to also write vitest's JSON report there (CI prints a plain summary from it).
import { defineConfig } from "vitest/config";

const report = process.env.QUIVER_TEST_REPORT;

export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "examples/*/vitest.config.ts"],
    reporters: report ? ["default", "json"] : ["default"],
    ...(report ? { outputFile: { json: report } } : {}),
  },
});
