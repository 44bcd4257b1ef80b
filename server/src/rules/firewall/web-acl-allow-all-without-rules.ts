import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { entryOf } from '../../parsing/nodes';
import { combinations, itemValues } from '../branches';
import type { Rule, RuleContext } from '../types';

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
      'and allow what the application serves.',
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
      'AWS::WAFv2::WebACL': (resource, context) => check(resource, context, allowsV2),
      'AWS::WAF::WebACL': (resource, context) => check(resource, context, allowsClassic),
      'AWS::WAFRegional::WebACL': (resource, context) => check(resource, context, allowsClassic),
    },
  },
} satisfies Rule<MessageId>;

/** Where an allow-all default is written, or undefined when the default is not known to allow. */
type AllowReader = (action: Outcome, context: RuleContext<MessageId>) => Outcome | undefined;

function check(resource: Resource, context: RuleContext<MessageId>, allows: AllowReader): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const lists = [values.lookup(properties, 'DefaultAction'), values.lookup(properties, 'Rules')];
  for (const [action, rules] of combinations(lists)) {
    if (action === undefined || rules === undefined || !isEmpty(rules, context)) continue;
    const allow = allows(action, context);
    if (allow === undefined) continue;
    context.report({ node: allow.node, via: allow.via, messageId: 'allowAll', data: { acl: resource.id } });
  }
}

/** WAFv2: `DefaultAction: { Allow: {} }`; the finding goes on the `Allow` key. */
function allowsV2(action: Outcome, context: RuleContext<MessageId>): Outcome | undefined {
  if (action.kind !== 'map') return undefined;
  const entry = entryOf(action.map, 'Allow');
  if (entry === undefined || entryOf(action.map, 'Block') !== undefined) return undefined;
  const allow = context.values.lookup([action], 'Allow');
  return allow.length === 1 && allow[0]?.kind === 'map' ? { ...allow[0], node: entry.key } : undefined;
}

/** WAF classic: `DefaultAction: { Type: ALLOW }`; the finding goes on the value. */
function allowsClassic(action: Outcome, context: RuleContext<MessageId>): Outcome | undefined {
  const type = context.values.lookup([action], 'Type').find((outcome) => stringOf(outcome) === 'ALLOW');
  return type;
}

/**
 * No rules: `Rules` missing, or a list whose every item is `AWS::NoValue` on every branch. A list with an item
 * that exists on some branch only is not called empty, so a finding never rests on one branch's missing rule.
 */
function isEmpty(rules: Outcome, context: RuleContext<MessageId>): boolean {
  if (rules.kind === 'absent') return true;
  if (rules.kind !== 'seq') return false;
  return itemValues(context.values, rules.seq, rules.node, rules.via).every((item) =>
    item.every((outcome) => outcome.kind === 'absent'),
  );
}
