// Bar matching rules, case by case: market, limit (touch / gap), stop (touch / gap), stop-limit, ioc.
import { describe, expect, it } from "vitest";
import { type MatchSpec, matchOrderOnBar } from "./match-order.js";

const bar = { open: 100, high: 105, low: 95, close: 102 };
const base: MatchSpec = {
  type: "market",
  buy: true,
  triggered: false,
  limit: Number.NaN,
  stop: Number.NaN,
  arrivalAtClose: false,
  once: false,
  closeMode: false,
};

describe("matchOrderOnBar", () => {
  it.each<[string, Partial<MatchSpec>, unknown, boolean]>([
    [
      "market next_open → open",
      {},
      { source: "bar", field: "open", barPrice: 100, capAtLimit: false, atOpen: true },
      false,
    ],
    [
      "market close mode → close",
      { closeMode: true },
      { source: "bar", field: "close", barPrice: 102, capAtLimit: false, atOpen: false },
      false,
    ],
    [
      "buy limit above open → open, capped",
      { type: "limit", limit: 101 },
      { source: "bar", field: "open", barPrice: 100, capAtLimit: true, atOpen: true },
      false,
    ],
    ["buy limit touched → limit (maker)", { type: "limit", limit: 96 }, { source: "limit" }, false],
    ["buy limit below low → none", { type: "limit", limit: 94 }, undefined, false],
    [
      "sell limit below open → open",
      { type: "limit", buy: false, limit: 99 },
      { source: "bar", field: "open", barPrice: 100, capAtLimit: true, atOpen: true },
      false,
    ],
    ["sell limit touched → limit", { type: "limit", buy: false, limit: 104 }, { source: "limit" }, false],
    ["ioc limit: touch does not count", { type: "limit", limit: 96, once: true }, undefined, false],
    [
      "close arrival: limit vs close only",
      { type: "limit", limit: 101, arrivalAtClose: true, closeMode: true },
      undefined,
      false,
    ],
    [
      "close arrival: marketable at close",
      { type: "limit", limit: 103, arrivalAtClose: true, closeMode: true },
      { source: "bar", field: "close", barPrice: 102, capAtLimit: true, atOpen: false },
      false,
    ],
    ["buy stop touched → stop", { type: "stop", stop: 104 }, { source: "stop", capAtLimit: false }, true],
    [
      "buy stop gapped → open",
      { type: "stop", stop: 99 },
      { source: "bar", field: "open", barPrice: 100, capAtLimit: false, atOpen: true },
      true,
    ],
    ["buy stop not reached → none", { type: "stop", stop: 106 }, undefined, false],
    [
      "sell stop touched → stop",
      { type: "stop", buy: false, stop: 96 },
      { source: "stop", capAtLimit: false },
      true,
    ],
    [
      "triggered stop acts as market",
      { type: "stop", stop: 200, triggered: true },
      { source: "bar", field: "open", barPrice: 100, capAtLimit: false, atOpen: true },
      true,
    ],
    [
      "stop_limit touched within limit",
      { type: "stop_limit", stop: 104, limit: 104.5 },
      { source: "stop", capAtLimit: true },
      true,
    ],
    [
      "stop_limit touched, limit below stop → rests",
      { type: "stop_limit", stop: 104, limit: 103 },
      undefined,
      true,
    ],
    ["stop_limit gapped past limit → rests", { type: "stop_limit", stop: 98, limit: 99 }, undefined, true],
    [
      "triggered stop_limit acts as limit",
      { type: "stop_limit", stop: 98, limit: 96, triggered: true },
      { source: "limit" },
      true,
    ],
  ])("%s", (_name, spec, match, triggered) => {
    const r = matchOrderOnBar({ ...base, ...spec }, bar);
    expect(r.match).toEqual(match);
    expect(r.triggered).toBe(triggered);
  });
});
