// When to restart the language server after it stopped on its own. No vscode import: unit-testable.

/** Five crashes within this window (more than four) and the server stays down: it would only crash again. */
export const CRASH_WINDOW_MS = 3 * 60 * 1000;
export const MAX_RESTARTS_IN_WINDOW = 4;

/**
 * - `restart`: restart without a word (the first crash, or after the user has been told once);
 * - `restart-and-warn`: restart and tell the user, once per session;
 * - `give-up`: too many crashes in the window; leave it stopped.
 */
export type CrashDecision = 'restart' | 'restart-and-warn' | 'give-up';

/** The crashes seen so far; `reset` when the user restarts the server, so a fresh start gets a fresh window. */
export class CrashPolicy {
  private recent: number[] = [];
  private crashes = 0;
  private warned = false;

  constructor(
    private readonly windowMs = CRASH_WINDOW_MS,
    private readonly maxRestarts = MAX_RESTARTS_IN_WINDOW,
  ) {}

  onCrash(now: number): CrashDecision {
    this.crashes += 1;
    this.recent = [...this.recent.filter((at) => now - at < this.windowMs), now];
    if (this.recent.length > this.maxRestarts) return 'give-up';
    if (this.crashes === 1 || this.warned) return 'restart';
    this.warned = true;
    return 'restart-and-warn';
  }

  reset(): void {
    this.recent = [];
  }
}
