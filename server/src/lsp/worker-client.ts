import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

/** The worker's entry: beside this file both in the bundle (server/dist) and in the compiled tree (server/out). */
const WORKER_FILE = path.join(__dirname, 'lint-worker.js');

type Answer = Exclude<WorkerResponse, { kind: 'progress' }>;
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
    // A lint's source tree stays live while young; with V8's default young generation the scavenger copies and
    // promotes it on large templates. A larger one cut edit→diagnostics by about a quarter at 2,000 resources
    // (docs/performance.md); it is per worker, not per document.
    const resourceLimits = { maxYoungGenerationSizeMb: 96 };
    const worker = new Worker(WORKER_FILE, { workerData: { cancel: this.cancel.buffer }, resourceLimits });
    worker.on('message', (response: WorkerResponse) => {
      const pending = this.pending.get(response.id);
      if (pending === undefined) return;
      if (response.kind === 'progress') {
        pending.onProgress?.(response);
        return;
      }
      this.pending.delete(response.id);
      pending.resolve(response);
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
  }
}
