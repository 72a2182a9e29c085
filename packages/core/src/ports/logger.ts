// Logger port: structured logging; adapters must redact secrets.
import { isDecimal } from "../decimal.js";
/** Structured fields of a log line. */
export type LogFields = Record<string, unknown>;

/**
 * A structured logger. Contract: never throws; `child` binds fields (e.g. `strategyId`) to every
 * line. Implementations must never write API keys or secrets.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

/** A logger that drops everything. */
export const noopLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return noopLogger;
  },
};

/** Keys whose values are replaced by "[redacted]" by {@link redact}. */
const SECRET_KEY = /(secret|password|passphrase|token|api[-_]?key|authorization|signature|private)/i;

/**
 * Deep-copies `fields` into JSON-safe data, replacing values of secret-looking keys by
 * "[redacted]" at any depth. Decimals become decimal strings, bigints strings, errors
 * `{ name, message, code?, details? }` (never their cause), cycles "[circular]".
 */
export function redact(fields: LogFields): LogFields {
  // Only objects on the current path are cycles; the same object seen twice elsewhere is copied.
  const ancestors = new WeakSet<object>();
  const copy = (v: object): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Error) {
      // Own enumerable keys of an Error are usually empty: keep name, message, code and details.
      const e = v as Error & { code?: unknown; details?: unknown };
      const out: Record<string, unknown> = { name: e.name, message: e.message };
      if (e.code !== undefined) out["code"] = walk(e.code);
      if (e.details !== undefined) out["details"] = walk(e.details);
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) out[k] = SECRET_KEY.test(k) ? "[redacted]" : walk(val);
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === "bigint") return v.toString();
    if (v === null || typeof v !== "object") return v;
    if (isDecimal(v)) return v.toFixed();
    if (ancestors.has(v)) return "[circular]";
    ancestors.add(v);
    try {
      return copy(v);
    } finally {
      ancestors.delete(v);
    }
  };
  return walk(fields) as LogFields;
}

/** A JSON-lines logger writing to a sink (console by default), with secret redaction. */
export function createJsonLogger(
  options: {
    level?: "debug" | "info" | "warn" | "error";
    sink?: (line: string) => void;
    bindings?: LogFields;
  } = {},
): Logger {
  const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;
  const min = order[options.level ?? "info"];
  const sink = options.sink ?? ((line: string) => console.log(line));
  const bindings = options.bindings ?? {};
  const write = (level: keyof typeof order, message: string, fields?: LogFields) => {
    if (order[level] < min) return;
    try {
      sink(JSON.stringify(redact({ level, msg: message, ...bindings, ...fields })));
    } catch {
      // A logger never throws.
    }
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    child: (b) => createJsonLogger({ ...options, bindings: { ...bindings, ...b } }),
  };
}
