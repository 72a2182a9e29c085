// Tests of QuiverError and its subclasses: stable codes, cross-copy detection, safe serialization.
import { describe, expect, it, vi } from "vitest";
import {
  BrokerError,
  ConfigError,
  InvalidStateError,
  LedgerError,
  LiveTradingDisabledError,
  LockTimeoutError,
  NotFoundError,
  QuiverError,
  RiskBlockedError,
  StateCorruptError,
  ValidationError,
} from "./errors.js";

const MARKER = Symbol.for("@quiver/core/QuiverError");

describe("QuiverError.isInstance", () => {
  it("is true for every subclass, with its stable code and name", () => {
    const cases: Array<[QuiverError, string, string]> = [
      [new ValidationError("order", [{ path: "quantity", message: "bad" }]), "VALIDATION", "ValidationError"],
      [new ConfigError("bad config"), "CONFIG", "ConfigError"],
      [new RiskBlockedError("blocked", ["max_exposure"]), "RISK_BLOCKED", "RiskBlockedError"],
      [new BrokerError("down"), "BROKER", "BrokerError"],
      [new StateCorruptError("torn"), "STATE_CORRUPT", "StateCorruptError"],
      [new LockTimeoutError("busy"), "LOCK_TIMEOUT", "LockTimeoutError"],
      [new LedgerError("overfill"), "LEDGER", "LedgerError"],
      [new LiveTradingDisabledError(), "LIVE_TRADING_DISABLED", "LiveTradingDisabledError"],
      [new NotFoundError("no entry"), "NOT_FOUND", "NotFoundError"],
      [new InvalidStateError("not paused"), "INVALID_STATE", "InvalidStateError"],
    ];
    for (const [err, code, name] of cases) {
      expect(QuiverError.isInstance(err)).toBe(true);
      expect(err).toBeInstanceOf(Error);
      expect(err.code).toBe(code);
      expect(err.name).toBe(name);
      expect(err.stack).toBeTypeOf("string");
    }
  });

  it("is true for a user subclass", () => {
    class VenueDownError extends QuiverError {
      constructor() {
        super("BROKER", "venue down");
      }
    }
    expect(QuiverError.isInstance(new VenueDownError())).toBe(true);
    expect(BrokerError.isBrokerError(new VenueDownError())).toBe(true);
  });

  it("is true for an object carrying the global marker (another copy of the package)", () => {
    const foreign = { [MARKER]: true, code: "VALIDATION", message: "from another copy" };
    expect(QuiverError.isInstance(foreign)).toBe(true);
    expect(foreign instanceof QuiverError).toBe(false);
  });

  it("is true for errors of a genuinely separate module instance", async () => {
    vi.resetModules();
    // The query string makes Vite load a second, independent instance of the module.
    const copyPath = "./errors.js?copy";
    const copy = (await import(/* @vite-ignore */ copyPath)) as typeof import("./errors.js");
    expect(copy.QuiverError).not.toBe(QuiverError);
    const foreign = new copy.BrokerError("timeout", { unknownOutcome: true });
    expect(foreign instanceof QuiverError).toBe(false);
    expect(QuiverError.isInstance(foreign)).toBe(true);
    expect(BrokerError.isBrokerError(foreign)).toBe(true);
    expect(copy.QuiverError.isInstance(new ValidationError("x", []))).toBe(true);
  });

  it.each([
    ["a plain Error", new Error("x")],
    ["null", null],
    ["undefined", undefined],
    ["a string", "VALIDATION"],
    ["an object with a code", { code: "VALIDATION", message: "x" }],
    ["an object with a false marker", { [MARKER]: false }],
    ["an object with a truthy non-true marker", { [MARKER]: "yes" }],
    ["an object with a look-alike local symbol", { [Symbol("@quiver/core/QuiverError")]: true }],
  ])("is false for %s", (_name, value) => {
    expect(QuiverError.isInstance(value)).toBe(false);
    expect(BrokerError.isBrokerError(value)).toBe(false);
  });
});

