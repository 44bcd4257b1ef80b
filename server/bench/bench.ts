/**
 * `npm run bench`: what iacsec costs against the floor of parsing the same bytes, in the engine, the editor, CI
 * and at start-up, and beside the peers people run. Not part of CI and never an assertion on time; it writes
 * its results to bench/results/ (latest.json and latest.md for a full run) and docs/performance.md explains them.
 *
 *   node server/out/bench/bench.js [--quick] [--peers] [--only=SECTION,…]
 *
 * --quick   fewer samples and runs, for a look while working (writes bench/results/quick.*)
 * --peers   also runs cfn-lint and cfn-guard on the 500- and 2,000-resource templates, minutes more (cfn-guard
 *           took 121 s on 2,000 here); without it the peers run on the ordinary template only
 * --only    cloudformation, lsp, terraform, ci, peers, startup (writes bench/results/partial.*)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Linter } from '../src/engine/linter';
import { RuleSet } from '../src/engine/rule-set';
import { allRules } from '../src/rules';
import { bareParse } from './baseline';
import { ciScale } from './ci-scale';
import { cloudFormationBench, realisticTwins } from './cloudformation-bench';
import { toJson, toYaml } from './emit';
import { realisticTemplate } from './generate';
import { lspLatency } from './lsp-latency';
import { lspStartup } from './lsp-startup';
import { type MeasureOptions, warmUp } from './measure';
import { peers, type PeerSubject } from './peers';
import { type BenchRecord, writeResults } from './results';
import { startup } from './startup';
import { terraformBench } from './terraform-bench';
import { terraformJson, terraformPlan } from './terraform';

const SECTIONS = ['cloudformation', 'lsp', 'terraform', 'ci', 'peers', 'startup'] as const;
type Section = (typeof SECTIONS)[number];

const flags = process.argv.slice(2);
const quick = flags.includes('--quick');
const allPeers = flags.includes('--peers') || flags.includes('--cfn-lint');
const only = flags
  .find((flag) => flag.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const runs = (section: Section): boolean => only === undefined || only.includes(section);

// Samples of at least 150 ms spread garbage collection over the runs that cause it, instead of landing
// whole on one run in three: single readJson runs on the 2,000-resource JSON spread from 9 to 93 ms here.
const OPTIONS: MeasureOptions = quick
  ? { samples: 3, warmup: 1, minSampleMs: 50, maxWarmupMs: 500 }
  : { samples: 7, warmup: 3, minSampleMs: 150, maxWarmupMs: 3_000 };
const SIZES = [50, 500, 2_000, 5_000];
const PATHOLOGICAL_SIZES = [100, 400];
const REFERENCE = 2_000;
/** What most templates in real repositories look like: one cycle of the generator, 20 resources. */
const ORDINARY = 20;
/** Timed runs of each whole process. */
const PROCESS_RUNS = quick ? 1 : 3;

const print = (line: string): void => console.log(line);

