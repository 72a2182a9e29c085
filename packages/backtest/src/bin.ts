#!/usr/bin/env node
// Entry point of the `quiver-backtest` executable.
import { runCli } from "./cli.js";

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
