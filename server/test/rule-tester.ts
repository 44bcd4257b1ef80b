import { AssertionError } from 'node:assert';
import type { EngineFinding } from '../src/engine/finding';
import { Linter } from '../src/engine/linter';
import { formatMessage } from '../src/engine/messages';
import { RuleSet } from '../src/engine/rule-set';
import { checkFixes, checkFixShape } from './rule-tester-fixes';
import type { Report, Rule, Visitor } from '../src/rules/types';

/**
 * eslint's RuleTester for iacsec: each case becomes one mocha `it`, run through the real `Linter` and `RuleSet`,
 * so detection, parsing, the model and dispatch are exercised with the rule. Case text is dedented (a leading
 * blank line and the common indentation go), so templates can be indented like the code around them.
 */

/**
 * A whole document: a CloudFormation template in YAML or JSON, a Terraform JSON configuration (`tf`, linted as
 * `case.tf.json`) or a Terraform plan in JSON (`plan`, linted as `plan.json`).
 */
export type TemplateText =
  | { readonly yaml: string; readonly json?: undefined; readonly tf?: undefined; readonly plan?: undefined }
  | { readonly json: string; readonly yaml?: undefined; readonly tf?: undefined; readonly plan?: undefined }
  | { readonly tf: string; readonly yaml?: undefined; readonly json?: undefined; readonly plan?: undefined }
  | { readonly plan: string; readonly yaml?: undefined; readonly json?: undefined; readonly tf?: undefined };

export type ValidCase = TemplateText & { readonly name?: string };

/**
 * Where a finding's range is. `underline`: the source line(s) with `~` under the range (`^` for an empty one),
 * compared without common indentation. Or `text`: the exact underlined text. Either needs `line` (1-based)
 * when the same lines occur more than once, and may add `column` (1-based, UTF-16 units).
 */
export interface ExpectedLocation {
  readonly underline?: string;
  readonly text?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface ExpectedError<MessageId extends string = string> extends ExpectedLocation {
  readonly messageId: MessageId;
  /** The exact message, with the branch or parameter the engine appends. */
  readonly message?: string;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Every related location, in order; omitted means the finding has none. */
  readonly related?: readonly (ExpectedLocation & { readonly message?: string })[];
}

export type InvalidCase<MessageId extends string = string> = TemplateText & {
  readonly name?: string;
  /** Exactly the findings of the rule, in the engine's order (by offset). */
  readonly errors: readonly ExpectedError<MessageId>[];
  /**
   * The text after applying every finding's first fix, or `null` when this case offers none. Required by a
   * rule whose meta offers fixes, refused by one whose meta says `fix: 'none'`.
   */
  readonly output?: string | null;
};

export interface RuleTests<MessageId extends string> {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase<MessageId>[];
}

type Block = (name: string, body: () => void) => unknown;

export class RuleTester {
  constructor(private readonly mocha: { readonly describe: Block; readonly it: Block } = { describe, it }) {}