describe("BrokerError", () => {
  it("defaults to not retryable and a known outcome", () => {
    const err = new BrokerError("rejected: insufficient funds", { venueCode: "EOrder:Insufficient funds" });
    expect(err.retryable).toBe(false);
    expect(err.unknownOutcome).toBe(false);
    expect(err.venueCode).toBe("EOrder:Insufficient funds");
    expect(err.retryAfterMs).toBeUndefined();
    expect(err.details).toMatchObject({
      retryable: false,
      unknownOutcome: false,
      venueCode: "EOrder:Insufficient funds",
    });
  });

  it("a timeout after sending is an unknown outcome, not a retryable failure", () => {
    const err = new BrokerError("submit timed out after sending", { unknownOutcome: true });
    expect(err.unknownOutcome).toBe(true);
    expect(err.retryable).toBe(false);
    expect(err.toJSON().details).toMatchObject({ unknownOutcome: true, retryable: false });
  });

  it("a rate limit is retryable with a wait", () => {
    const err = new BrokerError("429", { retryable: true, retryAfterMs: 1500, venueCode: "429" });
    expect(err.retryable).toBe(true);
    expect(err.retryAfterMs).toBe(1500);
  });

  it("isBrokerError distinguishes broker errors from other Quiver errors", () => {
    expect(BrokerError.isBrokerError(new BrokerError("x"))).toBe(true);
    expect(BrokerError.isBrokerError(new LedgerError("x"))).toBe(false);
    expect(BrokerError.isBrokerError({ [MARKER]: true, code: "BROKER" })).toBe(true);
  });
});

describe("ValidationError", () => {
  it("lists every path in its message and exposes them", () => {
    const err = new ValidationError("Order", [
      { path: "limitPrice", message: "is required for limit orders" },
      { path: "positions[0].quantity", message: "must be finite" },
      { path: "", message: "root problem" },
    ]);
    expect(err.message).toBe(
      "Invalid Order: limitPrice: is required for limit orders; positions[0].quantity: must be finite; root problem",
    );
    expect(err.paths).toEqual(["limitPrice", "positions[0].quantity", ""]);
    expect(err.issues).toHaveLength(3);
    expect(err.details).toMatchObject({ what: "Order", issues: err.issues });
  });

  it("keeps caller details next to its own", () => {
    const err = new ValidationError("x", [{ path: "a", message: "b" }], { details: { source: "file.yaml" } });
    expect(err.details).toMatchObject({ source: "file.yaml", what: "x" });
  });
});

describe("RiskBlockedError", () => {
  it("carries its reasons", () => {
    const err = new RiskBlockedError("blocked", ["kill_switch", "max_exposure"]);
    expect(err.reasons).toEqual(["kill_switch", "max_exposure"]);
    expect(err.details).toMatchObject({ reasons: ["kill_switch", "max_exposure"] });
  });
});

describe("toJSON", () => {
  it("has exactly name, code, message and details — never the cause", () => {
    const cause = Object.assign(new Error("HTTP 401"), {
      config: { headers: { Authorization: "Bearer SECRET-TOKEN-123", "X-Api-Key": "SECRET-KEY-456" } },
    });
    const err = new BrokerError("order submit failed", { cause, retryable: true, details: { status: 401 } });
    expect(err.cause).toBe(cause);
    const json = err.toJSON();
    expect(Object.keys(json).sort()).toEqual(["code", "details", "message", "name"]);
    const text = JSON.stringify(err);
    expect(JSON.parse(text)).toEqual({
      name: "BrokerError",
      code: "BROKER",
      message: "order submit failed",
      details: { status: 401, retryable: true, unknownOutcome: false },
    });
    expect(text).not.toContain("SECRET");
    expect(text).not.toContain("HTTP 401");
  });

  it("round-trips through JSON for a validation error", () => {
    const err = new ValidationError("Fill", [{ path: "price", message: "must be > 0" }]);
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: "ValidationError",
      code: "VALIDATION",
      message: "Invalid Fill: price: must be > 0",
      details: { what: "Fill", issues: [{ path: "price", message: "must be > 0" }] },
    });
  });
});
