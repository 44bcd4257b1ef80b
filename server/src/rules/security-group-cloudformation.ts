import type { Resource } from '../model/template';
import type { Outcome } from '../model/values';
import { along } from './branches';
import { CIDR_KEYS } from './cidr';
import {
  appended,
  openRulesOf,
  wholeInternetText,
  type Direction,
  type OpenCidr,
  type OpenRule,
} from './security-group';
import type { RelatedLocation, RuleContext, Visitors } from './types';

/*
 * CloudFormation's security-group rules, read into security-group.ts's OpenRule: the inline `SecurityGroupIngress` /
 * `SecurityGroupEgress` lists of an `AWS::EC2::SecurityGroup`, and separate `AWS::EC2::SecurityGroupIngress` /
 * `…Egress` resources.
 */

/** The visitors of a rule about ingress: inline rules of a group and separate ingress resources alike. */
export function ingressVisitors<M extends string>(
  check: (rule: OpenRule, resource: Resource, context: RuleContext<M>) => void,
): Visitors<M> {
  return {
    'AWS::EC2::SecurityGroup': (resource, context) => {
      for (const rule of inlineOpenRules(resource, context, 'Ingress')) check(rule, resource, context);
    },
    'AWS::EC2::SecurityGroupIngress': (resource, context) => {
      for (const rule of resourceOpenRules(resource, context, 'Ingress')) check(rule, resource, context);
    },
  };
}

/** `RuleContext.memo` keys of the open rules by resource, written out so that no key is built per visit. */
const INLINE_KEYS: Readonly<Record<Direction, string>> = {
  Ingress: 'security-group:inline-ingress',
  Egress: 'security-group:inline-egress',
};
const RESOURCE_KEYS: Readonly<Record<Direction, string>> = {
  Ingress: 'security-group:resource-ingress',
  Egress: 'security-group:resource-egress',
};
const INLINE_LISTS: Readonly<Record<Direction, string>> = {
  Ingress: 'SecurityGroupIngress',
  Egress: 'SecurityGroupEgress',
};

/** Inline rules name no other resource; shared, since nothing adds to a rule's related locations. */
const NO_RELATED: readonly RelatedLocation[] = Object.freeze([]);

/** A memo's empty index, made by one function for every visit rather than a closure per visit. */
const newIndex = (): Map<Resource, readonly OpenRule[]> => new Map();

/**
 * The open rules of a group's inline list `SecurityGroup<direction>`, read once per lint: every firewall rule about
 * security groups reads the same ones, and the combinations behind them are the costly part.
 */
export function inlineOpenRules(resource: Resource, context: RuleContext, direction: Direction): readonly OpenRule[] {
  const byResource = context.memo(INLINE_KEYS[direction], newIndex);
  let rules = byResource.get(resource);
  if (rules === undefined) byResource.set(resource, (rules = inlineRules(resource, context, direction)));
  return rules;
}

/** The open rules of a separate `AWS::EC2::SecurityGroupIngress` or `…Egress` resource, read once per lint. */
export function resourceOpenRules(resource: Resource, context: RuleContext, direction: Direction): readonly OpenRule[] {
  const byResource = context.memo(RESOURCE_KEYS[direction], newIndex);
  let rules = byResource.get(resource);
  if (rules === undefined) byResource.set(resource, (rules = resourceRules(resource, context, direction)));
  return rules;
}

function inlineRules(resource: Resource, context: RuleContext, direction: Direction): OpenRule[] {
  const values = context.values;
  const rules: OpenRule[] = [];
  for (const list of values.lookup(values.resolve(resource.properties, resource.anchor), INLINE_LISTS[direction])) {
    if (list.kind !== 'seq') continue;
    // Each item's values along the list's steps, in order (`itemValues`, without building the list of lists).
    for (const item of list.seq.items) {
      for (const rule of along(values.resolve(item, list.node), list.via))
        if (rule.kind === 'map') openRules(rule, context, NO_RELATED, rules);
    }
  }
  return rules;
}

function resourceRules(resource: Resource, context: RuleContext, direction: Direction): OpenRule[] {
  const rules: OpenRule[] = [];
  for (const properties of context.values.resolve(resource.properties, resource.anchor)) {
    if (properties.kind === 'map') openRules(properties, context, groupsOf(properties, context, direction), rules);
  }
  return rules;
}

/** The template's security groups that a separate rule resource adds its rule to. */
function groupsOf(properties: Outcome, context: RuleContext, direction: Direction): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  for (const group of context.values
    .lookup([properties], 'GroupId')
    .concat(context.values.lookup([properties], 'GroupName'))) {
    const target = group.kind === 'resource' ? context.template.resource(group.id) : undefined;
    if (target?.type !== 'AWS::EC2::SecurityGroup' || related.some((known) => known.node === target.idNode)) continue;
    const message = `Security group ${target.id}, which this ${direction.toLowerCase()} opens`;
    related.push({ node: target.idNode, message });
  }
  return related;
}

/**
 * Adds a rule's open ranges to `out`. Only a range that admits the whole internet can open a rule, so a rule
 * without one is not read any further: its protocol and ports are looked up only when some range is open.
 */
function openRules(rule: Outcome, context: RuleContext, related: readonly RelatedLocation[], out: OpenRule[]): void {
  const values = context.values;
  const from = [rule];
  let cidrs: OpenCidr[] | undefined;
  for (const key of CIDR_KEYS) {
    for (const cidr of values.lookup(from, key)) {
      const text = wholeInternetText(key, cidr);
      if (text !== undefined) cidrs = appended(cidrs, { key, cidr, text });
    }
  }
  if (cidrs === undefined) return;
  const ruleValues = {
    protocol: values.lookup(from, 'IpProtocol'),
    from: values.lookup(from, 'FromPort'),
    to: values.lookup(from, 'ToPort'),
    cidrs,
    setting: 'IpProtocol',
    allKeyword: false,
  };
  openRulesOf(ruleValues, rule.via, related, out);
}
