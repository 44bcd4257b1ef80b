/**
 * `npm run bench`: CPU cost of linting generated CloudFormation, Terraform JSON and Terraform plans against the
 * bare parse of the same bytes.
 * Not part of CI and never an assertion on time; docs/performance.md records what it printed and explains it.
 *
 *   node server/out/bench/bench.js [--quick] [--cfn-lint]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { Linter } from '../src/engine/linter';
import { RuleSet } from '../src/engine/rule-set';
import { cloudFormationTemplate } from '../src/model/cloudformation';
import { hasCloudFormationMarker, readDocument } from '../src/parsing/detect';
import { DEFAULT_LIMITS } from '../src/parsing/errors';
import { readJson } from '../src/parsing/json';
import { readYaml, SHORT_FORM_TAGS } from '../src/parsing/yaml';
import { allRules } from '../src/rules';
import { type JsonMap, toJson, toYaml } from './emit';
import { realisticTemplate } from './generate';
import { lspLatency } from './lsp-latency';
import { medianCpuMs, type MeasureOptions, ms } from './measure';
import { pathologicalTemplate } from './pathological';
import { ratioTable } from './ratio-table';
import { table } from './table';
import { terraformBench } from './terraform-bench';
import { assertTwins } from './twins';

const args = new Set(process.argv.slice(2));
// Samples of at least 150 ms spread garbage collection over the runs that cause it, instead of landing
// whole on one run in three: single readJson runs on the 2,000-resource JSON spread from 9 to 93 ms here.
const OPTIONS: MeasureOptions = args.has('--quick')
  ? { samples: 3, warmup: 1, minSampleMs: 50 }
  : { samples: 7, warmup: 3, minSampleMs: 150 };
const SIZES = [50, 500, 2_000, 5_000];
const PATHOLOGICAL_SIZES = [100, 400];
const TARGET = { yaml: 2, json: 5 } as const;

// The baseline does what the reader's own js-yaml pass does minus positions: same schema, tags as plain data.
const BASELINE_SCHEMA = jsyaml.CORE_SCHEMA.extend(
  [...SHORT_FORM_TAGS.keys()].flatMap((tag) =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      (kind) => new jsyaml.Type(tag, { kind, construct: (data: unknown) => data }),
    ),
  ),
);

type Syntax = 'yaml' | 'json';

interface Twin {
  readonly label: string;
  readonly resources: number;
  readonly texts: Readonly<Record<Syntax, string>>;
  readonly findings: number;
}

const linter = new Linter(new RuleSet(allRules));
const fileName = (syntax: Syntax): string => `bench.${syntax}`;

function twin(label: string, resources: number, template: JsonMap): Twin {
  const texts = { yaml: toYaml(template), json: toJson(template) };
  const yamlResult = linter.lint(texts.yaml, fileName('yaml'));
  assertTwins(label, texts.yaml, texts.json, yamlResult, linter.lint(texts.json, fileName('json')));
  return { label, resources, texts, findings: yamlResult.findings.length };
}

interface Row {
  readonly twin: Twin;
  readonly syntax: Syntax;
  readonly baseline: number;
  readonly positions: number;
  readonly lint: number;
}

function measure(subject: Twin): Row[] {
  return (['yaml', 'json'] as const).map((syntax) => {
    const text = subject.texts[syntax];
    const times = medianCpuMs(
      {
        baseline: () =>
          syntax === 'yaml' ? jsyaml.load(text, { schema: BASELINE_SCHEMA }) : (JSON.parse(text) as unknown),
        positions: () => (syntax === 'yaml' ? readYaml(text, DEFAULT_LIMITS) : readJson(text, DEFAULT_LIMITS)),
        lint: () => linter.lint(text, fileName(syntax)),
      },
      OPTIONS,
    );
    return { twin: subject, syntax, ...times };
  });
}

function printRows(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}\n`);
  const measured = rows.map(({ twin: subject, syntax, baseline, positions, lint }) => ({
    label: subject.label,
    kind: syntax,
    bytes: Buffer.byteLength(subject.texts[syntax]),
    findings: subject.findings,
    baseline,
    positions,
    lint,
    target: TARGET[syntax],
  }));
  for (const line of ratioTable('syntax', measured)) console.log(line);
}

/** Where a lint of one text spends its time: detection, parse with positions, model, rules. */
function breakdown(subject: Twin): void {
  console.log(`\nwhere time goes, ${subject.label} resources (CPU ms, median)\n`);
  const rows = (['yaml', 'json'] as const).map((syntax) => {
    const text = subject.texts[syntax];
    const outcome = readDocument(text, fileName(syntax), DEFAULT_LIMITS);
    if (outcome.kind !== 'document') throw new Error(`${subject.label} ${syntax}: not read as a template`);
    const { detect, read, model, modelAndRules } = medianCpuMs(
      {
        detect: () => hasCloudFormationMarker(text),
        read: () => readDocument(text, fileName(syntax), DEFAULT_LIMITS),
        model: () => cloudFormationTemplate(outcome.document),
        // A fresh model per run: the resolver memoises conditions per template, which a reused one would keep.
        modelAndRules: () => linter.run(cloudFormationTemplate(outcome.document)),
      },
      OPTIONS,
    );
    const total = read + modelAndRules;
    const share = (part: number): string => `${ms(part)} (${Math.round((part / total) * 100)}%)`;
    return [syntax, share(detect), share(read - detect), share(model), share(modelAndRules - model), ms(total)];
  });
  for (const line of table(['syntax', 'detect', 'parse + positions', 'model', 'rules', 'sum'], rows)) console.log(line);
}

