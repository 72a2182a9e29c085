// Builds the library entry and the `quiver-backtest` executable (ESM + CJS + .d.ts).
import { defineConfig } from "tsup";
import base from "../../tsup.config.base";

export default defineConfig({ ...(base as object), entry: ["src/index.ts", "src/bin.ts"] });
