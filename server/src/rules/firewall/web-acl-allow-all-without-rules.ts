import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { entryOf } from '../../parsing/nodes';
import { combinations, itemValues } from '../branches';
import { isTerraform, members, propertyOf } from '../terraform-links';
import type { Rule, RuleContext } from '../types';
import { splitRules } from '../waf';

type MessageId = 'allowAll';

export const webAclAllowAllWithoutRules = {
  meta: {
    id: 'firewall/web-acl-allow-all-without-rules',
    title: 'WAF web ACLs that allow by default have rules',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      allowAll:
        'Web ACL {{acl}} allows every request by default and has no rules: it filters nothing, so whatever it ' +
        'is attached to is as exposed as without a WAF.',
    },
    rationale:
      'Which requests reach an application is the customer’s firewall configuration. A web ACL whose default ' +
      'action is Allow and which has no rules inspects nothing: SQL injection, cross-site scripting, bad bots and ' +
      'floods all pass, while the stack, a reviewer and any check that only asks “is a WAF attached?” take the ' +
      'application for protected.',
    remediation:
      'Add rules: the AWS managed rule groups (AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet, ' +
      'AWSManagedRulesAmazonIpReputationList) and a rate-based rule are a sound start; or make Block the default ' +
      'and allow what the application serves. In Terraform: rule blocks in the aws_wafv2_web_acl (or ' +
      'aws_wafv2_web_acl_rule resources), or default_action { block {} }.',
    references: [
      {
        tool: 'kics',
        id: '6d64f311-3da6-45f3-80f1-14db9771ea40',
        match: 'related',
        name: 'WAF classic web ACL default action ALLOW, with or without rules',
      },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::WAFv2::WebACL': (resource, context) => check(resource, context, V2),
      'AWS::WAF::WebACL': (resource, context) => check(resource, context, CLASSIC),
      'AWS::WAFRegional::WebACL': (resource, context) => check(resource, context, CLASSIC),
    },
    terraform: {
      aws_wafv2_web_acl: (resource, context) => check(resource, context, TF_V2),
      aws_waf_web_acl: (resource, context) => check(resource, context, { ...TF_CLASSIC, rules: 'rules' }),
      aws_wafregional_web_acl: (resource, context) => check(resource, context, TF_CLASSIC),
    },
  },
} satisfies Rule<MessageId>;

/** How each dialect and generation names the default action and the rules. */
interface Names {
  readonly classic: boolean;
  readonly action: string;
  readonly rules: string;
  /** WAFv2: the action's `Allow` and `Block` members; classic: its `Type`. */
  readonly allow: string;
  readonly block: string;
  readonly type: string;
}

const V2: Names = { classic: false, action: 'DefaultAction', rules: 'Rules', allow: 'Allow', block: 'Block', type: '' };
const CLASSIC: Names = { ...V2, classic: true, type: 'Type' };
const TF_V2: Names = {
  classic: false,
  action: 'default_action',
  rules: 'rule',
  allow: 'allow',
  block: 'block',
  type: '',
};
const TF_CLASSIC: Names = { ...TF_V2, classic: true, type: 'type' };

function check(resource: Resource, context: RuleContext<MessageId>, names: Names): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const lists = [members(context, properties, names.action), values.lookup(properties, names.rules)];
  for (const [action, rules] of combinations(lists)) {
    if (action === undefined || rules === undefined || !isEmpty(rules, context)) continue;
    if (isTerraform(context) && !names.classic && rulesElsewhere(resource, context)) continue;
    const allow = names.classic ? allowsClassic(action, context, names) : allowsV2(action, context, names);
    if (allow === undefined) continue;
    context.report({ node: allow.node, via: allow.via, messageId: 'allowAll', data: { acl: resource.id } });
  }
}

/**
 * Terraform: rules a WAFv2 web ACL gets from elsewhere, or may get — `rule_json`, an `aws_wafv2_web_acl_rule` or
 * `aws_wafv2_web_acl_rule_group_association` that names it (or whose `web_acl_arn` cannot be read), a module.
 */
function rulesElsewhere(acl: Resource, context: RuleContext<MessageId>): boolean {
  if (propertyOf(context, acl, 'rule_json').some((json) => json.kind !== 'absent' && stringOf(json)?.trim() !== ''))
    return true;
  const split = splitRules(acl, context);
  return split === 'unknown' || split.length > 0;
}

/** Where an allow-all default is written, or undefined when the default is not known to allow. */
type AllowReader = (action: Outcome, context: RuleContext<MessageId>, names: Names) => Outcome | undefined;

/** WAFv2: `DefaultAction: { Allow: {} }` (`default_action { allow {} }`); the finding goes on the `Allow` key. */
const allowsV2: AllowReader = (action, context, names) => {
  if (action.kind !== 'map') return undefined;
  const entry = entryOf(action.map, names.allow);
  // A plan writes the block not chosen as an empty list.
  if (entry === undefined || members(context, [action], names.block).some((block) => block.kind !== 'absent'))
    return undefined;
  const allow = members(context, [action], names.allow);
  return allow.length === 1 && allow[0]?.kind === 'map' ? { ...allow[0], node: entry.key } : undefined;
};

/** WAF classic: `DefaultAction: { Type: ALLOW }`; the finding goes on the value. */
const allowsClassic: AllowReader = (action, context, names) =>
  context.values.lookup([action], names.type).find((outcome) => stringOf(outcome) === 'ALLOW');

/**
 * No rules: `Rules` missing, or a list whose every item is `AWS::NoValue` on every branch (in a plan, an empty
 * list of `rule` blocks). A list with an item that exists on some branch only is not called empty, so a finding
 * never rests on one branch's missing rule.
 */
function isEmpty(rules: Outcome, context: RuleContext<MessageId>): boolean {
  if (rules.kind === 'absent') return true;
  if (rules.kind !== 'seq') return false;
  return itemValues(context.values, rules.seq, rules.node, rules.via).every((item) =>
    item.every((outcome) => outcome.kind === 'absent'),
  );
}
