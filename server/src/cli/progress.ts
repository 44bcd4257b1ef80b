/**
 * The progress line a long scan shows on a terminal: `scanning… 120/480 files`, redrawn in place with `\r` and
 * erased when the scan ends. It appears only after a delay, so a quick scan never flickers, and only when stderr
 * is a terminal, so logs and pipes never hold carriage returns.
 */

export interface ProgressTiming {
  /** How long a scan runs before the line appears. */
  readonly delayMs: number;
  /** The least time between two redraws: a terminal need not be rewritten for every small file. */
  readonly intervalMs: number;
}

export const DEFAULT_TIMING: ProgressTiming = { delayMs: 1000, intervalMs: 100 };

export class ProgressLine {
  private readonly started: number;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  /** The length of the line on screen; 0 when nothing is shown. */
  private shown = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly now: () => number,
    private readonly timing: ProgressTiming = DEFAULT_TIMING,
  ) {
    this.started = now();
  }

  /** Called after each file; draws only once the delay has passed, and then at most once per interval. */
  update(done: number, total: number): void {
    const time = this.now();
    if (time - this.started < this.timing.delayMs || time - this.lastDrawn < this.timing.intervalMs) return;
    const text = `scanning… ${done}/${total} files`;
    // Spaces rather than an erase-line escape: they work on every terminal, old Windows consoles included.
    this.write(`\r${text}${' '.repeat(Math.max(0, this.shown - text.length))}`);
    this.shown = text.length;
    this.lastDrawn = time;
  }

  /** Erases the line, leaving the cursor where it began, so what follows starts on a clean line. */
  clear(): void {
    if (this.shown === 0) return;
    this.write(`\r${' '.repeat(this.shown)}\r`);
    this.shown = 0;
  }
}

/** A progress line for a stream, or nothing when the stream is not a terminal. */
export function progressFor(
  stream: { readonly isTTY: boolean; readonly write: (text: string) => void },
  now: () => number,
  timing: ProgressTiming = DEFAULT_TIMING,
): ProgressLine | undefined {
  return stream.isTTY ? new ProgressLine(stream.write, now, timing) : undefined;
}