  run<MessageId extends string>(rule: Rule<MessageId>, tests: RuleTests<MessageId>): void {
    this.mocha.describe(rule.meta.id, () => {
      this.mocha.describe('valid', () => {
        for (const test of tests.valid) this.mocha.it(caseName(test), () => checkCase(rule, test, []));
      });
      this.mocha.describe('invalid', () => {
        for (const test of tests.invalid)
          this.mocha.it(caseName(test), () => checkCase(rule, test, test.errors, test.output));
      });
    });
  }
}

/** A template around a `Resources:` snippet written at the top level (`Bucket:\n  Type: …`). */
export function resourcesYaml(snippet: string): string {
  const body = dedent(snippet).replace(/^(?=.)/gm, '  ');
  return `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${body}`;
}

export function dedent(text: string): string {
  const lines = text
    .replace(/^[ \t]*\r?\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return `${lines.map((line) => line.slice(common)).join('\n')}\n`;
}

/** The case's text and the file name it is linted as. */
export function caseFile(test: TemplateText): { text: string; file: string } {
  if (test.yaml !== undefined) return { text: dedent(test.yaml), file: 'case.yaml' };
  if (test.json !== undefined) return { text: dedent(test.json), file: 'case.json' };
  if (test.tf !== undefined) return { text: dedent(test.tf), file: 'case.tf.json' };
  return { text: dedent(test.plan), file: 'plan.json' };
}

/** Lints one case with only `rule` enabled and checks the findings against `expected`; throws on any difference. */
export function checkCase(
  rule: Rule,
  test: TemplateText,
  expected: readonly ExpectedError[],
  output?: string | null,
): void {
  const { text, file } = caseFile(test);
  checkFixShape(rule, expected.length > 0, output);
  const reports: Report[] = [];
  const linter = new Linter(new RuleSet([recording(rule, reports)]));
  const result = linter.lint(text, file);
  if (!result.iac) fail(`the case is not detected as ${file.endsWith('.yaml') ? 'a CloudFormation template' : 'IaC'}`);
  if (result.problems.length > 0)
    fail(
      `the case could not be read: ${result.problems.map((p) => `${p.code} at ${p.offset}: ${p.message}`).join('; ')}`,
    );
  const failed = result.findings.find((finding) => finding.ruleId !== rule.meta.id);
  if (failed !== undefined) fail(`${failed.ruleId}: ${failed.message}`);
  const findings = result.findings;
  const source = new Source(text);
  if (findings.length !== expected.length) {
    fail(
      `expected ${expected.length} finding(s) of ${rule.meta.id}, got ${findings.length}:\n${findings.map((f) => source.describe(f)).join(',\n') || '(none)'}`,
    );
  }
  findings.forEach((finding, index) =>
    checkFinding(rule, source, finding, expected[index] as ExpectedError, reports, index),
  );
  checkFixes(rule, linter, text, file, findings, typeof output === 'string' ? dedent(output) : output);
}

function checkFinding(
  rule: Rule,
  source: Source,
  finding: EngineFinding,
  expected: ExpectedError,
  reports: readonly Report[],
  index: number,
): void {
  const where = `finding ${index + 1} (${source.describe(finding)})`;
  if (finding.messageId !== expected.messageId)
    fail(`${where}: messageId is '${finding.messageId}', expected '${expected.messageId}'`);
  const template = rule.meta.messages[finding.messageId];
  if (template === undefined) fail(`${where}: messageId '${finding.messageId}' is not among the rule's meta.messages`);
  source.checkLocation(finding, expected, where);
  if (/\{\{\s*\w+\s*\}\}/.test(finding.message))
    fail(`${where}: the message leaves a placeholder unfilled: ${finding.message}`);
  if (expected.message !== undefined && finding.message !== expected.message) {
    fail(`${where}: message differs\n  actual:   ${finding.message}\n  expected: ${expected.message}`);
  }
  if (expected.data !== undefined) {
    const datas = reports
      .filter((r) => r.node.start === finding.start && r.node.end === finding.end && r.messageId === finding.messageId)
      // The engine may append the branch before the final period, so the message is matched without it.
      .filter((r) => finding.message.startsWith(formatMessage(template, r.data).replace(/\.$/, '')))
      .map((r) => JSON.stringify(sortedEntries(r.data ?? {})));
    const wanted = JSON.stringify(sortedEntries(expected.data));
    if (!datas.includes(wanted)) fail(`${where}: data is ${datas.join(' or ') || '{}'}, expected ${wanted}`);
  }
  const related = expected.related ?? [];
  if (finding.related.length !== related.length) {
    fail(
      `${where}: ${finding.related.length} related location(s), expected ${related.length}:\n${finding.related.map((r) => source.describe(r)).join(',\n')}`,
    );
  }
  finding.related.forEach((actual, i) => {
    const wanted = related[i] as ExpectedLocation & { message?: string };
    source.checkLocation(actual, wanted, `${where}, related ${i + 1}`);
    if (wanted.message !== undefined && actual.message !== wanted.message) {
      fail(`${where}, related ${i + 1}: message is '${actual.message}', expected '${wanted.message}'`);
    }
  });
}

/** The rule as it is, with every report also recorded, so a case can check the `data` behind a message. */
function recording(rule: Rule, reports: Report[]): Rule {
  const wrap =
    (visit: Visitor): Visitor =>
    (resource, context) => {
      const report = (report: Report): void => {
        reports.push(report);
        context.report(report);
      };
      visit(resource, { ...context, report });
    };
  const visitors: Record<string, Record<string, Visitor>> = {};
  for (const [dialect, table] of Object.entries(rule.visitors)) {
    visitors[dialect] = Object.fromEntries(Object.entries(table ?? {}).map(([type, visit]) => [type, wrap(visit)]));
  }
  return { meta: rule.meta, visitors };
}

/** Positions and tilde snapshots over one text; test-only, since the engine stays in offsets. */
class Source {
  private readonly lines: string[];
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    this.lines = text.split('\n');
    for (const line of this.lines) this.starts.push((this.starts.at(-1) as number) + line.length + 1);
  }

  position(offset: number): { line: number; column: number } {
    let line = 0;
    while (line + 1 < this.lines.length && (this.starts[line + 1] as number) <= offset) line++;
    return { line: line + 1, column: offset - (this.starts[line] as number) + 1 };
  }

  underline(start: number, end: number): string {
    const first = this.position(start);
    const last = this.position(Math.max(start, end - 1));
    const out: string[] = [];
    for (let line = first.line; line <= last.line; line++) {
      const content = this.lines[line - 1] as string;
      const from = line === first.line ? first.column - 1 : content.length - content.trimStart().length;
      const to = line === last.line ? (start === end ? from : last.column) : content.length;
      out.push(content, ' '.repeat(from) + (start === end ? '^' : '~'.repeat(Math.max(0, to - from))));
    }
    return normalise(out.join('\n'));
  }

  /** How many places hold the same lines as `start`..`end`, indentation aside: more than one makes a snapshot ambiguous. */
  occurrences(start: number, end: number): number {
    const first = this.position(start).line - 1;
    const count = this.position(Math.max(start, end - 1)).line - first;
    const block = normalise(this.lines.slice(first, first + count).join('\n'));
    let found = 0;
    for (let i = 0; i + count <= this.lines.length; i++)
      if (normalise(this.lines.slice(i, i + count).join('\n')) === block) found++;
    return found;
  }

  checkLocation(actual: { start: number; end: number }, expected: ExpectedLocation, where: string): void {
    const { line, column } = this.position(actual.start);
    const snapshot = this.underline(actual.start, actual.end);
    const span = this.text.slice(actual.start, actual.end);
    if (expected.underline === undefined && expected.text === undefined)
      fail(`${where}: state the range with underline or text`);
    if (expected.underline !== undefined && normalise(expected.underline) !== snapshot) {
      fail(`${where}: the underline differs\n--- actual\n${snapshot}\n--- expected\n${normalise(expected.underline)}`);
    }
    if (expected.text !== undefined && expected.text !== span)
      fail(`${where}: the range holds ${JSON.stringify(span)}, expected ${JSON.stringify(expected.text)}`);
    if (expected.line !== undefined && expected.line !== line)
      fail(`${where}: on line ${line}, expected line ${expected.line}`);
    if (expected.column !== undefined && expected.column !== column)
      fail(`${where}: at column ${column}, expected column ${expected.column}`);
    const places =
      expected.underline !== undefined ? this.occurrences(actual.start, actual.end) : this.text.split(span).length - 1;
    if (expected.line === undefined && places > 1)
      fail(`${where}: the same text occurs ${places} times in the template; add line: ${line}`);
    const onLine = (this.lines[line - 1] ?? '').split(span).length - 1;
    if (expected.underline === undefined && expected.column === undefined && onLine > 1)
      fail(`${where}: the same text occurs ${onLine} times on line ${line}; add column: ${column}`);
  }

  /** A finding as a ready-to-paste expectation. */
  describe(finding: { start: number; end: number; messageId?: string; message: string }): string {
    const id = finding.messageId === undefined ? '' : `messageId: '${finding.messageId}', `;
    const line = this.occurrences(finding.start, finding.end) > 1 ? `line: ${this.position(finding.start).line}, ` : '';
    return `{ ${id}${line}underline: ${JSON.stringify(this.underline(finding.start, finding.end))} } // ${finding.message}`;
  }
}

/** Drops common indentation, trailing spaces and surrounding blank lines, so snapshots compare by what they show. */
function normalise(snapshot: string): string {
  const lines = snapshot
    .replace(/^\s*\n/, '')
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => line.trimEnd());
  const indents = lines.filter((line) => line !== '').map((line) => line.length - line.trimStart().length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(common)).join('\n');
}

function sortedEntries(data: Readonly<Record<string, string | number>>): [string, string | number][] {
  return Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function caseName(test: TemplateText & { readonly name?: string }): string {
  if (test.name !== undefined) return test.name;
  const kind =
    test.yaml !== undefined ? 'yaml' : test.json !== undefined ? 'json' : test.tf !== undefined ? 'tf' : 'plan';
  const text = (test.yaml ?? test.json ?? test.tf ?? test.plan ?? '').replace(/\s+/g, ' ').trim();
  return `${kind}: ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`;
}

function fail(message: string): never {
  throw new AssertionError({ message });
}
