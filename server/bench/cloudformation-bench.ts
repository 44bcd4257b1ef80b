import * as jsyaml from 'js-yaml';
import type { Linter } from '../src/engine/linter';
import { cloudFormationTemplate } from '../src/model/cloudformation';
import { hasCloudFormationMarker, readDocument } from '../src/parsing/detect';
import { DEFAULT_LIMITS } from '../src/parsing/errors';
import { readJson } from '../src/parsing/json';
import { readYaml } from '../src/parsing/yaml';
import { BASELINE_SCHEMA } from './baseline';
import { type JsonMap, toJson, toYaml } from './emit';
import { realisticTemplate } from './generate';
import { medianCpuMs, type MeasureOptions, ms, perResourceGrowth } from './measure';
import { pathologicalTemplate } from './pathological';
import { type RatioRow, ratioTable } from './ratio-table';
import { table } from './table';
import { assertTwins } from './twins';

/**
 * The CloudFormation rows of `npm run bench`: generated templates in YAML and JSON twins, each linted in full
 * and compared with a bare js-yaml load / JSON.parse of the same bytes.
 */

export type Syntax = 'yaml' | 'json';

export const TARGET: Readonly<Record<Syntax, number>> = { yaml: 2, json: 5 };

/** One template in both syntaxes, checked to hold the same content and lint alike. */
export interface Twin {
  readonly label: string;
  readonly resources: number;
  readonly texts: Readonly<Record<Syntax, string>>;
  readonly findings: number;
}

export interface CloudFormationBenchOptions {
  readonly linter: Linter;
  readonly measure: MeasureOptions;
  readonly sizes: readonly number[];
  readonly pathologicalSizes: readonly number[];
  /** The size whose lint is broken down by stage. */
  readonly reference: number;
  readonly print: (line: string) => void;
}

export interface CloudFormationBenchResult {
  readonly realistic: readonly RatioRow[];
  readonly pathological: readonly RatioRow[];
  readonly twins: readonly Twin[];
}

const fileName = (syntax: Syntax): string => `bench.${syntax}`;

export function realisticTwins(linter: Linter, sizes: readonly number[]): Twin[] {
  return sizes.map((count) => twin(linter, count.toLocaleString('en-US'), count, realisticTemplate(count)));
}

export function cloudFormationBench(
  options: CloudFormationBenchOptions,
  realistic: readonly Twin[],
): CloudFormationBenchResult {
  const { print } = options;
  const realisticRows = realistic.flatMap((subject) => measure(subject, options));
  printRows('realistic templates (baseline: js-yaml load / JSON.parse of the same bytes)', realisticRows, print);
  const reference = realistic.find((subject) => subject.resources === options.reference);
  if (reference !== undefined) for (const line of breakdown(reference, options)) print(line);
  const pathological = options.pathologicalSizes.map((count) =>
    twin(options.linter, `patho ${count}`, count, pathologicalTemplate(count)),
  );
  const pathologicalRows = pathological.flatMap((subject) => measure(subject, options));
  printRows(
    'pathological template (30 chained conditions, 200 parameters, deep Fn::If, long Fn::Sub)',
    pathologicalRows,
    print,
  );
  print(growth(pathological, pathologicalRows, options));
  return { realistic: realisticRows, pathological: pathologicalRows, twins: realistic };
}

function twin(linter: Linter, label: string, resources: number, template: JsonMap): Twin {
  const texts = { yaml: toYaml(template), json: toJson(template) };
  const yamlResult = linter.lint(texts.yaml, fileName('yaml'));
  assertTwins(label, texts.yaml, texts.json, yamlResult, linter.lint(texts.json, fileName('json')));
  return { label, resources, texts, findings: yamlResult.findings.length };
}

function measure(subject: Twin, options: CloudFormationBenchOptions): RatioRow[] {
  return (['yaml', 'json'] as const).map((syntax) => {
    const text = subject.texts[syntax];
    const times = medianCpuMs(
      {
        baseline: () =>
          syntax === 'yaml' ? jsyaml.load(text, { schema: BASELINE_SCHEMA }) : (JSON.parse(text) as unknown),
        positions: () => (syntax === 'yaml' ? readYaml(text, DEFAULT_LIMITS) : readJson(text, DEFAULT_LIMITS)),
        lint: () => options.linter.lint(text, fileName(syntax)),
      },
      options.measure,
    );
    return {
      label: subject.label,
      kind: syntax,
      bytes: Buffer.byteLength(text),
      findings: subject.findings,
      ...times,
      target: TARGET[syntax],
    };
  });
}

function printRows(title: string, rows: readonly RatioRow[], print: (line: string) => void): void {
  print(`\n${title}\n`);
  for (const line of ratioTable('syntax', rows)) print(line);
}

/** Where a lint of one text spends its time: detection, parse with positions, model, rules. */
function breakdown(subject: Twin, options: CloudFormationBenchOptions): string[] {
  const { linter } = options;
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
      options.measure,
    );
    const total = read + modelAndRules;
    const share = (part: number): string => `${ms(part)} (${Math.round((part / total) * 100)}%)`;
    return [syntax, share(detect), share(read - detect), share(model), share(modelAndRules - model), ms(total)];
  });
  return [
    `\nwhere time goes, ${subject.label} resources (CPU ms, median)\n`,
    ...table(['syntax', 'detect', 'parse + positions', 'model', 'rules', 'sum'], rows),
  ];
}

/**
 * Linear means the cost per resource stays put as the template grows. Whole-lint ratios wobble with garbage
 * collection, so the verdict rests on model + rules over an already parsed tree, where a superlinear
 * resolver or rule would show.
 */
function growth(subjects: readonly Twin[], rows: readonly RatioRow[], options: CloudFormationBenchOptions): string {
  const [small, large] = [subjects[0], subjects[subjects.length - 1]];
  if (small === undefined || large === undefined) return '';
  const lintGrowth = (['yaml', 'json'] as const).map((syntax) => {
    const lint = (twin: Twin): number =>
      rows.find((row) => row.label === twin.label && row.kind === syntax)?.lint ?? Number.NaN;
    return `${syntax} ×${(lint(large) / lint(small)).toFixed(2)}`;
  });
  const sizes = [small.resources, large.resources] as const;
  return (
    `growth: ×${(large.resources / small.resources).toFixed(1)} resources, ×${(large.texts.yaml.length / small.texts.yaml.length).toFixed(2)} bytes → ` +
    `lint ${lintGrowth.join(', ')}; ${perResourceGrowth('cloudformation', sizes, options.measure)}`
  );
}
