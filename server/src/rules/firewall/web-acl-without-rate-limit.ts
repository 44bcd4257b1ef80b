import { isUnconditional } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { entryOf } from '../../parsing/nodes';
import { itemOutcomes } from '../branches';
import { attributes } from '../terraform';
import { members, propertyOf } from '../terraform-links';
import type { Rule, RuleContext } from '../types';
import { splitRules } from '../waf';
import { appendRateRule, appendTerraformRateRule } from '../waf-rate-rule';

type MessageId = 'noRateLimit';

/** Whether one rule of a web ACL limits request rates: `unknown` when it cannot be seen into. */
type Verdict = 'rate' | 'none' | 'unknown';

/**
 * AWS managed rule groups that rate-limit: the anti-DDoS group counts and challenges floods. The others (common
 * rule set, known bad inputs, IP reputation, bot control …) match request contents, not rates.
 */
const RATE_LIMITING_MANAGED_GROUPS = new Set(['AWSManagedRulesAntiDDoSRuleSet']);

export const webAclWithoutRateLimit = {
  meta: {
    id: 'firewall/web-acl-without-rate-limit',
    title: 'WAF web ACLs include a rate-based rule',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      noRateLimit:
        'Web ACL {{acl}} has no rate-based rule: AWS WAF limits no client’s request rate, so one address can flood ' +
        'the protected origin until it falls over.',
    },
    rationale:
      'Which traffic reaches an application is the customer’s firewall configuration: AWS WAF only limits request ' +
      'rates that a rule of the web ACL asks it to. Without a rate-based rule, a single client — a scraper, a ' +
      'credential-stuffing bot, an HTTP flood — may send as many requests as the origin can take, and more; the ' +
      'other rules inspect request contents and let a flood of valid-looking requests through.',
    remediation:
      'Add a rule whose Statement is a RateBasedStatement (for example a limit of 2000 requests per IP per five ' +
      'minutes with a Block action), tuned to the application’s real traffic; or reference the AWS managed ' +
      'anti-DDoS rule group. In Terraform: a rule block whose statement holds a rate_based_statement in the ' +
      'aws_wafv2_web_acl (or an aws_wafv2_web_acl_rule).',
    references: [
      { tool: 'cdkNag', id: 'AwsSolutions-APIG3', match: 'related', name: 'REST API stage without a WAFv2 web ACL' },
      {
        tool: 'kics',
        id: 'ad7444cf-817a-4765-a79e-2145f7981faf',
        match: 'related',
        name: 'Shield Advanced not in use (DDoS protection)',
      },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::WAFv2::WebACL': checkWebAcl,
    },
    terraform: {
      aws_wafv2_web_acl: checkTerraformWebAcl,
    },
  },
} satisfies Rule<MessageId>;

/** How each dialect names a web ACL's rules, their statements and a rule group. */
interface Names {
  readonly rules: string;
  readonly statement: string;
  readonly rate: string;
  readonly managed: string;
  readonly vendor: string;
  readonly name: string;
  readonly reference: string;
  readonly arn: string;
  readonly ruleGroup: string;
}

const CLOUDFORMATION: Names = {
  rules: 'Rules',
  statement: 'Statement',
  rate: 'RateBasedStatement',
  managed: 'ManagedRuleGroupStatement',
  vendor: 'VendorName',
  name: 'Name',
  reference: 'RuleGroupReferenceStatement',
  arn: 'Arn',
  ruleGroup: 'AWS::WAFv2::RuleGroup',
};
const TERRAFORM: Names = {
  rules: 'rule',
  statement: 'statement',
  rate: 'rate_based_statement',
  managed: 'managed_rule_group_statement',
  vendor: 'vendor_name',
  name: 'name',
  reference: 'rule_group_reference_statement',
  arn: 'arn',
  ruleGroup: 'aws_wafv2_rule_group',
};
/** An `aws_wafv2_web_acl_rule_group_association` reads like a statement with these two members. */
const TF_GROUP_ASSOCIATION: Names = {
  ...TERRAFORM,
  managed: 'managed_rule_group',
  reference: 'rule_group_reference',
};

function checkWebAcl(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const rulesOutcomes = values.lookup(properties, 'Rules');
  // An ACL that blocks everything and allows nothing back needs no rate limit: nothing reaches the origin.
  const blocksAll = values
    .lookup(properties, 'DefaultAction')
    .every((action) => action.kind === 'map' && entryOf(action.map, 'Block') !== undefined);
  for (const rules of rulesOutcomes) {
    if (rules.kind !== 'absent' && rules.kind !== 'seq') continue;
    if (blocksAll && (rules.kind === 'absent' || rules.seq.items.length === 0)) continue;
    if (rules.kind === 'seq' && listVerdict(rules, context) !== 'none') continue;
    const fixes = isUnconditional(rulesOutcomes) ? appendRateRule(rules, resource, context) : [];
    // A list is underlined at its key, not as a whole: a web ACL's rules run to dozens of lines.
    const entry = resource.properties === undefined ? undefined : entryOf(resource.properties, 'Rules');
    const node = rules.kind === 'seq' && entry?.value === rules.seq ? entry.key : rules.node;
    context.report({ node, via: rules.via, messageId: 'noRateLimit', data: { acl: resource.id }, fixes });
  }
}