async function main(): Promise<void> {
  const unknown = only?.filter((section) => !(SECTIONS as readonly string[]).includes(section)) ?? [];
  if (unknown.length > 0) throw new Error(`bench: unknown section ${unknown.join(', ')}; use ${SECTIONS.join(', ')}`);
  const started = performance.now();
  const linter = new Linter(new RuleSet(allRules));
  const jsyaml = (JSON.parse(fs.readFileSync(require.resolve('js-yaml/package.json'), 'utf8')) as { version: string })
    .version;
  const cpu = os.cpus()[0]?.model ?? 'cpu';
  print(
    `iacsec bench, ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus().length} × ${cpu}, ` +
      `js-yaml ${jsyaml}, ${allRules.length} rules; CPU time, median of ${OPTIONS.samples} after ${OPTIONS.warmup}+ warm-up runs (until the cost per run settles, at most ${OPTIONS.maxWarmupMs / 1000} s)`,
  );
  const record: BenchRecord = {
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      cpu,
      platform: `${process.platform} ${process.arch}`,
      load: [os.loadavg()[0] ?? 0],
    },
    jsyaml,
    rules: allRules.length,
    run: only !== undefined ? 'partial' : quick ? 'quick' : 'full',
    flags,
    seconds: 0,
  };
  const ordinary = toYaml(realisticTemplate(ORDINARY));
  if (runs('cloudformation') || runs('terraform')) {
    const small = realisticTemplate(SIZES[0] ?? 50);
    const inputs: [string, string][] = [
      [toYaml(small), 'warm-up.yaml'],
      [toJson(small), 'warm-up.json'],
      [terraformJson(SIZES[0] ?? 50), 'main.tf.json'],
      [terraformPlan(SIZES[0] ?? 50), 'plan.json'],
    ];
    warmUp(
      inputs.map(
        ([text, file]) =>
          () =>
            linter.lint(text, file),
      ),
      OPTIONS.maxWarmupMs * 2,
    );
  }
  const needTwins = runs('cloudformation') || runs('lsp') || runs('peers');
  const twins = needTwins ? realisticTwins(linter, SIZES) : [];
  const reference = twins.find((subject) => subject.resources === REFERENCE);
  if (runs('cloudformation')) {
    const options = { linter, measure: OPTIONS, sizes: SIZES, pathologicalSizes: PATHOLOGICAL_SIZES, print };
    const { realistic, pathological } = cloudFormationBench({ ...options, reference: REFERENCE }, twins);
    record.cloudformation = { realistic, pathological };
  }
  if (runs('lsp') && reference !== undefined) {
    print('');
    const text = reference.texts.yaml;
    const latency = await lspLatency(
      {
        label: reference.label,
        text,
        edits: quick ? 4 : 10,
        warmupEdits: quick ? 2 : 10,
        bareParse: () => bareParse(text, 'bench.yaml'),
        measure: OPTIONS,
      },
      print,
    );
    const memoryTwin = twins.find((subject) => subject.resources === 500);
    const lspStart = await lspStartup({
      ordinary,
      sessions: quick ? 3 : 5,
      memory: { label: memoryTwin?.label ?? '500', text: memoryTwin?.texts.yaml ?? ordinary, count: quick ? 4 : 8 },
      print,
    });
    record.lsp = { latency, startup: lspStart };
  }
  if (runs('terraform')) {
    const options = { linter, measure: OPTIONS, sizes: SIZES, pathologicalSizes: PATHOLOGICAL_SIZES, print };
    record.terraform = terraformBench({ ...options, target: 5, reference: REFERENCE });
  }
  if (runs('ci')) {
    const sweep = quick ? [32, 128] : [32, 64, 256];
    record.ci = ciScale({ files: 1_000, runs: PROCESS_RUNS, sweep, print });
  }
  if (runs('peers')) {
    const large = allPeers
      ? twins.filter((subject) => subject.resources === 500 || subject.resources === REFERENCE)
      : [];
    const subjects: PeerSubject[] = [
      { label: `ordinary (${ORDINARY})`, resources: ORDINARY, yaml: ordinary },
      ...large.map((subject) => ({ label: subject.label, resources: subject.resources, yaml: subject.texts.yaml })),
    ];
    record.peers = peers({ subjects, runs: PROCESS_RUNS, repeatUpTo: ORDINARY, timeoutMs: 300_000, print });
    if (!allPeers) print('(--peers adds the 500- and 2,000-resource templates: minutes more)');
  }
  if (runs('startup')) {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-startup-'));
    const file = path.join(directory, 'ordinary.yaml');
    fs.writeFileSync(file, ordinary);
    const result = startup({ file, runs: quick ? 5 : 9, print });
    if (result !== undefined) record.startup = result;
    fs.rmSync(directory, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const written = writeResults({
    ...record,
    machine: { ...record.machine, load: [...record.machine.load, os.loadavg()[0] ?? 0] },
    seconds,
  });
  print(`\nbench took ${seconds.toFixed(0)} s; results in ${written.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
