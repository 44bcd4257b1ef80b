import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileOutcome } from './scan-file';
import type { References } from '../report/types';
import { fromPosted, type ScanJob, type ScanJobDone, type ScanWorkerData } from './scan-protocol';
import { LINT_THREAD_LIMITS } from './scan-threads';

/** The worker's entry: beside this file both in the bundle (server/dist) and in the compiled tree (server/out). */
export const SCAN_WORKER_FILE = path.join(__dirname, 'scan-worker.js');

/**
 * Files handed to a worker ahead of its answers: enough that it never waits while this thread is busy linting a
 * file of its own, few enough that the last files still spread over every thread.
 */
export const AHEAD = 8;

export interface ParallelJob extends ScanJob {
  /** Linted on this thread only: a CDK template, whose annotations need objects a worker does not have. */
  readonly local: boolean;
}

export interface ParallelScan {
  /** The files, `index` being each one's place here. */
  readonly jobs: readonly ParallelJob[];
  /** Workers to start; this thread lints too, between their answers. */
  readonly workers: number;
  readonly data: ScanWorkerData;
  /** Reads and lints a job on this thread. */
  readonly lintHere: (job: ParallelJob) => Promise<FileOutcome>;
  /** A rule's references to other tools' checks, which workers leave out of their findings. */
  readonly references: (ruleId: string) => References;
  /** Told how many files are done after each one. */
  readonly onDone?: (done: number, total: number) => void;
  /** Asked before each file is handed out; once true, nothing more is, and the files done so far are answered. */
  readonly shouldStop?: () => boolean;
  /** Told when a worker stops before the scan is done (it could not start, or crashed), as one line. */
  readonly warn?: (message: string) => void;
  /** The workers' entry; tests name one that does not exist. */
  readonly workerFile?: string;
}

interface Slot {
  readonly worker: Worker;
  /** Indexes handed to this worker and not answered yet. */
  readonly pending: Set<number>;
}

/**
 * Lints the jobs on this thread and `workers` worker threads at once, and answers each job's outcome at its
 * index (undefined for a job not linted because the scan stopped). Files go out in order from one queue, so
 * early files finish first. A worker that dies (it could not start, or a file crashed it) gives its unanswered
 * files back to this thread, which lints them as a single-threaded scan would.
 */
export async function scanInParallel(scan: ParallelScan): Promise<(FileOutcome | undefined)[]> {
  const run = new PoolRun(scan);
  try {
    return await run.finished();
  } finally {
    await run.close();
  }
}

class PoolRun {
  private readonly outcomes: (FileOutcome | undefined)[];
  private readonly slots = new Set<Slot>();
  /** Jobs any thread may take, in order; `next` is the first not yet taken. */
  private readonly shared: readonly ParallelJob[];
  private next = 0;
  /** Jobs for this thread alone: local ones, and those a dead worker gave back. */
  private readonly ownQueue: ParallelJob[];
  private done = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly scan: ParallelScan) {
    this.outcomes = new Array<FileOutcome | undefined>(scan.jobs.length).fill(undefined);
    this.shared = scan.jobs.filter((job) => !job.local);
    this.ownQueue = scan.jobs.filter((job) => job.local);
    for (let i = 0; i < scan.workers; i++) this.start();
  }

  async finished(): Promise<(FileOutcome | undefined)[]> {
    for (const slot of this.slots) this.feed(slot);
    for (;;) {
      const job = this.stopped() ? undefined : (this.ownQueue.shift() ?? this.takeShared());
      if (job !== undefined) {
        this.finish(job.index, await this.scan.lintHere(job));
        continue;
      }
      if ([...this.slots].every((slot) => slot.pending.size === 0)) return this.outcomes;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async close(): Promise<void> {
    const slots = [...this.slots];
    this.slots.clear();
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private start(): void {
    const worker = new Worker(this.scan.workerFile ?? SCAN_WORKER_FILE, {
      workerData: this.scan.data,
      resourceLimits: LINT_THREAD_LIMITS,
    });
    const slot: Slot = { worker, pending: new Set() };
    let failure: string | undefined;
    worker.on('message', (answer: ScanJobDone) => {
      slot.pending.delete(answer.index);
      this.finish(answer.index, fromPosted(answer.outcome, this.scan.references));
      this.feed(slot);
      this.poke();
    });
    // Its 'exit' follows and hands the files back.
    worker.on('error', (error) => (failure = error.message.split('\n')[0]));
    worker.on('exit', (code) => {
      if (!this.slots.delete(slot)) return;
      const files = slot.pending.size;
      this.scan.warn?.(
        `a scan worker stopped (${failure ?? `exit code ${code}`}); ` +
          `${files === 1 ? 'the file it had left was' : `the ${files} files it had left were`} linted on the main thread`,
      );
      for (const index of slot.pending) {
        const job = this.scan.jobs[index];
        if (job !== undefined) this.ownQueue.push(job);
      }
      slot.pending.clear();
      this.poke();
    });
    this.slots.add(slot);
  }

  private feed(slot: Slot): void {
    while (slot.pending.size < AHEAD && !this.stopped()) {
      const job = this.takeShared();
      if (job === undefined) return;
      slot.pending.add(job.index);
      slot.worker.postMessage({ index: job.index, file: job.file, shown: job.shown } satisfies ScanJob);
    }
  }

  private takeShared(): ParallelJob | undefined {
    return this.next < this.shared.length ? this.shared[this.next++] : undefined;
  }

  private finish(index: number, outcome: FileOutcome): void {
    this.outcomes[index] = outcome;
    this.done++;
    this.scan.onDone?.(this.done, this.scan.jobs.length);
  }

  private stopped(): boolean {
    return this.scan.shouldStop?.() === true;
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
