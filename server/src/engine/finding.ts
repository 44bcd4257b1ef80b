import type { FixProposal } from '../edits/changes';
import type { Responsibility, Severity, Theme } from '../rules/types';
import type { SuppressionSource } from './suppressions/types';

export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** What a finding is, whatever form it takes at the edge: the fields the engine and every report share. */
export interface FindingIdentity {
  readonly ruleId: string;
  readonly messageId: string;
  readonly severity: Severity;
  /** Null for engine findings (`iacsec/…`), which belong to no theme. */
  readonly theme: Theme | null;
  readonly responsibility: Responsibility | null;
  readonly message: string;
}

/**
 * A finding as the engine produces it: plain, structured-cloneable data with offset ranges into the
 * document text (after any BOM). The CLI, the language server and reports turn offsets into positions.
 */
export interface EngineFinding extends OffsetRange, FindingIdentity {
  readonly resource: { readonly id: string; readonly type: string } | undefined;
  readonly related: readonly (OffsetRange & { readonly message: string })[];
  /** Fixes as changes to the source tree; `edits/` turns one into text edits when it is asked for. */
  readonly fixes: readonly FixProposal[];
  /** Set when a suppression covers the finding: it is kept, and reports list it only on request. */
  readonly suppressed?: { readonly by: SuppressionSource; readonly reason: string };
}

/** Findings sort by offset, then rule id: deterministic output whatever order rules ran in. */
export function compareFindings(a: EngineFinding, b: EngineFinding): number {
  return (
    a.start - b.start ||
    a.end - b.end ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
