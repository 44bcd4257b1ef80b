import { within } from '../edits/propose';
import type { Resource } from '../model/template';
import { stringOf, type Outcome } from '../model/values';
import type { SourceNode } from '../parsing/nodes';
import { along } from './branches';
import {
  appended,
  openRulesOf,
  wholeInternetText,
  type CidrKey,
  type Direction,
  type OpenCidr,
  type OpenRule,
} from './security-group';
import { attributes, companions } from './terraform';
import type { RelatedLocation, RuleContext, Visitor, Visitors } from './types';
import { flatMap } from './lists';

/*
 * The AWS provider's security-group rules, read into security-group.ts's OpenRule so each firewall rule judges them
 * with its CloudFormation predicate: inline `ingress`/`egress` blocks of `aws_security_group` and
 * `aws_default_security_group`, `aws_security_group_rule` (`type` says the direction), and
 * `aws_vpc_security_group_ingress_rule` / `…_egress_rule`.
 */

export const GROUP_TYPES: readonly string[] = ['aws_security_group', 'aws_default_security_group'];
const RULE = 'aws_security_group_rule';
const VPC_RULE: Readonly<Record<Direction, string>> = {
  Ingress: 'aws_vpc_security_group_ingress_rule',
  Egress: 'aws_vpc_security_group_egress_rule',
};

/** Attribute names of one kind of rule: each CIDR attribute with its family, and whether it holds a list of ranges. */
interface Names {
  readonly protocol: string;
  readonly cidrs: readonly (readonly [CidrKey, string, boolean])[];
}

/** Inline blocks and `aws_security_group_rule` share these names. */
const BLOCK: Names = {
  protocol: 'protocol',
  cidrs: [
    ['CidrIp', 'cidr_blocks', true],
    ['CidrIpv6', 'ipv6_cidr_blocks', true],
  ],
};
const VPC: Names = {
  protocol: 'ip_protocol',
  cidrs: [
    ['CidrIp', 'cidr_ipv4', false],
    ['CidrIpv6', 'cidr_ipv6', false],
  ],
};

/** The Terraform visitors of a rule about one direction: every resource type that can carry such a rule. */
export function terraformRuleVisitors<M extends string>(
  direction: Direction,
  check: (rule: OpenRule, resource: Resource, context: RuleContext<M>) => void,
): Visitors<M> {
  const visit: Visitor<M> = (resource, context) => {
    for (const rule of terraformOpenRules(resource, context, direction)) check(rule, resource, context);
  };
  return Object.fromEntries([...GROUP_TYPES, RULE, VPC_RULE[direction]].map((type) => [type, visit]));
}

/** A memo's empty indexes, made by one function for every visit rather than a closure per visit. */
const newIndexes = (): Record<Direction, Map<Resource, readonly OpenRule[]>> => ({
  Ingress: new Map<Resource, readonly OpenRule[]>(),
  Egress: new Map<Resource, readonly OpenRule[]>(),
});

/** The open rules of `direction` that `resource` writes, whichever of the provider's types it is. */
export function terraformOpenRules(
  resource: Resource,
  context: RuleContext,
  direction: Direction,
): readonly OpenRule[] {
  // Four firewall rules (and rds-publicly-accessible, per group) ask for the same resource's rules: read them once.
  const known = context.memo('security-group-terraform:rules', newIndexes)[direction];
  let rules = known.get(resource);
  if (rules === undefined) known.set(resource, (rules = collectTerraformRules(resource, context, direction)));
  return rules;
}

function collectTerraformRules(resource: Resource, context: RuleContext, direction: Direction): OpenRule[] {
  const values = context.values;
  const body = attributes(resource, values);
  const name = NAMES[direction];
  const out: OpenRule[] = [];
  if (GROUP_TYPES.includes(resource.type)) {
    for (const list of values.lookup(body, name)) {
      const fallback = inside(resource, list.node, resource.anchor);
      if (list.kind !== 'seq') {
        if (list.kind === 'map')
          read(list, BLOCK, resource, context, NO_RELATED, inside(resource, list.node, fallback), out);
        continue;
      }
      for (const item of list.seq.items) {
        for (const block of along(values.resolve(item, list.node), list.via))
          if (block.kind === 'map')
            read(block, BLOCK, resource, context, NO_RELATED, inside(resource, block.node, fallback), out);
      }
    }
    return out;
  }
  const names = resource.type === RULE ? BLOCK : resource.type === VPC_RULE[direction] ? VPC : undefined;
  if (names === undefined) return out;
  let related: RelatedLocation[] | undefined;
  for (const properties of body) {
    if (properties.kind !== 'map') continue;
    // `aws_security_group_rule` says its direction in `type`; an unknown type says nothing.
    const scoped =
      names === VPC
        ? [properties]
        : flatMap(
            values.lookup([properties], 'type').filter((type) => stringOf(type)?.trim().toLowerCase() === name),
            (type) => along([properties], type.via),
          );
    for (const rule of scoped)
      read(rule, names, resource, context, (related ??= groupsOf(resource, context, direction)), resource.anchor, out);
  }
  return out;
}

