// Shared vitest settings: tests import workspace packages from source, so no build is needed to test.
import { readdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL(".", import.meta.url));

/** `@quiver/<name>` → `packages/<name>/src/index.ts` for every package that has one. */
export function sourceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const name of readdirSync(join(root, "packages"))) {
    const entry = join(root, "packages", name, "src", "index.ts");
    if (existsSync(entry)) aliases[`@quiver/${name}`] = entry;
  }
  return aliases;
}
