import type { TextEdit } from '../../src/edits/changes';
import type { EngineFinding } from '../../src/engine/finding';
import type { DocumentResult, Linter } from '../../src/engine/linter';
import { readDocument } from '../../src/parsing/detect';
import { describeFinding, matchFindings, placed, shown, type Placed } from './finding-identity';
import { isFollowUp } from './follow-ups';

/** The properties of docs/fuzzing.md's "Fix safety", in its order; cfn-lint's is checked over a whole batch. */
export const PROPERTIES = {
  reads: '1. the fixed text reads as the same kind of template',
  gone: '2. the fixed finding is gone',
  nothingNew: '3. no finding appears',
  bytesKept: '4. every byte outside the edits is kept',
  idempotent: '5. applying again changes nothing',
  planFixes: 'plans offer no fixes',
} as const;
export type Property = keyof typeof PROPERTIES;

export interface Violation {
  readonly property: Property;
  /** `<file>: <application>: <what is wrong>`. */
  readonly message: string;
}

/** A whole text (BOM included) that reads, linted, with its shown findings placed. */
export interface Snapshot {
  readonly text: string;
  readonly result: DocumentResult;
  readonly placed: readonly Placed[];
}

/** One application of fixes to a text. */
export interface Application {
  readonly label: string;
  readonly before: Snapshot;
  /** The findings whose fixes were applied, or `resolved`: unknown, so any may be gone (but none may appear). */
  readonly applied: readonly EngineFinding[] | 'resolved';
  /** In offsets after any BOM, as the engine makes them; undefined when they are not known. */
  readonly edits: readonly TextEdit[] | undefined;
  readonly after: string;
}

/** How much of a fixed text that does not read a failure shows. */
const MAX_SHOWN = 4000;

/** Checks properties 1 to 4 of applications to one file, recording what fails. */
export class Checker {
  /** Findings a fix revealed that follow-ups.ts allows: counted for the summary. */
  followUps = 0;

  constructor(
    readonly linter: Linter,
    private readonly file: string,
    private readonly shownName: string,
    readonly violations: Violation[],
  ) {}

  fail(property: Property, application: string, what: string): void {
    this.violations.push({ property, message: `${this.shownName}: ${application}: ${what}` });
  }

  /** The text linted and placed; undefined when it does not read. */
  snapshot(text: string, result: DocumentResult = this.linter.lint(text, this.file)): Snapshot | undefined {
    if (!result.iac || result.problems.length > 0) return undefined;
    const bomless = result.bom ? text.slice(1) : text;
    const outcome = readDocument(bomless, this.file, this.linter.limits);
    if (outcome.kind !== 'document') throw new Error(`${this.shownName} lints but does not read: ${outcome.kind}`);
    return { text, result, placed: placed(shown(result.findings), outcome.document, bomless) };
  }

  /** The fixed text's snapshot, or undefined when it does not read (property 1 then fails). */
  application(application: Application): Snapshot | undefined {
    const { label, before, after } = application;
    const result = this.linter.lint(after, this.file);
    const now = this.snapshot(after, result);
    if (now === undefined || result.format !== before.result.format) {
      const why = result.problems[0]?.message ?? (result.iac ? `it reads as ${result.format}` : 'it is not IaC');
      this.fail('reads', label, `the fixed text does not read: ${why}\n${after.slice(0, MAX_SHOWN)}`);
      return undefined;
    }
    this.compareFindings(application, now);
    if (application.edits !== undefined) {
      const changed = changedOutside(before.text, after, application.edits, before.result.bom ? 1 : 0);
      if (changed !== undefined) this.fail('bytesKept', label, changed);
    }
    return now;
  }

  /** Properties 2 and 3: the findings after are those before, less the fixed ones (and any others a fix fixed). */
  private compareFindings(application: Application, now: Snapshot): void {
    const { label, before, applied } = application;
    const fixed = applied === 'resolved' ? [] : before.placed.filter((entry) => applied.includes(entry.finding));
    const { resolved, appeared } = matchFindings(
      before.placed.filter((entry) => !fixed.includes(entry)),
      now.placed,
    );
    const causes = applied === 'resolved' ? resolved.map((entry) => entry.finding) : applied;
    const resourcesBefore = new Set(before.result.resources.map((resource) => resource.id));
    for (const entry of appeared) {
      // Unpaired, yet the fixed rule on the fixed resource: the finding is still there, or turned into another.
      if (
        fixed.some(({ finding }) => finding.ruleId === entry.finding.ruleId && sameResource(finding, entry.finding))
      ) {
        this.fail('gone', label, `${describeFinding(entry.finding)} is still there`);
      } else if (isFollowUp(entry.finding, causes, resourcesBefore)) {
        this.followUps++;
      } else {
        this.fail('nothingNew', label, `${describeFinding(entry.finding)} appeared (at ${entry.place})`);
      }
    }
  }
}

function sameResource(a: EngineFinding, b: EngineFinding): boolean {
  return a.resource?.id === b.resource?.id;
}

/**
 * Where `after` is not `before` with exactly `edits` made: the prefix before the first edit, the text between
 * edits and the suffix must be `before`'s, each edit's text must stand where it was put, and nothing else.
 * `shift`: 1 when the edits count after a BOM that both texts begin with.
 */
export function changedOutside(
  before: string,
  after: string,
  edits: readonly TextEdit[],
  shift: number,
): string | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let at = 0; // in `before`
  let moved = 0; // how far `after` is ahead of `before` here
  const kept = (from: number, to: number): boolean => after.slice(from + moved, to + moved) === before.slice(from, to);
  for (const edit of sorted) {
    const start = edit.start + shift;
    const end = edit.end + shift;
    if (start < at) return `edits overlap at ${edit.start}`;
    if (!kept(at, start)) return `the text between offsets ${at} and ${start} changed`;
    if (after.slice(start + moved, start + moved + edit.text.length) !== edit.text)
      return `the edit at ${edit.start}..${edit.end} is not what stands there`;
    moved += edit.text.length - (end - start);
    at = end;
  }
  if (after.length !== before.length + moved) return `${after.length - before.length - moved} characters too many`;
  if (!kept(at, before.length)) return `the text after offset ${at} changed`;
  return undefined;
}
