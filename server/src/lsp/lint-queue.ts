import type { Answer, LintWorker } from './worker-client';
import type { DocumentJob } from './worker-protocol';

interface Job {
  readonly kind: 'lint' | 'fixAll';
  readonly uri: string;
  readonly version: number;
  readonly job: () => DocumentJob | undefined;
  readonly settle: (answer: Answer | undefined) => void;
}

/**
 * Feeds the lint worker one job at a time, so that the server always knows which lint is running and what waits.
 * Lints are "latest wins" per document: a newer version replaces a queued lint (which settles `undefined`) and
 * cancels a running one, so a burst of edits costs one lint of the final text. Fix-all requests go first: a user
 * is waiting on them (fix on save).
 */
export class LintQueue {
  private readonly waiting: Job[] = [];
  private running: { readonly job: Job; readonly id: number } | undefined;

  constructor(private readonly worker: LintWorker) {}

  /** Lints `uri` at `version`; `job` is asked for the text when its turn comes. Undefined: superseded. */
  lint(uri: string, version: number, job: () => DocumentJob | undefined): Promise<Answer | undefined> {
    for (const [index, queued] of this.waiting.entries()) {
      if (queued.kind === 'lint' && queued.uri === uri) {
        this.waiting.splice(index, 1);
        queued.settle(undefined);
        break;
      }
    }
    const running = this.running;
    if (
      running !== undefined &&
      running.job.kind === 'lint' &&
      running.job.uri === uri &&
      running.job.version < version
    )
      this.worker.cancelLint(running.id);
    return this.enqueue({ kind: 'lint', uri, version, job }, false);
  }

  fixAll(uri: string, version: number, job: () => DocumentJob | undefined): Promise<Answer | undefined> {
    return this.enqueue({ kind: 'fixAll', uri, version, job }, true);
  }

  /** Drops what waits for a closed document; a running lint of it finishes and is discarded by its caller. */
  forget(uri: string): void {
    for (let index = this.waiting.length - 1; index >= 0; index--) {
      const queued = this.waiting[index];
      if (queued?.uri !== uri) continue;
      this.waiting.splice(index, 1);
      queued.settle(undefined);
    }
  }

  private enqueue(partial: Omit<Job, 'settle'>, first: boolean): Promise<Answer | undefined> {
    return new Promise((resolve) => {
      const job: Job = { ...partial, settle: resolve };
      if (first) this.waiting.unshift(job);
      else this.waiting.push(job);
      this.pump();
    });
  }

  private pump(): void {
    while (this.running === undefined) {
      const next = this.waiting.shift();
      if (next === undefined) return;
      const payload = next.job();
      if (payload === undefined) {
        next.settle(undefined);
        continue;
      }
      const { id, answer } = this.worker.request({ kind: next.kind, ...payload });
      this.running = { job: next, id };
      void answer.then((settled) => {
        this.running = undefined;
        next.settle(settled);
        this.pump();
      });
    }
  }
}