/**
 * `none` only when every value of every item is known to limit nothing; any item that may be rate-based, or
 * that cannot be seen into, makes the list unknown or covered, so conditions never produce a finding on a
 * branch that might hold the rate-based rule.
 */
function listVerdict(rules: Outcome & { kind: 'seq' }, context: RuleContext<MessageId>): Verdict {
  const items = itemOutcomes(context.values, rules.seq, rules.node, rules.via);
  return anyVerdict(items.map((item) => ruleVerdict(item, context, new Set(), CLOUDFORMATION)));
}

/** `rate` when any part rate-limits, else `unknown` when any part cannot be seen into, else `none`. */
function anyVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('rate')) return 'rate';
  return verdicts.includes('unknown') ? 'unknown' : 'none';
}

function ruleVerdict(item: Outcome, context: RuleContext<MessageId>, seen: Set<string>, names: Names): Verdict {
  if (item.kind === 'absent') return 'none';
  if (item.kind !== 'map') return 'unknown';
  const statements = members(context, [item], names.statement);
  return anyVerdict(statements.map((statement) => statementVerdict(statement, context, seen, names)));
}

function statementVerdict(
  statement: Outcome,
  context: RuleContext<MessageId>,
  seen: Set<string>,
  names: Names,
): Verdict {
  if (statement.kind !== 'map') return 'unknown';
  // A rate-based statement is only allowed at the top of a rule, so nested statements need no search.
  if (members(context, [statement], names.rate).some((rate) => rate.kind !== 'absent')) return 'rate';
  const managed = members(context, [statement], names.managed);
  if (managed.some((group) => group.kind === 'map')) {
    const vendor = context.values.lookup(managed, names.vendor).map(stringOf);
    const name = context.values.lookup(managed, names.name).map(stringOf);
    if (vendor.some((text) => text !== 'AWS') || name.some((text) => text === undefined)) return 'unknown';
    return name.some((text) => RATE_LIMITING_MANAGED_GROUPS.has(text as string)) ? 'rate' : 'none';
  }
  const reference = members(context, [statement], names.reference);
  if (reference.some((group) => group.kind === 'map')) return ruleGroupVerdict(reference, context, seen, names);
  return 'none';
}

/** A rule group written in the template is looked into; one known only by its ARN is unknown. */
function ruleGroupVerdict(
  reference: Outcome[],
  context: RuleContext<MessageId>,
  seen: Set<string>,
  names: Names,
): Verdict {
  let verdict: Verdict = 'none';
  for (const arn of context.values.lookup(reference, names.arn)) {
    const group = arn.kind === 'resource' ? context.template.resource(arn.id) : undefined;
    if (group?.type !== names.ruleGroup || seen.has(group.id)) return 'unknown';
    const inner = members(context, context.values.resolve(group.properties, group.anchor), names.rules);
    const groupNames = names === TF_GROUP_ASSOCIATION ? TERRAFORM : names;
    const one = anyVerdict(inner.map((item) => ruleVerdict(item, context, new Set([...seen, group.id]), groupNames)));
    if (one === 'rate') return 'rate';
    if (one === 'unknown') verdict = 'unknown';
  }
  return verdict;
}

/**
 * Terraform: the web ACL's `rule` blocks and the `aws_wafv2_web_acl_rule` and
 * `aws_wafv2_web_acl_rule_group_association` resources that name it, judged as in CloudFormation; `rule_json`,
 * or a module that may add rules, is unknown.
 */
function checkTerraformWebAcl(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = attributes(resource, values);
  if (
    propertyOf(context, resource, 'rule_json').some((json) => json.kind !== 'absent' && stringOf(json)?.trim() !== '')
  )
    return;
  const split = splitRules(resource, context);
  if (split === 'unknown') return;
  const rules = members(context, properties, TERRAFORM.rules);
  const blocksAll = members(context, properties, 'default_action').every(
    (action) => action.kind === 'map' && members(context, [action], 'block').some((block) => block.kind !== 'absent'),
  );
  if (blocksAll && split.length === 0 && rules.every((rule) => rule.kind === 'absent')) return;
  const verdicts = [
    ...rules.map((rule) => ruleVerdict(rule, context, new Set(), TERRAFORM)),
    // An aws_wafv2_web_acl_rule's body reads as a rule; a rule group association's as a statement.
    ...split.flatMap((rule) =>
      attributes(rule, values).map((body) =>
        rule.type === 'aws_wafv2_web_acl_rule'
          ? ruleVerdict(body, context, new Set(), TERRAFORM)
          : statementVerdict(body, context, new Set(), TF_GROUP_ASSOCIATION),
      ),
    ),
  ];
  if (anyVerdict(verdicts) !== 'none') return;
  const entry = resource.properties === undefined ? undefined : entryOf(resource.properties, TERRAFORM.rules);
  const fixes = split.length === 0 ? appendTerraformRateRule(resource, context) : [];
  context.report({ node: entry?.key ?? resource.anchor, messageId: 'noRateLimit', data: { acl: resource.id }, fixes });
}
