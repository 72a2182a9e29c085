// InMemoryStateStore: a StateStore kept in memory, with JSON-only records and injectable append failures.
import {
  InvalidStateError,
  QuiverError,
  type StateStore,
  type StoredRecord,
  type StoredSnapshot,
} from "@quiver/core";

interface StreamState {
  records: StoredRecord[];
  snapshot: StoredSnapshot | null;
  seq: number;
}

/**
 * A fake {@link StateStore}. Records are copied through JSON (so non-JSON data — a Decimal
 * without `toJSON`, a function, a cycle — fails loudly as it would in a real store), get 1-based
 * per-stream `seq` numbers, and `append` is all-or-nothing. `failNextAppend()` makes the next
 * append throw with nothing written.
 *
 * @example
 * const store = new InMemoryStateStore();
 * store.append("signals", [{ type: "signal", at: 0, data: { id: "a" } }]); // [{ seq: 1, … }]
 */
export class InMemoryStateStore implements StateStore {
  private readonly streams = new Map<string, StreamState>();
  private failures: Error[] = [];
  private closed = false;

  append(stream: string, records: ReadonlyArray<Omit<StoredRecord, "seq">>): StoredRecord[] {
    this.assertOpen();
    const failure = this.failures.shift();
    if (failure) throw failure;
    const s = this.stream(stream);
    // Copy everything first so a bad record leaves the stream unchanged (atomic per call).
    const copies = records.map((r) => JSON.parse(JSON.stringify({ type: r.type, at: r.at, data: r.data })));
    const out: StoredRecord[] = copies.map((c, i) => ({ seq: s.seq + i + 1, ...c }));
    s.seq += out.length;
    s.records.push(...out);
    return out.map((r) => ({ ...r }));
  }

  saveSnapshot(stream: string, snapshot: StoredSnapshot): void {
    this.assertOpen();
    const s = this.stream(stream);
    s.snapshot = JSON.parse(JSON.stringify(snapshot));
  }

  load(stream: string): { snapshot: StoredSnapshot | null; records: StoredRecord[] } {
    this.assertOpen();
    const s = this.streams.get(stream);
    if (!s) return { snapshot: null, records: [] };
    const after = s.snapshot?.seq ?? 0;
    return {
      snapshot: s.snapshot ? JSON.parse(JSON.stringify(s.snapshot)) : null,
      records: s.records.filter((r) => r.seq > after).map((r) => JSON.parse(JSON.stringify(r))),
    };
  }

  close(): void {
    this.closed = true;
  }

  /** Every record of a stream (snapshot or not), for assertions. */
  records(stream: string, type?: string): StoredRecord[] {
    const all = this.streams.get(stream)?.records ?? [];
    return type === undefined ? [...all] : all.filter((r) => r.type === type);
  }

  /** Names of streams written so far. */
  streamNames(): string[] {
    return [...this.streams.keys()];
  }

  /** The next append throws `error` (default: a QuiverError) and writes nothing. */
  failNextAppend(
    error: Error = new QuiverError("STATE_CORRUPT", "InMemoryStateStore: injected append failure"),
  ): this {
    this.failures.push(error);
    return this;
  }

  private assertOpen(): void {
    if (this.closed) throw new InvalidStateError("InMemoryStateStore is closed");
  }

  private stream(name: string): StreamState {
    let s = this.streams.get(name);
    if (!s) {
      s = { records: [], snapshot: null, seq: 0 };
      this.streams.set(name, s);
    }
    return s;
  }
}
