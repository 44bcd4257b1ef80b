import { applyFixes, applyFixPass, fixEdits } from '../../src/edits/apply';
import type { FixProposal, TextEdit } from '../../src/edits/changes';
import { EditError } from '../../src/edits/document';
import type { EngineFinding } from '../../src/engine/finding';
import type { DocumentResult, Linter } from '../../src/engine/linter';
import type { Format } from '../../src/parsing/detect';
import { applyFixAllAsEditor, applyQuickFixAsEditor, type EditorFixAll } from './editor-actions';
import { Checker, type Snapshot, type Violation } from './fix-checker';
import { describeFinding, offerKey, offers, shown } from './finding-identity';
import type { SweepInput } from './fix-sweep-inputs';

/** A text a fix made, kept for cfn-lint to compare with its original. */
export interface FixedText {
  readonly application: string;
  readonly text: string;
  /** The rule whose fix, applied alone, made it; undefined for source.fixAll and every fix at once. */
  readonly rule: string | undefined;
}

export interface FileSweep {
  readonly input: SweepInput;
  /** Undefined when the file is not IaC or does not read: there is nothing to fix. */
  readonly format: Format | undefined;
  readonly violations: readonly Violation[];
  readonly fixed: readonly FixedText[];
  /** Fixes applied one at a time. */
  readonly single: number;
  /** Fixes the editor offers but could not make to this text (EditError): refused, which never breaks a file. */
  readonly refused: readonly string[];
  /** Fixes source.fixAll applied, over all its passes. */
  readonly fixAll: number;
  /** Findings a fix revealed that follow-ups.ts allows. */
  readonly followUps: number;
}

interface Tally {
  readonly fixed: FixedText[];
  readonly refused: string[];
  single: number;
  fixAll: number;
}

/** Sweeps one file: each offered fix alone, then source.fixAll, then (when asked) every fix at once. */
export async function sweepFile(
  input: SweepInput,
  linter: Linter,
  editor: EditorFixAll,
  everyFix: boolean,
): Promise<FileSweep> {
  const check = new Checker(linter, input.file, input.shown, []);
  const original = check.snapshot(input.text);
  const tally: Tally = { fixed: [], refused: [], single: 0, fixAll: 0 };
  const format = original?.result.format;
  if (original !== undefined && format === 'terraform-plan') {
    for (const finding of original.result.findings.filter((candidate) => candidate.fixes.length > 0))
      check.fail('planFixes', 'plan', `${describeFinding(finding)} offers "${finding.fixes[0]?.title}"`);
  } else if (original !== undefined) {
    singleFixes(input, original, check, tally);
    await fixAll(input, original, check, editor, tally);
    if (everyFix) everyFixAtOnce(input, original, check, tally);
  }
  return { input, format, violations: check.violations, followUps: check.followUps, ...tally };
}

/** Every fix the editor offers, alone, on the text as it is: the quick fix path of server/src/lsp/code-actions.ts. */
function singleFixes(input: SweepInput, original: Snapshot, check: Checker, tally: Tally): void {
  const text = original.result.bom ? input.text.slice(1) : input.text;
  const before = offers(original.result.findings);
  for (const finding of shown(original.result.findings)) {
    for (const fix of finding.fixes) {
      const label = `fix "${fix.title}" of ${describeFinding(finding)}`;
      let edits: TextEdit[];
      try {
        edits = fixEdits(text, input.file, fix, check.linter.limits);
      } catch (error) {
        if (!(error instanceof EditError)) throw error;
        tally.refused.push(`${input.shown}: ${label}: ${error.message}`);
        continue;
      }
      tally.single++;
      const after = applyQuickFixAsEditor(input.text, edits);
      const fixed = check.application({ label, before: original, applied: [finding], edits, after });
      if (fixed === undefined) continue;
      tally.fixed.push({ application: label, text: after, rule: finding.ruleId });
      // Property 2 says whether the finding is gone; this, whether the same fix is still offered for it.
      const key = offerKey(finding, fix.title);
      if ((offers(fixed.result.findings).get(key) ?? 0) >= (before.get(key) ?? 0))
        check.fail('idempotent', label, 'the same fix is still offered on the fixed text');
    }
  }
}

/**
 * source.fixAll as the editor runs it (the worker's fixAll); then its passes, replayed through applyFixPass to learn
 * which fixes, hence which edits, each applied, so that properties 1 to 4 are checked pass by pass.
 */
async function fixAll(
  input: SweepInput,
  original: Snapshot,
  check: Checker,
  editor: EditorFixAll,
  tally: Tally,
): Promise<void> {
  const label = 'source.fixAll';
  const product = await editor.fixAll(input.file, input.text);
  const trace: { text: string; result: DocumentResult }[] = [{ text: input.text, result: original.result }];
  const relint = (text: string): readonly EngineFinding[] => {
    const result = check.linter.lint(text, input.file);
    trace.push({ text, result });
    return result.findings;
  };
  const limits = check.linter.limits;
  const traced = applyFixes(input.text, input.file, original.result.findings, { relint, limits });
  if (traced.text !== product)
    throw new Error(`${input.shown}: the worker's fixAll is no longer applyFixes with relint; update this sweep`);
  const bom = original.result.bom ? '\ufeff' : '';
  let before: Snapshot | undefined = original;
  for (const [index, pass] of trace.entries()) {
    const next = trace[index + 1];
    if (next === undefined || before === undefined) break;
    const text = pass.text.slice(bom.length);
    const replay = applyFixPass(text, input.file, pass.result.findings, (fix) => fix.safe, limits);
    if (bom + replay.text !== next.text) throw new Error(`${input.shown}: pass ${index + 1} does not replay`);
    const edits = replay.applied.flatMap((finding) =>
      fixEdits(text, input.file, finding.fixes.find((fix) => fix.safe) as FixProposal, limits),
    );
    tally.fixAll += replay.applied.length;
    const pass1 = `${label}, pass ${index + 1}`;
    before = check.application({ label: pass1, before, applied: replay.applied, edits, after: next.text });
  }
  if (applyFixAllAsEditor(input.text, product) !== product)
    check.fail('bytesKept', label, "the code action's line edits do not give the fixed text");
  if (product === input.text) return;
  tally.fixed.push({ application: label, text: product, rule: undefined });
  if ((await editor.fixAll(input.file, product)) !== product)
    check.fail('idempotent', label, 'fixAll on its own result changes it again');
}

/** Every fix, suggestions too, pass after pass: no product path, but combinations that no single fix meets. */
function everyFixAtOnce(input: SweepInput, original: Snapshot, check: Checker, tally: Tally): void {
  const relint = (text: string): readonly EngineFinding[] => check.linter.lint(text, input.file).findings;
  const limits = check.linter.limits;
  const options = { filter: () => true, relint, limits };
  const { text: after } = applyFixes(input.text, input.file, original.result.findings, options);
  if (after === input.text) return;
  const label = 'every fix at once';
  // Which findings the passes fixed is not known here: any may be gone, none may appear.
  if (check.application({ label, before: original, applied: 'resolved', edits: undefined, after }) !== undefined)
    tally.fixed.push({ application: label, text: after, rule: undefined });
}
