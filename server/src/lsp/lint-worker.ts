// The lint worker thread (bundled to server/dist/lint-worker.js): the engine runs here so that the language
// server's own thread is always free to answer hovers and code actions from the last result.
import { parentPort, workerData } from 'node:worker_threads';
import { WorkerLinting } from './worker-linting';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

const port = parentPort;
if (port === null) throw new Error('lint-worker.js runs as a worker thread of the iacsec language server');
// The server writes the id of a lint to abandon here; the engine reads it between resources.
const cancelled = new Int32Array((workerData as { cancel: SharedArrayBuffer }).cancel);
const linting = new WorkerLinting(
  (response: WorkerResponse) => port.postMessage(response),
  (id) => Atomics.load(cancelled, 0) === id,
);
port.on('message', (request: WorkerRequest) => {
  void linting.handle(request);
});
