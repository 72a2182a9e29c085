import { defineProject } from "vitest/config";
import { sourceAliases } from "../../vitest.shared";

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: { name: "indicators", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
