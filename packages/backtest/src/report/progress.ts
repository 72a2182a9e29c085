// A progress bar for long runs, on stderr, only when stderr is a TTY; redraws by bar count, not time.

/** Where progress is drawn: anything with `write` and an `isTTY` flag (process.stderr by default). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** A progress reporter; `update` is cheap enough for the hot loop (one comparison most calls). */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  total: number;
  label?: string;
  /** Defaults to `process.stderr`. */
  stream?: ProgressStream;
  /** Forces the bar on or off; defaults to `stream.isTTY === true`. */
  enabled?: boolean;
}

const NOOP: Progress = { update() {}, finish() {} };

/**
 * Creates a progress bar that redraws about 200 times over the run (by count, so it never reads a
 * clock). Off — a no-op — when the stream is not a TTY, so logs and CI output stay clean.
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? (process.stderr as ProgressStream);
  const enabled = options.enabled ?? stream.isTTY === true;
  if (!enabled || options.total <= 0) return NOOP;
  const step = Math.max(1, Math.floor(options.total / 200));
  const label = options.label ?? "backtest";
  let next = 0;
  let finished = false;
  const draw = (done: number) => {
    const f = Math.min(1, done / options.total);
    const w = 30;
    const full = Math.round(f * w);
    stream.write(
      `\r${label} [${"#".repeat(full)}${"-".repeat(w - full)}] ${(f * 100).toFixed(0).padStart(3)}% ${done}/${options.total}`,
    );
  };
  return {
    update(done: number) {
      if (done < next) return;
      next = done + step;
      draw(done);
    },
    finish() {
      if (finished) return;
      finished = true;
      draw(options.total);
      stream.write("\n");
    },
  };
}
