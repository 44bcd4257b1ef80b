import type { FixProposal, JsonValue } from '../../edits/changes';
import { isUnconditional, jsonOf, setProperty, within } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { integerOf, stringOf, type Outcome } from '../../model/values';
import { entryOf } from '../../parsing/nodes';
import { itemValues } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'noRateLimit';

/** Whether one rule of a web ACL limits request rates: `unknown` when it cannot be seen into. */
type Verdict = 'rate' | 'none' | 'unknown';

/** AWS's documented example limit: 2,000 requests per IP in the default five-minute window, about 7 a second. */
const DEFAULT_LIMIT = 2000;
const RULE_NAME = 'RateLimitPerIp';

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
      'anti-DDoS rule group.',
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
  },
} satisfies Rule<MessageId>;

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
  let verdict: Verdict = 'none';
  for (const item of itemValues(context.values, rules.seq, rules.node, rules.via).flat()) {
    const one = ruleVerdict(item, context, new Set());
    if (one === 'rate') return 'rate';
    if (one === 'unknown') verdict = 'unknown';
  }
  return verdict;
}

function ruleVerdict(item: Outcome, context: RuleContext<MessageId>, seen: Set<string>): Verdict {
  if (item.kind === 'absent') return 'none';
  if (item.kind !== 'map') return 'unknown';
  const statements = context.values.lookup([item], 'Statement');
  let verdict: Verdict = 'none';
  for (const statement of statements) {
    const one = statementVerdict(statement, context, seen);
    if (one === 'rate') return 'rate';
    if (one === 'unknown') verdict = 'unknown';
  }
  return verdict;
}

function statementVerdict(statement: Outcome, context: RuleContext<MessageId>, seen: Set<string>): Verdict {
  if (statement.kind !== 'map') return 'unknown';
  // A rate-based statement is only allowed at the top of a rule, so nested statements need no search.
  if (entryOf(statement.map, 'RateBasedStatement') !== undefined) return 'rate';
  const managed = context.values.lookup([statement], 'ManagedRuleGroupStatement');
  if (managed.some((group) => group.kind === 'map')) {
    const vendor = context.values.lookup(managed, 'VendorName').map(stringOf);
    const name = context.values.lookup(managed, 'Name').map(stringOf);
    if (vendor.some((text) => text !== 'AWS') || name.some((text) => text === undefined)) return 'unknown';
    return name.some((text) => RATE_LIMITING_MANAGED_GROUPS.has(text as string)) ? 'rate' : 'none';
  }
  const reference = context.values.lookup([statement], 'RuleGroupReferenceStatement');
  if (reference.some((group) => group.kind === 'map')) return ruleGroupVerdict(reference, context, seen);
  return 'none';
}

/** A rule group written in the template is looked into; one known only by its ARN is unknown. */
function ruleGroupVerdict(reference: Outcome[], context: RuleContext<MessageId>, seen: Set<string>): Verdict {
  let verdict: Verdict = 'none';
  for (const arn of context.values.lookup(reference, 'Arn')) {
    const group = arn.kind === 'resource' ? context.template.resource(arn.id) : undefined;
    if (group?.type !== 'AWS::WAFv2::RuleGroup' || seen.has(group.id)) return 'unknown';
    const inner = context.values.lookup(context.values.resolve(group.properties, group.anchor), 'Rules');
    for (const rules of inner) {
      if (rules.kind === 'absent') continue;
      if (rules.kind !== 'seq') return 'unknown';
      for (const item of itemValues(context.values, rules.seq, rules.node, rules.via).flat()) {
        const one = ruleVerdict(item, context, new Set([...seen, group.id]));
        if (one === 'rate') return 'rate';
        if (one === 'unknown') verdict = 'unknown';
      }
    }
  }
  return verdict;
}

/**
 * Appends a per-IP rate-based rule. The change kinds have no "append", so a list written literally in the
 * resource is replaced by its own items plus the new rule; a list whose priorities are not all literal numbers,
 * or that holds conditional items, gets no fix, because the new rule's priority could collide.
 */
function appendRateRule(rules: Outcome, resource: Resource, context: RuleContext<MessageId>): FixProposal[] {
  const title = `Add a rate-based rule ${RULE_NAME} that blocks an IP sending more than ${DEFAULT_LIMIT} requests in 5 minutes`;
  if (rules.kind === 'absent') {
    const change = setProperty(resource, ['Rules'], [rateRule(RULE_NAME, 0)]);
    return change === undefined ? [] : [{ title, safe: false, changes: [change] }];
  }
  if (rules.kind !== 'seq' || !within(resource.node, rules.seq)) return [];
  const existing = jsonOf(rules.seq);
  if (!Array.isArray(existing)) return [];
  const priorities: number[] = [];
  const names = new Set<string>();
  for (const item of itemValues(context.values, rules.seq, rules.node, rules.via)) {
    if (!isUnconditional(item) || item[0]?.kind !== 'map') return [];
    const priority = context.values.lookup(item, 'Priority');
    const value = isUnconditional(priority) && priority[0] !== undefined ? integerOf(priority[0]) : undefined;
    if (value === undefined) return [];
    priorities.push(value);
    for (const name of context.values.lookup(item, 'Name').map(stringOf)) if (name !== undefined) names.add(name);
  }
  let name = RULE_NAME;
  for (let n = 2; names.has(name); n++) name = `${RULE_NAME}${n}`;
  const priority = priorities.length === 0 ? 0 : Math.max(...priorities) + 1;
  const value: JsonValue = [...(existing as JsonValue[]), rateRule(name, priority)];
  return [
    {
      title: title.replace(RULE_NAME, name),
      safe: false,
      changes: [{ kind: 'replace', node: rules.seq, value }],
    },
  ];
}

function rateRule(name: string, priority: number): JsonValue {
  return {
    Name: name,
    Priority: priority,
    Statement: { RateBasedStatement: { Limit: DEFAULT_LIMIT, AggregateKeyType: 'IP' } },
    Action: { Block: {} },
    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: name },
  };
}
