import * as assert from 'node:assert/strict';
import type { DocumentResult, Linter } from '../src/engine/linter';
import { templateOf } from '../src/model/adapt';
import { configAddress } from '../src/model/terraform-plan';
import { type Format, type ParsedDocument, readDocument } from '../src/parsing/detect';
import { DEFAULT_LIMITS } from '../src/parsing/errors';
import { readJson } from '../src/parsing/json';
import { medianCpuMs, type MeasureOptions, ms, perResourceGrowth } from './measure';
import { type RatioRow, ratioTable } from './ratio-table';
import { table } from './table';
import { terraformJson, terraformPlan } from './terraform';
import { pathologicalTerraform } from './terraform-pathological';

/**
 * The Terraform rows of `npm run bench`: Terraform JSON and plans of the CloudFormation rows' sizes, each linted
 * in full and compared with a bare `JSON.parse` of the same bytes, in the same process and run as the rest.
 */

type Kind = 'tf.json' | 'plan';

const FILE: Readonly<Record<Kind, string>> = { 'tf.json': 'main.tf.json', plan: 'plan.json' };
const FORMAT: Readonly<Record<Kind, Format>> = { 'tf.json': 'terraform', plan: 'terraform-plan' };

export interface TerraformBenchOptions {
  readonly linter: Linter;
  readonly measure: MeasureOptions;
  readonly sizes: readonly number[];
  readonly pathologicalSizes: readonly number[];
  /** lint/base target of JSON formats. */
  readonly target: number;
  /** The size whose lint is broken down by stage. */
  readonly reference: number;
  readonly print: (line: string) => void;
}

interface Subject {
  readonly label: string;
  readonly resources: number;
  readonly kind: Kind;
  readonly text: string;
  readonly result: DocumentResult;
}

export interface TerraformBenchResult {
  readonly rows: readonly RatioRow[];
  readonly pathological: readonly RatioRow[];
}

export function terraformBench(options: TerraformBenchOptions): TerraformBenchResult {
  const { linter, print } = options;
  const subjects = options.sizes.flatMap((count) => {
    const label = count.toLocaleString('en-US');
    const config = subject(linter, label, count, 'tf.json', terraformJson(count));
    const plan = subject(linter, label, count, 'plan', terraformPlan(count));
    assertSameResources(config, plan);
    return [config, plan];
  });
  print('\nTerraform JSON and plans (baseline: JSON.parse of the same bytes)\n');
  const measured = subjects.map((item) => measure(item, options));
  for (const line of ratioTable('format', measured)) print(line);
  const reference = subjects.filter((item) => item.resources === options.reference);
  if (reference[0] !== undefined) {
    print(`\nwhere time goes, Terraform ${reference[0].label} resources (CPU ms, median)\n`);
    for (const line of breakdown(reference, options)) print(line);
  }
  const pathological = options.pathologicalSizes.map((count) =>
    subject(linter, `patho ${count}`, count, 'tf.json', pathologicalTerraform(count)),
  );
  const rows = pathological.map((item) => measure(item, options));
  print('\npathological Terraform JSON (200 variables, 30 chained locals, 40 interpolations a string)\n');
  for (const line of ratioTable('format', rows)) print(line);
  print(growth(pathological, rows, options));
  return { rows: measured, pathological: rows };
}

/** Lints a generated text once and fails unless it reads as the format it claims, whole and without a crash. */
function subject(linter: Linter, label: string, resources: number, kind: Kind, text: string): Subject {
  const outcome = readDocument(text, FILE[kind], DEFAULT_LIMITS);
  assert.equal(outcome.kind === 'document' ? outcome.document.format : outcome.kind, FORMAT[kind], `${label} ${kind}`);
  const result = linter.lint(text, FILE[kind]);
  assert.ok(result.iac && result.problems.length === 0, `${label} ${kind}: ${JSON.stringify(result.problems)}`);
  assert.equal(result.resources.length, resources, `${label} ${kind}: resources the model found`);
  const failed = result.findings.filter((finding) => finding.ruleId === 'iacsec/rule-failed');
  assert.deepEqual(
    failed.map((finding) => finding.message),
    [],
    `${label} ${kind}: rules that threw would not be measured`,
  );
  return { label, resources, kind, text, result };
}

/**
 * The plan holds the configuration's resources, moved into modules and given instance keys: the same content,
 * so the two formats' rows measure the same infrastructure.
 */
function assertSameResources(config: Subject, plan: Subject): void {
  const inRoot = (id: string): string => configAddress(id).replace(/^(?:module\.[^.]+\.)+/, '');
  assert.deepEqual(
    plan.result.resources.map((resource) => inRoot(resource.id)).sort(),
    config.result.resources.map((resource) => resource.id).sort(),
    `${config.label}: the plan and the configuration hold different resources`,
  );
}

function measure(item: Subject, options: TerraformBenchOptions): RatioRow {
  const { text, kind } = item;
  const times = medianCpuMs(
    {
      baseline: () => JSON.parse(text) as unknown,
      positions: () => readJson(text, DEFAULT_LIMITS),
      lint: () => options.linter.lint(text, FILE[kind]),
    },
    options.measure,
  );
  return {
    label: item.label,
    kind,
    bytes: Buffer.byteLength(text),
    findings: item.result.findings.length,
    ...times,
    target: options.target,
  };
}

function documentOf(item: Subject): ParsedDocument {
  const outcome = readDocument(item.text, FILE[item.kind], DEFAULT_LIMITS);
  if (outcome.kind !== 'document') throw new Error(`${item.label} ${item.kind}: not read as Terraform`);
  return outcome.document;
}

/**
 * Where a Terraform lint spends its time: reading (detection and parse with positions), the model, the rules
 * (which build the reference index on first use) and the rest of the lint, suppressions mostly.
 */
function breakdown(items: readonly Subject[], options: TerraformBenchOptions): string[] {
  const rows = items.map((item) => {
    const document = documentOf(item);
    const { read, model, modelAndRules, lint } = medianCpuMs(
      {
        read: () => readDocument(item.text, FILE[item.kind], DEFAULT_LIMITS),
        model: () => templateOf(document),
        // A fresh model per run: it builds its reference index once, on first use.
        modelAndRules: () => options.linter.run(templateOf(document)),
        lint: () => options.linter.lint(item.text, FILE[item.kind]),
      },
      options.measure,
    );
    const share = (part: number): string => `${ms(part)} (${Math.round((part / lint) * 100)}%)`;
    const rest = Math.max(0, lint - read - modelAndRules);
    return [item.kind, share(read), share(model), share(modelAndRules - model), share(rest), ms(lint)];
  });
  return table(['format', 'parse + positions', 'model', 'rules', 'suppressions + rest', 'lint'], rows);
}

/** As for CloudFormation: the verdict rests on model + rules per resource over an already parsed tree. */
function growth(items: readonly Subject[], rows: readonly RatioRow[], options: TerraformBenchOptions): string {
  const [small, large] = [items[0], items[items.length - 1]];
  const [smallRow, largeRow] = [rows[0], rows[rows.length - 1]];
  if (small === undefined || large === undefined || smallRow === undefined || largeRow === undefined) return '';
  const sizes = [small.resources, large.resources] as const;
  return (
    `growth: ×${(large.resources / small.resources).toFixed(1)} resources, ×${(large.text.length / small.text.length).toFixed(2)} bytes → ` +
    `lint ×${(largeRow.lint / smallRow.lint).toFixed(2)}; ${perResourceGrowth('terraform', sizes, options.measure)}`
  );
}