const NAMES: Readonly<Record<Direction, string>> = { Ingress: 'ingress', Egress: 'egress' };

/** Inline blocks name no other resource; shared, since nothing adds to a rule's related locations. */
const NO_RELATED: readonly RelatedLocation[] = Object.freeze([]);

/** The open ingress rules of a group: inline, and from the separate rule resources that name it. */
export function terraformGroupIngress(group: Resource, context: RuleContext): OpenRule[] {
  const rules = [...terraformOpenRules(group, context, 'Ingress')];
  for (const type of [RULE, VPC_RULE.Ingress])
    for (const resource of companions(context, group, type, 'security_group_id'))
      rules.push(...terraformOpenRules(resource, context, 'Ingress'));
  return rules;
}

/**
 * Adds a rule's open ranges to `out`. Only a range that admits the whole internet can open a rule: the others are
 * left out before the protocol and ports are combined with them, and a rule without one is not read any further.
 */
function read(
  rule: Outcome,
  names: Names,
  resource: Resource,
  context: RuleContext,
  related: readonly RelatedLocation[],
  fallback: SourceNode,
  out: OpenRule[],
): void {
  const values = context.values;
  const from = [rule];
  let cidrs: OpenCidr[] | undefined;
  for (const [key, attribute, list] of names.cidrs) {
    for (const value of values.lookup(from, attribute)) {
      if (!list || value.kind !== 'seq') {
        const text = wholeInternetText(key, value);
        if (text !== undefined) cidrs = appended(cidrs, { key, cidr: placed(resource, value, fallback), text });
        continue;
      }
      for (const entry of value.seq.items) {
        for (const item of along(values.resolve(entry, value.node), value.via)) {
          const text = wholeInternetText(key, item);
          const cidr = text === undefined ? undefined : placed(resource, placed(resource, item, value.node), fallback);
          if (cidr !== undefined && text !== undefined) cidrs = appended(cidrs, { key, cidr, text });
        }
      }
    }
  }
  if (cidrs === undefined) return;
  const ruleValues = {
    protocol: values.lookup(from, names.protocol),
    from: values.lookup(from, 'from_port'),
    to: values.lookup(from, 'to_port'),
    cidrs,
    setting: names.protocol,
    allKeyword: true,
  };
  openRulesOf(ruleValues, rule.via, related, out);
}

/**
 * A value read from a variable's or a local's list has its node there; a finding about it is shown in the resource,
 * on the nearest node that led to it (the `"${var.ranges}"` string, the block).
 */
function placed(resource: Resource, outcome: Outcome, fallback: SourceNode): Outcome {
  return within(resource.node, outcome.node) ? outcome : { ...outcome, node: fallback };
}

function inside(resource: Resource, node: SourceNode, fallback: SourceNode): SourceNode {
  return within(resource.node, node) ? node : fallback;
}

/** The configuration's security groups a separate rule resource adds its rule to, by reference. */
function groupsOf(resource: Resource, context: RuleContext, direction: Direction): RelatedLocation[] {
  const template = context.template;
  const targets = template.references
    .from(resource.id)
    .filter((reference) => reference.path[0] === 'security_group_id')
    .map((reference) => reference.to);
  for (const group of context.values.lookup(attributes(resource, context.values), 'security_group_id'))
    if (group.kind === 'resource') targets.push(group.id);
  const related: RelatedLocation[] = [];
  for (const id of new Set(targets)) {
    const target = template.resource(id);
    if (target === undefined || !GROUP_TYPES.includes(target.type)) continue;
    related.push({
      node: target.idNode,
      message: `Security group ${target.id}, which this ${direction.toLowerCase()} opens`,
    });
  }
  return related;
}
