import { within } from '../edits/propose';
import type { Resource } from '../model/template';
import { stringOf, type Outcome } from '../model/values';
import type { SourceNode } from '../parsing/nodes';
import { along } from './branches';
import { isWholeInternet, openRulesOf, type CidrKey, type Direction, type OpenRule } from './security-group';
import { attributes, companions } from './terraform';
import type { RelatedLocation, RuleContext, Visitor, Visitors } from './types';

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
  const visit: Visitor<M> = (resource, context) =>
    forEachTerraformRule(resource, context, direction, (rule) => check(rule, resource, context));
  return Object.fromEntries([...GROUP_TYPES, RULE, VPC_RULE[direction]].map((type) => [type, visit]));
}

/** Calls `check` for every open rule of `direction` that `resource` writes, whichever of the provider's types it is. */
export function forEachTerraformRule<M extends string>(
  resource: Resource,
  context: RuleContext<M>,
  direction: Direction,
  check: (rule: OpenRule) => void,
): void {
  // Four firewall rules (and rds-publicly-accessible, per group) ask for the same resource's rules: read them once.
  const known = context.memo('security-group-terraform:rules', () => ({
    Ingress: new Map<Resource, readonly OpenRule[]>(),
    Egress: new Map<Resource, readonly OpenRule[]>(),
  }));
  let rules = known[direction].get(resource);
  if (rules === undefined) {
    const found: OpenRule[] = [];
    collectTerraformRules(resource, context, direction, (rule) => found.push(rule));
    known[direction].set(resource, (rules = found));
  }
  for (const rule of rules) check(rule);
}

function collectTerraformRules<M extends string>(
  resource: Resource,
  context: RuleContext<M>,
  direction: Direction,
  check: (rule: OpenRule) => void,
): void {
  const values = context.values;
  const body = attributes(resource, values);
  const name = direction.toLowerCase();
  if (GROUP_TYPES.includes(resource.type)) {
    for (const list of values.lookup(body, name)) {
      const fallback = inside(resource, list.node, resource.anchor);
      for (const block of list.kind === 'seq' ? items(list, context) : [list]) {
        if (block.kind === 'map')
          read(block, BLOCK, resource, context, [], inside(resource, block.node, fallback), check);
      }
    }
    return;
  }
  const names = resource.type === RULE ? BLOCK : resource.type === VPC_RULE[direction] ? VPC : undefined;
  if (names === undefined) return;
  let related: RelatedLocation[] | undefined;
  for (const properties of body) {
    if (properties.kind !== 'map') continue;
    // `aws_security_group_rule` says its direction in `type`; an unknown type says nothing.
    const scoped =
      names === VPC
        ? [properties]
        : values
            .lookup([properties], 'type')
            .filter((type) => stringOf(type)?.trim().toLowerCase() === name)
            .flatMap((type) => along([properties], type.via));
    for (const rule of scoped)
      read(
        rule,
        names,
        resource,
        context,
        (related ??= groupsOf(resource, context, direction)),
        resource.anchor,
        check,
      );
  }
}

/** The open ingress rules of a group: inline, and from the separate rule resources that name it. */
export function terraformGroupIngress<M extends string>(group: Resource, context: RuleContext<M>): OpenRule[] {
  const rules: OpenRule[] = [];
  const collect = (resource: Resource): void =>
    forEachTerraformRule(resource, context, 'Ingress', (rule) => rules.push(rule));
  collect(group);
  for (const type of [RULE, VPC_RULE.Ingress])
    for (const resource of companions(context, group, type, 'security_group_id')) collect(resource);
  return rules;
}

function read<M extends string>(
  rule: Outcome,
  names: Names,
  resource: Resource,
  context: RuleContext<M>,
  related: readonly RelatedLocation[],
  fallback: SourceNode,
  check: (rule: OpenRule) => void,
): void {
  const lookup = (key: string): Outcome[] => context.values.lookup([rule], key);
  // Only a range that admits the whole internet can make an open rule: the others are left out before the
  // protocol and ports are combined with them, and a rule without such a range is not read any further.
  let open = false;
  const cidrs = names.cidrs.map(([key, attribute, list]) => {
    const outcomes: Outcome[] = [];
    for (const value of lookup(attribute)) {
      if (!list || value.kind !== 'seq') {
        if (admitsEveryone(key, value)) outcomes.push(placed(resource, value, fallback));
        continue;
      }
      for (const item of items(value, context))
        if (admitsEveryone(key, item)) outcomes.push(placed(resource, placed(resource, item, value.node), fallback));
    }
    if (outcomes.length > 0) open = true;
    return [key, outcomes] as const;
  });
  if (!open) return;
  const values = { protocol: lookup(names.protocol), from: lookup('from_port'), to: lookup('to_port'), cidrs };
  openRulesOf({ ...values, setting: names.protocol, allKeyword: true }, rule.via, related, check);
}

/** Whether a CIDR value is one `openRulesOf` would judge open: a string for the whole internet. */
function admitsEveryone(key: CidrKey, cidr: Outcome): boolean {
  const text = stringOf(cidr)?.trim();
  return text !== undefined && isWholeInternet(key, text);
}

/** The items of a list, each reached along the list's own steps. */
function items<M extends string>(list: Outcome & { kind: 'seq' }, context: RuleContext<M>): Outcome[] {
  return list.seq.items.flatMap((item) => along(context.values.resolve(item, list.node), list.via));
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
function groupsOf<M extends string>(
  resource: Resource,
  context: RuleContext<M>,
  direction: Direction,
): RelatedLocation[] {
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
