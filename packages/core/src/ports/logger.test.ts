// Tests of secret redaction and the JSON-lines logger (RELIABILITY #21: no secret in any log).
import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.js";
import { BrokerError } from "../errors.js";
import { createJsonLogger, noopLogger, redact } from "./logger.js";

function collect(options: Parameters<typeof createJsonLogger>[0] = {}) {
  const lines: string[] = [];
  const logger = createJsonLogger({ ...options, sink: (line) => lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("redact", () => {
  it("hides apiKey, secret, token and authorization at any depth", () => {
    const out = redact({
      apiKey: "K-1",
      api_key: "K-2",
      "x-api-key": "K-3",
      secret: "S-1",
      clientSecret: "S-2",
      token: "T-1",
      nested: {
        accessToken: "T-2",
        deeper: { headers: { Authorization: "Bearer T-3", "Content-Type": "application/json" } },
        list: [{ password: "P-1", ok: 1 }, [{ passphrase: "P-2" }]],
      },
      privateKey: "PK",
      signature: "SIG",
      venue: "kraken",
    });
    expect(out).toEqual({
      apiKey: "[redacted]",
      api_key: "[redacted]",
      "x-api-key": "[redacted]",
      secret: "[redacted]",
      clientSecret: "[redacted]",
      token: "[redacted]",
      nested: {
        accessToken: "[redacted]",
        deeper: { headers: { Authorization: "[redacted]", "Content-Type": "application/json" } },
        list: [{ password: "[redacted]", ok: 1 }, [{ passphrase: "[redacted]" }]],
      },
      privateKey: "[redacted]",
      signature: "[redacted]",
      venue: "kraken",
    });
    expect(JSON.stringify(out)).not.toMatch(/K-\d|S-\d|T-\d|P-\d|PK|SIG/);
  });

  it("redacts whole objects under a secret key and leaves the input untouched", () => {
    const input = { credentials: { apiKey: "A" }, secrets: { a: "B" } };
    expect(redact(input)).toEqual({ credentials: { apiKey: "[redacted]" }, secrets: "[redacted]" });
    expect(input.credentials.apiKey).toBe("A");
  });

  it("marks cycles but copies an object that merely appears twice", () => {
    const shared = { n: 1 };
    const a: Record<string, unknown> = { shared, again: shared };
    a["self"] = a;
    expect(redact(a)).toEqual({ shared: { n: 1 }, again: { n: 1 }, self: "[circular]" });
  });

  it("writes Decimals as decimal strings, bigints as strings, errors without their cause", () => {
    const err = new BrokerError("submit failed", {
      cause: { headers: { authorization: "Bearer CAUSE-SECRET" } },
      details: { apiKey: "DETAIL-SECRET", status: 401 },
    });
    const out = redact({ qty: new Decimal("0.00000001"), big: 2n ** 70n, err, plain: new Error("boom") });
    expect(out).toEqual({
      qty: "0.00000001",
      big: "1180591620717411303424",
      err: {
        name: "BrokerError",
        message: "submit failed",
        code: "BROKER",
        details: { apiKey: "[redacted]", status: 401, retryable: false, unknownOutcome: false },
      },
      plain: { name: "Error", message: "boom" },
    });
    expect(JSON.stringify(out)).not.toContain("SECRET");
  });
});

describe("createJsonLogger", () => {
  it("writes one redacted JSON line per call", () => {
    const { logger, parsed, lines } = collect();
    logger.info("order sent", { clientOrderId: "c-1", headers: { Authorization: "Bearer XYZ" } });
    expect(lines).toHaveLength(1);
    expect(parsed()[0]).toEqual({
      level: "info",
      msg: "order sent",
      clientOrderId: "c-1",
      headers: { Authorization: "[redacted]" },
    });
    expect(lines[0]).not.toContain("XYZ");
  });

  it("filters by level (info by default)", () => {
    const { logger, parsed } = collect();
    logger.debug("hidden");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    expect(parsed().map((l) => l["level"])).toEqual(["info", "warn", "error"]);
    const verbose = collect({ level: "debug" });
    verbose.logger.debug("shown");
    expect(verbose.parsed()).toHaveLength(1);
    const quiet = collect({ level: "error" });
    quiet.logger.warn("hidden");
    quiet.logger.error("shown");
    expect(quiet.parsed().map((l) => l["msg"])).toEqual(["shown"]);
  });

  it("never throws on circular fields and still writes the line", () => {
    const { logger, parsed } = collect();
    const loop: Record<string, unknown> = { name: "loop" };
    loop["me"] = loop;
    expect(() => logger.error("cycle", { loop, n: 10n })).not.toThrow();
    expect(parsed()[0]).toMatchObject({ msg: "cycle", loop: { name: "loop", me: "[circular]" }, n: "10" });
  });

  it("never throws when the sink throws or a getter throws", () => {
    const logger = createJsonLogger({
      sink: () => {
        throw new Error("disk full");
      },
    });
    expect(() => logger.info("x")).not.toThrow();
    const { logger: l2, lines } = collect();
    const evil = {
      get boom(): never {
        throw new Error("getter");
      },
    };
    expect(() => l2.warn("evil", { evil })).not.toThrow();
    expect(lines).toHaveLength(0);
  });

  it("child bindings carry strategyId on every line and nest", () => {
    const { logger, parsed } = collect({ bindings: { app: "quiver" } });
    const child = logger.child({ strategyId: "trend_v1" });
    const grandchild = child.child({ instrumentId: "ETH/BTC", apiKey: "NOPE" });
    child.info("cycle");
    grandchild.warn("skip", { skipReason: "stale_data" });
    logger.info("root");
    expect(parsed()).toEqual([
      { level: "info", msg: "cycle", app: "quiver", strategyId: "trend_v1" },
      {
        level: "warn",
        msg: "skip",
        app: "quiver",
        strategyId: "trend_v1",
        instrumentId: "ETH/BTC",
        apiKey: "[redacted]",
        skipReason: "stale_data",
      },
      { level: "info", msg: "root", app: "quiver" },
    ]);
  });

  it("a secret in an error's details never reaches the sink (RELIABILITY #21)", () => {
    const { logger, lines } = collect();
    const err = new BrokerError("HTTP 401", {
      cause: { config: { headers: { "X-API-KEY": "FAKE-SECRET-123" } } },
      details: { request: { headers: { authorization: "FAKE-SECRET-123" } } },
    });
    logger.error("broker call failed", { err, errors: [err] });
    expect(lines).toHaveLength(1);
    expect(lines.join("\n")).not.toContain("FAKE-SECRET-123");
    expect(lines[0]).toContain("HTTP 401");
  });
});

describe("noopLogger", () => {
  it("accepts every call and returns itself as child", () => {
    expect(() => {
      noopLogger.debug("a");
      noopLogger.info("b", { x: 1 });
      noopLogger.warn("c");
      noopLogger.error("d");
    }).not.toThrow();
    expect(noopLogger.child({ strategyId: "s" })).toBe(noopLogger);
  });
});
