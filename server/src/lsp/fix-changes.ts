import { deserialize, serialize } from 'node:v8';
import type { Change, FixProposal } from '../edits/changes';
import type { DocumentResult } from '../engine/linter';
import type { FixSummary, LintedFinding, LintedResult } from './worker-protocol';

/** `changes[finding][fix]`: every fix's changes, by the finding's index in the result and the fix's in the finding. */
export type ChangeTable = readonly (readonly (readonly Change[])[])[];

const NO_SUMMARIES: readonly FixSummary[] = Object.freeze([]);
const NO_CHANGES: readonly (readonly Change[])[] = Object.freeze([]);

/**
 * A lint answer's fixes cross from the worker in two parts. The answer carries each fix's title and safety, all a
 * list of code actions shows; the changes (most of the answer's bytes: a fix that adds a bucket policy carries the
 * whole policy) follow in a second message, one v8-serialized buffer (`encodeChanges`, made after the answer is
 * posted), which the server decodes only when a fix is applied. On a 2,000-resource template that takes about 35 ms
 * of structured cloning off the way to the diagnostics.
 */
export function splitFixes(result: DocumentResult): { result: LintedResult; changes: ChangeTable } {
  const table: (readonly (readonly Change[])[])[] = [];
  const findings = result.findings.map((finding): LintedFinding => {
    if (finding.fixes.length === 0) {
      table.push(NO_CHANGES);
      return { ...finding, fixes: NO_SUMMARIES };
    }
    table.push(finding.fixes.map((fix) => fix.changes));
    return { ...finding, fixes: finding.fixes.map((fix) => ({ title: fix.title, safe: fix.safe })) };
  });
  return { result: { ...result, findings }, changes: table };
}

export function encodeChanges(changes: ChangeTable): Uint8Array {
  return serialize(changes);
}

/** The changes of one lint's fixes, as they arrive after its answer; decoded once, on the first fix asked for. */
export class FixChanges {
  private table: ChangeTable | undefined;

  /** `bytes` settles undefined when the worker died before sending them: no fix can be applied then. */
  constructor(private readonly bytes: Promise<Uint8Array | undefined>) {}

  /** The whole fix `fix` of the finding at index `finding` in the result, or undefined when there is none. */
  async proposal(finding: LintedFinding, index: number, fix: number): Promise<FixProposal | undefined> {
    const summary = finding.fixes[fix];
    if (summary === undefined) return undefined;
    if (this.table === undefined) {
      const bytes = await this.bytes;
      if (bytes === undefined) return undefined;
      this.table ??= deserialize(bytes) as ChangeTable;
    }
    const changes = this.table[index]?.[fix];
    return changes === undefined ? undefined : { title: summary.title, safe: summary.safe, changes };
  }
}
