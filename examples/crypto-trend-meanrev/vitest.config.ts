import { defineProject } from "vitest/config";
import { sourceAliases } from "../../vitest.shared";

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: "example-crypto-trend-meanrev",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
