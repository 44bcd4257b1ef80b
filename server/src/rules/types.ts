import type { FixProposal } from '../edits/changes';
import type { Dialect, Resource, Template } from '../model/template';
import type { Step, ValueResolver } from '../model/values';
import type { Range } from '../parsing/nodes';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** The customer's half of the shared-responsibility model that a rule protects. */
export type Responsibility = 'guest-os' | 'application' | 'firewall' | 'data';
export type Theme = 'encryption' | 'firewall' | 'responsibility';

/** Peer tools whose checks a rule maps to; their suppressions are honoured for `equivalent` ones. */
export type Tool = 'checkov' | 'cfnNag' | 'kics' | 'cdkNag' | 'trivy';
export const TOOLS: readonly Tool[] = ['checkov', 'cfnNag', 'kics', 'cdkNag', 'trivy'];

export interface ToolReference {
  readonly tool: Tool;
  /** The full id in that tool: `CKV_AWS_19`, `W41`, a KICS UUID, `AwsSolutions-S1`, `AVD-AWS-0088`. */
  readonly id: string;
  readonly match: 'equivalent' | 'related';
  /** trivy's slug, or the peer's title, when it helps a reader find the check. */
  readonly name?: string;
}

export interface RuleMeta<MessageId extends string = string> {
  /** `<theme>/<name>`, the file's path under `server/src/rules/`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly responsibility: Responsibility;
  /** Message templates by id; `{{name}}` placeholders are filled from a report's `data`. */
  readonly messages: Readonly<Record<MessageId, string>>;
  /** Why it matters: which customer responsibility breaks, and what an attacker or an accident does with it. */
  readonly rationale: string;
  readonly remediation: string;
  readonly references: readonly ToolReference[];
  /** What fixes the rule offers: `safe` ones may be applied in bulk, `suggestion` ones only by a person. */
  readonly fix: 'safe' | 'suggestion' | 'none';
  /** The CDK L2 property that closes the gap, shown on a CDK app's source line (`encryption: s3.BucketEncryption.S3_MANAGED`). */
  readonly cdk?: string;
}

export interface RelatedLocation {
  readonly node: Range;
  readonly message: string;
}

export interface Report<MessageId extends string = string> {
  /** The node the finding underlines; a missing property is reported on its parent's key. */
  readonly node: Range;
  readonly messageId: MessageId;
  readonly data?: Readonly<Record<string, string | number>>;
  /** The branch or parameter value this finding depends on, named in the message. */
  readonly via?: readonly Step[];
  readonly related?: readonly RelatedLocation[];
  /** Defaults to the resource being visited. */
  readonly resource?: Resource;
  /** Fixes, as data; the meta's `fix` says which kinds the rule offers. */
  readonly fixes?: readonly FixProposal[];
}

export interface RuleContext<MessageId extends string = string> {
  readonly template: Template;
  readonly values: ValueResolver;
  report(report: Report<MessageId>): void;
  /**
   * A fact about the whole template, computed once per lint and shared by every visit (which policies exist,
   * which resources a WAF association protects): keeps cross-resource rules linear in the template's size.
   * Keys are namespaced by the caller, e.g. `encryption/s3-bucket-tls-only:policies`.
   */
  memo<T>(key: string, compute: () => T): T;
}

export type Visitor<MessageId extends string = string> = (resource: Resource, context: RuleContext<MessageId>) => void;

/** Visitors by the dialect's resource type; `*` visits every resource. */
export type Visitors<MessageId extends string = string> = Readonly<Record<string, Visitor<MessageId>>>;

/**
 * A rule: meta first, then one visitor table per dialect over a shared predicate, so one concept is one rule
 * whatever the template is written in.
 */
export interface Rule<MessageId extends string = string> {
  readonly meta: RuleMeta<MessageId>;
  readonly visitors: { readonly [D in Dialect]?: Visitors<MessageId> };
}

export function themeOf(ruleId: string): Theme | null {
  const theme = ruleId.split('/')[0];
  return theme === 'encryption' || theme === 'firewall' || theme === 'responsibility' ? theme : null;
}
