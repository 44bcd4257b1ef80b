import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LINT_THREAD_LIMITS } from '../cli/scan-threads';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

/** The worker's entry: beside this file both in the bundle (server/dist) and in the compiled tree (server/out). */
const WORKER_FILE = path.join(__dirname, 'lint-worker.js');

type Linted = Extract<WorkerResponse, { kind: 'linted' }>;

/** A lint answer with the changes of its fixes, which follow it in a message of their own (lsp/fix-changes.ts). */
export type LintedAnswer = Linted & { readonly changes: Promise<Uint8Array | undefined> };

/** What a request settles with. */
export type Answer = Exclude<WorkerResponse, { kind: 'progress' | 'linted' | 'fixChanges' }> | LintedAnswer;
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  readonly resolve: (answer: Answer) => void;
  readonly onProgress?: (progress: Extract<WorkerResponse, { kind: 'progress' }>) => void;
}

/**
 * One lint worker thread and the requests waiting on it. A worker that dies (a crash in the engine, out of memory)
 * fails the requests it held and is started again on the next request, so one bad document never takes the
 * server down.
 */
export class LintWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Answered lints whose fix changes are still on their way. */
  private readonly followUps = new Map<number, (changes: Uint8Array | undefined) => void>();
  private readonly cancel = new Int32Array(new SharedArrayBuffer(4));

  constructor(private readonly log: (message: string) => void) {}

  /** Sends a request; the promise settles with the worker's answer (`failed` when the worker died). */
  request(request: Request, onProgress?: Pending['onProgress']): { id: number; answer: Promise<Answer> } {
    const id = this.nextId++;
    const answer = new Promise<Answer>((resolve) => {
      this.pending.set(id, onProgress === undefined ? { resolve } : { resolve, onProgress });
    });
    this.started().postMessage({ ...request, id });
    return { id, answer };
  }

  /** Tells the worker to abandon the lint of request `id` at the next resource boundary. */
  cancelLint(id: number): void {
    Atomics.store(this.cancel, 0, id);
  }

  /** Asks a running audit to stop after the file it is on; it answers with what it has. */
  stop(id: number): void {
    this.worker?.postMessage({ kind: 'stop', id } satisfies WorkerRequest);
  }

  forgetConfig(): void {
    this.worker?.postMessage({ kind: 'forgetConfig' } satisfies WorkerRequest);
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await worker.terminate();
    this.failAll('the lint worker was stopped');
  }

  private started(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(WORKER_FILE, {
      workerData: { cancel: this.cancel.buffer },
      resourceLimits: LINT_THREAD_LIMITS,
    });
    worker.on('message', (response: WorkerResponse) => {
      if (response.kind === 'fixChanges') {
        this.followUps.get(response.id)?.(response.changes);
        this.followUps.delete(response.id);
        return;
      }
      const pending = this.pending.get(response.id);
      if (pending === undefined) return;
      if (response.kind === 'progress') {
        pending.onProgress?.(response);
        return;
      }
      this.pending.delete(response.id);
      if (response.kind !== 'linted') {
        pending.resolve(response);
        return;
      }
      const changes = new Promise<Uint8Array | undefined>((resolve) => this.followUps.set(response.id, resolve));
      pending.resolve({ ...response, changes });
    });
    worker.on('error', (error) => this.log(`iacsec's lint worker failed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(`the lint worker stopped (exit code ${code})`);
    });
    // The worker must not keep a CLI process (`iacsec lsp --stdio`) alive once the connection has closed.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(message: string): void {
    for (const [id, pending] of this.pending) pending.resolve({ kind: 'failed', id, message });
    this.pending.clear();
    for (const settle of this.followUps.values()) settle(undefined);
    this.followUps.clear();
  }
}
