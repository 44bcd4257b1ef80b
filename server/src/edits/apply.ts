import type { EngineFinding } from '../engine/finding';
import { readDocument } from '../parsing/detect';
import { DEFAULT_LIMITS, type Limits } from '../parsing/errors';
import type { FixProposal, TextEdit } from './changes';
import { EditError } from './document';
import { FixEditor } from './editor';

/** Which fix of a finding to apply: the first one this accepts. */
export type FixFilter = (fix: FixProposal, finding: EngineFinding) => boolean;

export interface ApplyOptions {
  /** Default: safe fixes only, the ones that may be applied in bulk. */
  readonly filter?: FixFilter;
  /**
   * Lints a fixed text again (the whole text, BOM included) for the next pass. Without it there is one pass;
   * with it, passes repeat until none applies anything, at most `maxPasses` times.
   */
  readonly relint?: (text: string) => readonly EngineFinding[];
  readonly maxPasses?: number;
  readonly limits?: Limits;
}

/** What one pass did: the text after it, the findings whose fix it applied, and those it left for a later pass. */
export interface FixPass {
  readonly text: string;
  readonly applied: readonly EngineFinding[];
  /** Their fix touched text that a fix applied earlier in the pass already changed (eslint's rule). */
  readonly skipped: readonly EngineFinding[];
  /** Their fix could not be made to this text, with why. */
  readonly failed: readonly { readonly finding: EngineFinding; readonly reason: string }[];
}

const DEFAULT_PASSES = 10;
const BOM = '\ufeff';

/**
 * The edits of one fix on `text` (BOM removed, the text the finding's offsets count in). Throws an EditError
 * when the fix cannot be made to this text, or when its result would not read as a template.
 */
export function fixEdits(text: string, file: string, fix: FixProposal, limits: Limits = DEFAULT_LIMITS): TextEdit[] {
  const edits = new FixEditor(text, file, limits).edits(fix);
  if (!reads(applyEdits(text, edits), file, limits))
    throw new EditError(`"${fix.title}" would leave a text that does not read as a template`);
  return edits;
}

/**
 * Applies the fixes of `findings` to a file's whole text, pass after pass like eslint: in each pass, the first
 * accepted fix of each unsuppressed finding in order, skipping any whose edits touch text an earlier one
 * changed; then, with `relint`, again on the new findings. A byte-order mark, the line endings and the final
 * newline (or its absence) are kept.
 */
export function applyFixes(
  rawText: string,
  file: string,
  findings: readonly EngineFinding[],
  options: ApplyOptions = {},
): { text: string; applied: number } {
  const bom = rawText.startsWith(BOM) ? BOM : '';
  const filter = options.filter ?? ((fix) => fix.safe);
  const passes = options.relint === undefined ? 1 : (options.maxPasses ?? DEFAULT_PASSES);
  let text = rawText.slice(bom.length);
  let current = findings;
  let applied = 0;
  for (let pass = 0; pass < passes; pass++) {
    const result = applyFixPass(text, file, current, filter, options.limits);
    if (result.applied.length === 0 || result.text === text) break;
    text = result.text;
    applied += result.applied.length;
    if (options.relint === undefined) break;
    current = options.relint(bom + text);
  }
  return { text: bom + text, applied };
}

/** One pass over a BOM-less text. A fix whose edits would break the text is left out, never applied. */
export function applyFixPass(
  text: string,
  file: string,
  findings: readonly EngineFinding[],
  filter: FixFilter,
  limits: Limits = DEFAULT_LIMITS,
): FixPass {
  const chosen = findings.flatMap((finding) => {
    // A suppressed finding is one somebody decided to keep: never fix it behind their back.
    if (finding.suppressed !== undefined) return [];
    const fix = finding.fixes.find((candidate) => filter(candidate, finding));
    return fix === undefined ? [] : [{ finding, fix }];
  });
  if (chosen.length === 0) return { text, applied: [], skipped: [], failed: [] };
  let editor: FixEditor;
  try {
    editor = new FixEditor(text, file, limits);
  } catch (error) {
    const reason = reasonOf(error);
    return { text, applied: [], skipped: [], failed: chosen.map(({ finding }) => ({ finding, reason })) };
  }
  const planned: { finding: EngineFinding; edits: TextEdit[] }[] = [];
  const skipped: EngineFinding[] = [];
  const failed: { finding: EngineFinding; reason: string }[] = [];
  for (const { finding, fix } of chosen) {
    let edits: TextEdit[];
    try {
      edits = editor.edits(fix);
    } catch (error) {
      failed.push({ finding, reason: reasonOf(error) });
      continue;
    }
    if (edits.length === 0) continue;
    if (planned.some((taken) => taken.edits.some((a) => edits.some((b) => touches(a, b))))) skipped.push(finding);
    else planned.push({ finding, edits });
  }
  let taken = planned;
  let fixed = applyEdits(
    text,
    taken.flatMap((plan) => plan.edits),
  );
  if (!reads(fixed, file, limits)) {
    // Some fix breaks the text: keep only those that read on their own, then, if together they still do not, the first.
    taken = planned.filter((plan) => {
      const ok = reads(applyEdits(text, plan.edits), file, limits);
      if (!ok) failed.push({ finding: plan.finding, reason: 'its result does not read as a template' });
      return ok;
    });
    fixed = applyEdits(
      text,
      taken.flatMap((plan) => plan.edits),
    );
    if (!reads(fixed, file, limits)) {
      skipped.push(...taken.slice(1).map((plan) => plan.finding));
      taken = taken.slice(0, 1);
      fixed = applyEdits(
        text,
        taken.flatMap((plan) => plan.edits),
      );
    }
  }
  return { text: fixed, applied: taken.map((plan) => plan.finding), skipped, failed };
}

/** Applies non-overlapping edits, given in any order, to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let result = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new EditError('overlapping edits');
    result += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return result + text.slice(at);
}

/**
 * Whether two edits get in each other's way: they overlap, or one ends where the other begins, or both insert
 * at one place (whose text would come first is not for either fix to decide).
 */
function touches(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function reads(text: string, file: string, limits: Limits): boolean {
  return readDocument(text, file, limits).kind === 'document';
}

function reasonOf(error: unknown): string {
  if (error instanceof EditError) return error.message;
  throw error;
}