/**
 * Linear means the cost per resource stays put as the template grows. Whole-lint ratios wobble with garbage
 * collection, so the verdict rests on model + rules over an already parsed tree, where a superlinear
 * resolver or rule would show.
 */
function growth(subjects: readonly Twin[], rows: readonly Row[]): void {
  const perResource = subjects.map((subject) => {
    const outcome = readDocument(subject.texts.yaml, fileName('yaml'), DEFAULT_LIMITS);
    if (outcome.kind !== 'document') throw new Error(`${subject.label}: not read as a template`);
    const { rules } = medianCpuMs({ rules: () => linter.run(cloudFormationTemplate(outcome.document)) }, OPTIONS);
    return rules / subject.resources;
  });
  const [small, large] = [subjects[0], subjects[subjects.length - 1]];
  const [smallCost, largeCost] = [perResource[0], perResource[perResource.length - 1]];
  if (small === undefined || large === undefined || smallCost === undefined || largeCost === undefined) return;
  const lintGrowth = (['yaml', 'json'] as const).map((syntax) => {
    const lint = (subject: Twin): number =>
      rows.find((row) => row.twin === subject && row.syntax === syntax)?.lint ?? Number.NaN;
    return `${syntax} ×${(lint(large) / lint(small)).toFixed(2)}`;
  });
  console.log(
    `growth: ×${(large.resources / small.resources).toFixed(1)} resources, ×${(large.texts.yaml.length / small.texts.yaml.length).toFixed(2)} bytes → ` +
      `lint ${lintGrowth.join(', ')}; model + rules ${ms(smallCost)} → ${ms(largeCost)} ms per resource ` +
      `(${largeCost / smallCost <= 1.3 ? 'linear' : 'SUPERLINEAR'})`,
  );
}

/** The speed peer, whole process and wall time: what a user waits for. */
function cfnLint(subject: Twin): void {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-bench-')), `bench-${subject.resources}.yaml`);
  fs.writeFileSync(file, subject.texts.yaml);
  const started = performance.now();
  const run = spawnSync('cfn-lint', ['--', file], { encoding: 'utf8', timeout: 600_000, maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (run.error !== undefined) {
    console.log(`\ncfn-lint: not run (${run.error.message})`);
    return;
  }
  const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(
    `\n${version} on ${subject.label} resources (YAML), whole process, wall: ${seconds.toFixed(1)} s (exit ${run.status})`,
  );
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

async function main(): Promise<void> {
  const started = performance.now();
  const jsyamlVersion = (
    JSON.parse(fs.readFileSync(require.resolve('js-yaml/package.json'), 'utf8')) as { version: string }
  ).version;
  console.log(
    `iacsec bench, ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ` +
      `js-yaml ${jsyamlVersion}, ${allRules.length} rules; CPU time, median of ${OPTIONS.samples} after ${OPTIONS.warmup} warm-up runs`,
  );
  const realistic = SIZES.map((count) => twin(count.toLocaleString('en-US'), count, realisticTemplate(count)));
  printRows('realistic templates (baseline: js-yaml load / JSON.parse of the same bytes)', realistic.flatMap(measure));
  const reference = realistic.find((subject) => subject.resources === 2_000);
  if (reference !== undefined) breakdown(reference);
  if (reference !== undefined) {
    console.log('');
    const lines = await lspLatency({
      label: reference.label,
      text: reference.texts.yaml,
      edits: args.has('--quick') ? 4 : 10,
      bareParse: () => jsyaml.load(reference.texts.yaml, { schema: BASELINE_SCHEMA }),
      measure: OPTIONS,
    });
    for (const line of lines) console.log(line);
  }
  const pathological = PATHOLOGICAL_SIZES.map((count) => twin(`patho ${count}`, count, pathologicalTemplate(count)));
  const pathologicalRows = pathological.flatMap(measure);
  printRows(
    'pathological template (30 chained conditions, 200 parameters, deep Fn::If, long Fn::Sub)',
    pathologicalRows,
  );
  growth(pathological, pathologicalRows);
  terraformBench({
    linter,
    measure: OPTIONS,
    sizes: SIZES,
    pathologicalSizes: PATHOLOGICAL_SIZES,
    target: TARGET.json,
    reference: 2_000,
    print: (line) => console.log(line),
  });
  if (args.has('--cfn-lint') && reference !== undefined) cfnLint(reference);
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
