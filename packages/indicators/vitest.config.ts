import { defineProject } from "vitest/config";
import { sourceAliases } from "../../vitest.shared";

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: {
    name: "indicators",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The tests share no mutable module state, so reuse workers' module cache: importing the two oracle
    // libraries once per worker instead of once per file cuts the wall time roughly in half.
    isolate: false,
  },
});
