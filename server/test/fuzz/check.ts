import { performance } from 'node:perf_hooks';
import { fixEdits } from '../../src/edits/apply';
import { EditError } from '../../src/edits/document';
import type { DocumentResult, Linter } from '../../src/engine/linter';

/**
 * A hang detector, not a performance bound: a case this slow is stuck in something super-linear. Reading is
 * linear, so a large input is allowed a second per MB on top (a 50 MB plan takes a few seconds; anything
 * quadratic on it takes minutes).
 */
export function maxCaseMillis(text: string): number {
  return 5_000 + Math.round((text.length / (1024 * 1024)) * 1_000);
}
const PROBLEM_CODES: ReadonlySet<string> = new Set(['read', 'parse', 'limit', 'internal']);

/**
 * Lints one input and checks the properties every input must keep: nothing escapes `lint`, it returns in
 * bounded time, every offset lies within the text, every problem has a contract code, and every fix either
 * gives edits within the text or throws EditError. Returns what is wrong, empty when nothing is; an exception
 * from the engine propagates, so fast-check reports it with its stack.
 */
export function violations(linter: Linter, rawText: string, file: string): string[] {
  const started = performance.now();
  const result = linter.lint(rawText, file);
  return [...slowness('lint', performance.now() - started, rawText), ...resultViolations(result, rawText, file)];
}

/** `what took N ms` when that is past the hang detector's bound for this text. */
export function slowness(what: string, millis: number, text: string): string[] {
  return millis > maxCaseMillis(text) ? [`${what} took ${Math.round(millis)} ms`] : [];
}

/** The properties of `violations` for a result already made, fixes included. */
export function resultViolations(result: DocumentResult, rawText: string, file: string): string[] {
  const wrong: string[] = [];
  if (!result.iac) {
    if (result.findings.length > 0 || result.problems.length > 0) wrong.push('not IaC, yet findings or problems');
    return wrong;
  }
  const text = result.bom ? rawText.slice(1) : rawText;
  const within = (start: number, end: number): boolean => 0 <= start && start <= end && end <= text.length;
  for (const problem of result.problems) {
    if (!PROBLEM_CODES.has(problem.code)) wrong.push(`problem code ${problem.code}`);
    if (!within(problem.offset, problem.offset)) wrong.push(`problem offset ${problem.offset} of ${text.length}`);
  }
  const fixStarted = performance.now();
  for (const finding of result.findings) {
    if (!within(finding.start, finding.end))
      wrong.push(`${finding.ruleId} at ${finding.start}..${finding.end} of ${text.length}`);
    for (const related of finding.related)
      if (!within(related.start, related.end))
        wrong.push(`${finding.ruleId} related at ${related.start}..${related.end} of ${text.length}`);
    for (const fix of finding.fixes) {
      try {
        for (const edit of fixEdits(text, file, fix))
          if (!within(edit.start, edit.end))
            wrong.push(`${finding.ruleId} fix "${fix.title}" edits ${edit.start}..${edit.end} of ${text.length}`);
      } catch (error) {
        if (!(error instanceof EditError)) throw error;
      }
    }
  }
  wrong.push(...slowness('fixes', performance.now() - fixStarted, text));
  return wrong;
}
