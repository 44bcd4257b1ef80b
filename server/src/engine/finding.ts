import type { Responsibility, Severity, Theme } from '../rules/types';

export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

export interface FixEdit extends OffsetRange {
  readonly text: string;
}

export interface Fix {
  readonly title: string;
  readonly safe: boolean;
  readonly edits: readonly FixEdit[];
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
  readonly fixes: readonly Fix[];
}

/** Findings sort by offset, then rule id: deterministic output whatever order rules ran in. */
export function compareFindings(a: EngineFinding, b: EngineFinding): number {
  return a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
