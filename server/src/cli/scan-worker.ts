// A scan worker thread (bundled to server/dist/scan-worker.js, beside cli.js): `iacsec scan` of many files
// reads and lints some of them here, each with the linter its configuration gives, and posts the outcomes back.
import { parentPort, workerData } from 'node:worker_threads';
import { ConfigResolver } from '../config/lookup';
import { Linter } from '../engine/linter';
import { RuleSet } from '../engine/rule-set';
import { allRules } from '../rules';
import { scanFile } from './scan-file';
import { toPosted, type ScanJob, type ScanJobDone, type ScanWorkerData } from './scan-protocol';

const port = parentPort;
if (port === null) throw new Error('scan-worker.js runs as a worker thread of iacsec scan');
const { cwd, config } = workerData as ScanWorkerData;
const defaults = new Linter(new RuleSet(allRules));
// Warnings about configuration are the scan's own thread's to give, once; this resolver only picks linters.
const configs = new ConfigResolver(defaults, { cwd, explicit: config });

async function handle(job: ScanJob): Promise<ScanJobDone> {
  const governing = await configs.forFile(job.file);
  // The scan's thread sends no file whose configuration is broken.
  const linter = governing.kind === 'config' ? governing.active.linterFor(job.file) : defaults;
  return { index: job.index, outcome: toPosted(await scanFile(job.file, job.shown, linter)) };
}

port.on('message', (job: ScanJob) => {
  void handle(job).then((done) => port.postMessage(done));
});
