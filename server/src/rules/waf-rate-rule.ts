import type { Change, FixProposal, JsonValue } from '../edits/changes';
import { isUnconditional, jsonOf, setProperty, within } from '../edits/propose';
import type { Resource } from '../model/template';
import { integerOf, stringOf, type Outcome } from '../model/values';
import { entryOf } from '../parsing/nodes';
import { itemValues } from './branches';
import { isPlan } from './terraform';
import type { RuleContext } from './types';

/*
 * The fix of `firewall/web-acl-without-rate-limit`: a per-IP rate-based rule appended to a web ACL's rules, with a
 * name and a priority no other rule of the list uses.
 */

/** AWS's documented example limit: 2,000 requests per IP in the default five-minute window, about 7 a second. */
const DEFAULT_LIMIT = 2000;
const RULE_NAME = 'RateLimitPerIp';
const TITLE = `Add a rate-based rule ${RULE_NAME} that blocks an IP sending more than ${DEFAULT_LIMIT} requests in 5 minutes`;

/**
 * Appends a per-IP rate-based rule. The change kinds have no "append", so a list written literally in the
 * resource is replaced by its own items plus the new rule; a list whose priorities are not all literal numbers,
 * or that holds conditional items, gets no fix, because the new rule's priority could collide.
 */
export function appendRateRule(rules: Outcome, resource: Resource, context: RuleContext): FixProposal[] {
  if (rules.kind === 'absent') {
    const change = setProperty(resource, ['Rules'], [rateRule(RULE_NAME, 0)]);
    return change === undefined ? [] : [{ title: TITLE, safe: false, changes: [change] }];
  }
  if (rules.kind !== 'seq' || !within(resource.node, rules.seq)) return [];
  const existing = jsonOf(rules.seq);
  const items = itemValues(context.values, rules.seq, rules.node, rules.via);
  const next = nextRule(items, context, 'Priority', 'Name');
  if (!Array.isArray(existing) || next === undefined) return [];
  const value: JsonValue = [...(existing as JsonValue[]), rateRule(next.name, next.priority)];
  return [fix(next.name, { kind: 'replace', node: rules.seq, value })];
}

/**
 * Terraform: adds a `rule` block with a per-IP rate-based statement — set where there is none, else the blocks
 * written in the resource replaced by themselves plus the new one (an object becomes an array of two). No fix
 * when a priority is not a literal number, since the new rule's could collide.
 */
export function appendTerraformRateRule(resource: Resource, context: RuleContext): FixProposal[] {
  if (isPlan(context.template)) return [];
  const written = resource.properties === undefined ? undefined : entryOf(resource.properties, 'rule')?.value;
  if (written === undefined) {
    const change = setProperty(resource, ['rule'], terraformRateRule(RULE_NAME, 0));
    return change === undefined ? [] : [{ title: TITLE, safe: false, changes: [change] }];
  }
  if (!within(resource.node, written)) return [];
  const existing = jsonOf(written);
  const items = (written.kind === 'seq' ? written.items : [written]).map((item) => context.values.resolve(item, item));
  const next = nextRule(items, context, 'priority', 'name');
  if (existing === undefined || next === undefined) return [];
  const before = Array.isArray(existing) ? (existing as JsonValue[]) : [existing];
  const value: JsonValue = [...before, terraformRateRule(next.name, next.priority)];
  return [fix(next.name, { kind: 'replace', node: written, value })];
}

/**
 * The new rule's name and priority: a name no rule uses, a priority past every other. Undefined when a rule is
 * conditional or its priority is not a literal number.
 */
function nextRule(
  rules: readonly (readonly Outcome[])[],
  context: RuleContext,
  priorityKey: string,
  nameKey: string,
): { readonly name: string; readonly priority: number } | undefined {
  const priorities: number[] = [];
  const names = new Set<string>();
  for (const rule of rules) {
    if (!isUnconditional(rule) || rule[0]?.kind !== 'map') return undefined;
    const priority = context.values.lookup(rule, priorityKey);
    const value = isUnconditional(priority) && priority[0] !== undefined ? integerOf(priority[0]) : undefined;
    if (value === undefined) return undefined;
    priorities.push(value);
    for (const name of context.values.lookup(rule, nameKey).map(stringOf)) if (name !== undefined) names.add(name);
  }
  let name = RULE_NAME;
  for (let n = 2; names.has(name); n++) name = `${RULE_NAME}${n}`;
  return { name, priority: priorities.length === 0 ? 0 : Math.max(...priorities) + 1 };
}

function fix(name: string, change: Change): FixProposal {
  return { title: TITLE.replace(RULE_NAME, name), safe: false, changes: [change] };
}

function terraformRateRule(name: string, priority: number): JsonValue {
  return {
    name,
    priority,
    action: { block: {} },
    statement: { rate_based_statement: { limit: DEFAULT_LIMIT, aggregate_key_type: 'IP' } },
    visibility_config: { cloudwatch_metrics_enabled: true, metric_name: name, sampled_requests_enabled: true },
  };
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
