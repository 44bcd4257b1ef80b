/**
 * Measures the growth check of the pathological templates in a fresh heap. Run on the bench's own thread, late in a
 * run, the check read the heap the earlier sections left as much as the code: the same CloudFormation template
 * measured 0.20 → 0.31 ms per resource there and 0.23 → 0.27 in a thread of its own, run after run.
 * `workerData`: which dialect, the sizes and the measuring options; the answer goes into `workerData.costs`
 * (ms per resource at each size) and `workerData.done` is notified.
 */
import { workerData } from 'node:worker_threads';
import { Linter } from '../src/engine/linter';
import { RuleSet } from '../src/engine/rule-set';
import { cloudFormationTemplate } from '../src/model/cloudformation';
import { templateOf } from '../src/model/adapt';
import { readDocument } from '../src/parsing/detect';
import { DEFAULT_LIMITS } from '../src/parsing/errors';
import { allRules } from '../src/rules';
import { toYaml } from './emit';
import { medianCpuMs, type MeasureOptions, warmUp } from './measure';
import { pathologicalTemplate } from './pathological';
import { pathologicalTerraform } from './terraform-pathological';

export interface GrowthJob {
  readonly dialect: 'cloudformation' | 'terraform';
  readonly sizes: readonly number[];
  readonly measure: MeasureOptions;
  /** Float64Array over it: ms per resource at each size. */
  readonly costs: SharedArrayBuffer;
  /** Int32Array over it: set to 1 when `costs` is written, to 2 on failure. */
  readonly done: SharedArrayBuffer;
}

const job = workerData as GrowthJob;
const done = new Int32Array(job.done);
try {
  const linter = new Linter(new RuleSet(allRules));
  const run = (count: number): (() => unknown) => {
    const [text, file] =
      job.dialect === 'cloudformation'
        ? [toYaml(pathologicalTemplate(count)), 'template.yaml']
        : [pathologicalTerraform(count), 'main.tf.json'];
    const outcome = readDocument(text, file, DEFAULT_LIMITS);
    if (outcome.kind !== 'document') throw new Error(`pathological ${job.dialect} ${count}: not read`);
    const document = outcome.document;
    return job.dialect === 'cloudformation'
      ? () => linter.run(cloudFormationTemplate(document))
      : () => linter.run(templateOf(document));
  };
  const works = Object.fromEntries(job.sizes.map((count) => [String(count), run(count)]));
  const smallest = works[String(job.sizes[0])];
  if (smallest !== undefined) warmUp([smallest], job.measure.maxWarmupMs);
  const costs = medianCpuMs(works, job.measure);
  new Float64Array(job.costs).set(job.sizes.map((count) => (costs[String(count)] ?? Number.NaN) / count));
  Atomics.store(done, 0, 1);
} catch {
  Atomics.store(done, 0, 2);
}
Atomics.notify(done, 0);
