import { defineProject } from "vitest/config";
import { sourceAliases } from "../../vitest.shared";

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: { name: "runner", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
