import type { OffsetRange } from '../finding';

/** Who wrote a suppression: iacsec's own syntax, configuration, or a peer tool whose suppression is honoured. */
export type SuppressionSource =
  'iacsec-ignore' | 'config' | 'checkov' | 'cfn_nag' | 'cdk_nag' | 'cfn-lint' | 'guard' | 'tfsec' | 'trivy';

/** Peer tools whose suppressions iacsec reads, by the name `suppressed.by` gives them. */
export type PeerSource = Exclude<SuppressionSource, 'iacsec-ignore' | 'config'>;

export interface ResourceRef {
  readonly id: string;
  readonly type: string;
}

/** What a suppression covers. */
export type Scope =
  /** Every finding in the document (template-level `Metadata`). */
  | { readonly kind: 'document' }
  /** Findings of one resource: tied to it, or lying within its text (logical id to end of body). */
  | { readonly kind: 'resource'; readonly id: string; readonly start: number; readonly end: number }
  /** Findings lying within a range: a property and everything below it. */
  | { readonly kind: 'range'; readonly start: number; readonly end: number }
  /** Findings of resources whose logical id matches a glob (configuration's `resources`). */
  | { readonly kind: 'resources'; readonly pattern: string };

/** Which findings, by rule: iacsec rule ids or globs, or one peer tool's check id. */
export type Selector =
  | { readonly kind: 'rule'; readonly pattern: string }
  | { readonly kind: 'peer'; readonly tool: PeerSource; readonly id: string };

/** One rule named by one suppression: the unit that is used, or reported as unused. */
export interface SuppressionItem {
  readonly selector: Selector;
  /** Where an unused item is reported (the rule id in the comment or Metadata); none for configuration. */
  readonly at: OffsetRange | undefined;
}

/** One suppression as written: a comment, a Metadata entry, a configuration entry. */
export interface Directive {
  readonly source: SuppressionSource;
  readonly scope: Scope;
  readonly items: readonly SuppressionItem[];
  /** Empty when none was given. */
  readonly reason: string;
  /**
   * Where a missing reason is reported, and how to give one; set only for iacsec's own syntax, which requires a
   * reason (peers' reasons are their business).
   */
  readonly reasonAt: (OffsetRange & { readonly how: string }) | undefined;
  /** The resource the suppression sits in, for the engine findings about it. */
  readonly resource: ResourceRef | undefined;
}

/** A suppression iacsec could not use as written; reported as `iacsec/unused-suppression`. */
export interface Misfit extends OffsetRange {
  readonly messageId: 'misplaced' | 'malformed' | 'noRule';
  readonly data: Readonly<Record<string, string>>;
  readonly resource: ResourceRef | undefined;
}

export interface Collected {
  readonly directives: Directive[];
  readonly misfits: Misfit[];
}

/** A `resources` entry of `.iacsec.yaml` whose `path` matched the file being linted. */
export interface ConfigSuppression {
  /** Logical id, or a glob over logical ids. */
  readonly resource: string;
  /** Rule ids or globs. */
  readonly rules: readonly string[];
  readonly reason: string;
}
