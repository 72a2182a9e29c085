import { defineProject } from "vitest/config";
import { sourceAliases } from "../../vitest.shared";

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: { name: "backtest", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
