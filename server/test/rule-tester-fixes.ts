import { AssertionError } from 'node:assert';
import { applyFixes, applyFixPass, type FixPass } from '../src/edits/index';
import type { EngineFinding } from '../src/engine/finding';
import type { Linter } from '../src/engine/linter';
import type { Rule } from '../src/rules/types';

/*
 * The RuleTester's fix checks, eslint's way: a rule that offers fixes states the fixed text of every invalid case
 * (`output`), which is one pass of every finding's first fix through the edit builder; then the fixes must settle.
 */

/** eslint's rule: a rule that offers fixes states the fixed text of every invalid case; one that offers none, never. */
export function checkFixShape(rule: Rule, invalid: boolean, output: string | null | undefined): void {
  if (rule.meta.fix === 'none' && output !== undefined) {
    fail(`${rule.meta.id} declares fix: 'none', so a case cannot state an output`);
  }
  if (rule.meta.fix !== 'none' && invalid && output === undefined) {
    fail(
      `${rule.meta.id} declares fix: '${rule.meta.fix}', so every invalid case needs an output (the fixed text, or null)`,
    );
  }
}

/** Checks the fixes of one case; `output` is the expected text already dedented, or null / undefined. */
export function checkFixes(
  rule: Rule,
  linter: Linter,
  text: string,
  file: string,
  findings: readonly EngineFinding[],
  output: string | null | undefined,
): void {
  const offered = findings.filter((finding) => finding.fixes.length > 0);
  if (rule.meta.fix === 'none') {
    if (offered.length > 0)
      fail(`${rule.meta.id} declares fix: 'none' but offered a fix: ${offered[0]?.fixes[0]?.title}`);
    return;
  }
  if (rule.meta.fix === 'suggestion' && offered.some((finding) => finding.fixes.some((fix) => fix.safe))) {
    fail(`${rule.meta.id} declares fix: 'suggestion' but offered a safe fix`);
  }
  if (output === null || output === undefined) {
    if (offered.length > 0) fail(`the case states output: null, but ${offered.length} finding(s) offer a fix`);
    return;
  }
  // As eslint's RuleTester: one pass of every finding's first fix, suggestions included.
  const pass = applyFixPass(text, file, findings, ALL);
  for (const { finding, reason } of pass.failed) fail(`the fix "${finding.fixes[0]?.title}" cannot be made: ${reason}`);
  if (pass.text !== output) fail(`the fixed text differs\n--- actual\n${pass.text}--- expected\n${output}`);
  checkIdempotent(rule, linter, file, pass);
}

/**
 * A fix is idempotent: once applied, its finding no longer offers it (only findings whose fix the pass skipped
 * for overlapping may still offer one), and further passes, re-linting in between, settle and then change nothing.
 */
function checkIdempotent(rule: Rule, linter: Linter, file: string, pass: FixPass): void {
  const relint = (text: string): readonly EngineFinding[] => {
    const result = linter.lint(text, file);
    if (!result.iac || result.problems.length > 0)
      fail(`the fixed text does not read as a template: ${result.problems.map((p) => p.message).join('; ')}\n${text}`);
    return result.findings;
  };
  const left = pass.skipped.map(fixIdentity);
  for (const finding of relint(pass.text)) {
    if (finding.fixes.length === 0) continue;
    const index = left.indexOf(fixIdentity(finding));
    if (index === -1)
      fail(`after the fix, ${rule.meta.id} still offers "${finding.fixes[0]?.title}": ${finding.message}`);
    left.splice(index, 1);
  }
  const settled = applyFixes(pass.text, file, relint(pass.text), { filter: ALL, relint });
  const again = applyFixes(settled.text, file, relint(settled.text), { filter: ALL, relint });
  if (again.applied > 0) fail(`the fixes do not settle: after ten passes, fixing again gives\n${again.text}`);
  if (pass.skipped.length === 0 && settled.text !== pass.text)
    fail(`the fix is not idempotent: fixing the output again gives\n${settled.text}`);
}

const ALL = (): boolean => true;

/** What a fix is, across texts whose offsets differ: the finding's rule, message and resource, and the fix's title. */
function fixIdentity(finding: EngineFinding): string {
  return JSON.stringify([finding.ruleId, finding.messageId, finding.resource?.id, finding.fixes[0]?.title]);
}

function fail(message: string): never {
  throw new AssertionError({ message });
}
