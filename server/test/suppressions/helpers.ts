import type { EngineFinding } from '../../src/engine/finding';
import { Linter, type LintOptions } from '../../src/engine/linter';
import { RuleSet, type RuleSetting } from '../../src/engine/rule-set';
import { allRules } from '../../src/rules/index';
import type { Rule } from '../../src/rules/types';

/**
 * Three rules of the real catalogue, picked by id, so these tests keep their findings as the catalogue grows
 * (a new S3 rule would otherwise add findings to every bare bucket here).
 */
export const RULES: readonly Rule[] = [
  'encryption/rds-storage-encryption',
  'encryption/s3-bucket-encryption',
  'firewall/security-group-open-admin-port',
].map((id) => {
  const rule = allRules.find((candidate) => candidate.meta.id === id);
  if (rule === undefined) throw new Error(`${id} is not in the catalogue`);
  return rule;
});

export interface LintSetup extends LintOptions {
  readonly rules?: readonly Rule[];
  readonly settings?: Readonly<Record<string, RuleSetting>>;
}

/** Lints a template with `RULES` (unless told otherwise) and returns the engine's findings. */
export function lintFindings(text: string, file = 'stack.yaml', setup: LintSetup = {}): readonly EngineFinding[] {
  const linter = new Linter(new RuleSet(setup.rules ?? RULES, setup.settings), setup);
  const result = linter.lint(text, file);
  if (result.problems.length > 0) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.findings;
}

/**
 * One line per finding: `line:column ruleId messageId «underlined text»`, then `(by: reason)` when suppressed.
 * The underlined text pins the exact range; the line and column (1-based) say where it is.
 */
export function describe(text: string, findings: readonly EngineFinding[]): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return findings.map((finding) => {
    const before = body.slice(0, finding.start);
    const line = before.split(/\r\n|\r|\n/).length;
    const column = finding.start - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    const shown = `${line}:${column} ${finding.ruleId} ${finding.messageId} «${body.slice(finding.start, finding.end)}»`;
    return finding.suppressed === undefined
      ? shown
      : `${shown} (${finding.suppressed.by}: ${finding.suppressed.reason})`;
  });
}

/** The findings of a template, described. */
export function lint(text: string, file = 'stack.yaml', setup: LintSetup = {}): string[] {
  return describe(text, lintFindings(text, file, setup));
}

/** Joins lines into a template text, so tests read as the file would. */
export function yaml(...lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}
