/**
 * What `iacsec diff` finds between two CloudFormation templates, as plain data: `--format json` prints it as
 * it is (documented in docs/diff.md), and the stylish format renders it. Nothing here holds a class of the diff
 * library, so a result can cross a worker or a process boundary unchanged.
 */
import type { Finding, Severity } from '../report/types';

export type Change = 'added' | 'removed';

/** The actions, resources or principals of an IAM statement; `not` for `NotAction` and its kin. */
export interface StatementTargets {
  readonly not: boolean;
  readonly values: readonly string[];
}

/** An IAM policy statement that the new template adds or removes. */
export interface StatementChange {
  readonly kind: 'statement';
  readonly change: Change;
  /**
   * Whether this change alone gives more access: an Allow added or a Deny removed, `Not…` keys or not; and a
   * statement whose effect cannot be read (an intrinsic), either way.
   */
  readonly broadens: boolean;
  readonly effect: 'Allow' | 'Deny' | 'Unknown';
  readonly sid: string | null;
  readonly actions: StatementTargets;
  readonly resources: StatementTargets;
  /** For identity policies the identity itself, as `AWS:${LogicalId}`. */
  readonly principals: StatementTargets;
  /** The `Condition` block as written, or null. */
  readonly condition: unknown;
  /** The statement as written, when it is an intrinsic function (`Fn::If`, …) that could not be read. */
  readonly intrinsic: string | null;
}

/** A managed policy attached to, or detached from, an identity (`ManagedPolicyArns`). */
export interface ManagedPolicyChange {
  readonly kind: 'managed-policy';
  readonly change: Change;
  readonly broadens: boolean;
  /** The identity, as `${LogicalId.Arn}`. */
  readonly identity: string;
  readonly policyArn: string;
}

/** An IAM Identity Center permission set, assignment or access-control configuration. */
export interface IdentityCenterChange {
  readonly kind: 'sso-permission-set' | 'sso-assignment' | 'sso-access-control';
  readonly change: Change;
  readonly broadens: boolean;
  /** The logical id of the resource that declares it, when known. */
  readonly resource: string | null;
}

export type IamChange = StatementChange | ManagedPolicyChange | IdentityCenterChange;

/** Where a security-group rule lets traffic come from or go to. */
export interface RulePeer {
  readonly kind: 'cidr-ip' | 'security-group' | 'prefix-list';
  /** The CIDR block, group id or prefix-list id, with references written as `${LogicalId.Attribute}`. */
  readonly value: string;
}

/** A security-group rule, inline or its own resource, that the new template adds or removes. */
export interface SecurityGroupChange {
  readonly change: Change;
  /** Every added rule lets more traffic through; removing one never does. */
  readonly broadens: boolean;
  readonly direction: 'ingress' | 'egress';
  /** The group, as `${LogicalId.GroupId}` or the id written. */
  readonly group: string;
  /** `IpProtocol` as written: `tcp`, `udp`, `icmp`, `-1` for every protocol. */
  readonly ipProtocol: string;
  readonly fromPort: number | null;
  readonly toPort: number | null;
  readonly peer: RulePeer | null;
  /** The protocol and ports for a person: `TCP 22`, `TCP 1024-2048`, `Everything`. */
  readonly protocolText: string;
  /** The peer for a person: `Everyone (IPv4)`, `Everyone (IPv6)`, or the peer's value. */
  readonly peerText: string;
}

export interface SecurityChanges {
  readonly iam: readonly IamChange[];
  readonly securityGroups: readonly SecurityGroupChange[];
  /** Whether the change gives more access: a broadening IAM change, or any security-group rule added. */
  readonly broadened: boolean;
}

/** A resource CloudFormation will replace (create anew, then delete the old one) to apply the change. */
export interface Replacement {
  readonly logicalId: string;
  readonly type: string;
  /** `will-replace`: certain; `may-replace`: depends on a value only known at deploy time. */
  readonly impact: 'will-replace' | 'may-replace';
  /** The properties whose change requires it (`Type` when the resource type itself changed), sorted. */
  readonly properties: readonly string[];
  /** The logical id in the new template. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What the diff library reports, before findings are compared: the part of a diff that needs its database. */
export interface TemplateChanges {
  readonly security: SecurityChanges;
  /** Replacements by logical id, in no particular order; `diffTemplates` positions and sorts them. */
  readonly replacements: readonly Omit<Replacement, 'file' | 'line' | 'column'>[];
}

export interface DiffSummary {
  /** IAM and security-group changes listed. */
  readonly securityChanges: number;
  readonly broadened: boolean;
  readonly replacements: number;
  readonly introduced: number;
  readonly resolved: number;
  /** Introduced findings by severity. */
  readonly bySeverity: { readonly [S in Severity]: number };
}

/** What `iacsec diff --format json` prints. */
export interface DiffReport {
  readonly version: 1;
  readonly tool: { readonly name: 'iacsec'; readonly version: string };
  /** The two templates, as the command line named them (relative to the working directory, `/`-separated). */
  readonly files: { readonly old: string; readonly new: string };
  readonly securityChanges: SecurityChanges;
  readonly replacements: readonly Replacement[];
  /** Findings of the new template that the old one did not have; positioned in the new template. */
  readonly introduced: readonly Finding[];
  /**
   * Findings of the old template that the new one no longer reports; positioned in the old template. One that a
   * suppression now covers carries the new template's `suppressed: {by, reason}`.
   */
  readonly resolved: readonly Finding[];
  readonly summary: DiffSummary;
}
