// StateStore port: append-only event journals plus snapshots, per named stream.
import type { MaybePromise } from "./broker.js";

/** One journaled record: JSON-safe (decimals as strings), with a per-stream sequence number. */
export interface StoredRecord {
  /** 1-based, strictly increasing per stream; assigned by the store. */
  seq: number;
  /** Record kind, e.g. "fill", "signal", "decision". */
  type: string;
  at: number;
  data: unknown;
}

/** A snapshot of a stream's folded state, taken after record `seq`. */
export interface StoredSnapshot {
  seq: number;
  at: number;
  state: unknown;
}

/**
 * Durable state. Contract:
 * - `append` is atomic per call: all records are durable when it returns (or resolves), or none
 *   are. It returns the records with their assigned `seq`.
 * - `load` returns the latest valid snapshot (or null) and every record after it, in order.
 *   It throws StateCorruptError when data fails validation and cannot be recovered.
 * - `saveSnapshot` replaces the snapshot atomically (old or new, never torn).
 * - A store used by one process at a time takes an exclusive lock on open; a second opener fails.
 */
export interface StateStore {
  append(stream: string, records: ReadonlyArray<Omit<StoredRecord, "seq">>): MaybePromise<StoredRecord[]>;
  saveSnapshot(stream: string, snapshot: StoredSnapshot): MaybePromise<void>;
  load(stream: string): MaybePromise<{ snapshot: StoredSnapshot | null; records: StoredRecord[] }>;
  close?(): MaybePromise<void>;
}
