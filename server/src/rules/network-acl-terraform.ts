import { within } from '../edits/propose';
import type { Resource } from '../model/template';
import { stringOf, type Outcome } from '../model/values';
import { entryOf, type SourceNode } from '../parsing/nodes';
import { along } from './branches';
import { inSourceOrder, resourcesByText } from './keyed-index';
import { openEntriesOf, type AclEntry, type EntryNames, type OpenEntry } from './network-acl';
import { attributes, companions } from './terraform';
import type { RelatedLocation, RuleContext, Visitors } from './types';

/*
 * The AWS provider's network ACL entries, read into network-acl.ts's entries so both ACL rules judge them with their
 * CloudFormation predicate: inline `ingress` blocks of `aws_network_acl` and `aws_default_network_acl` (the provider
 * removes every rule it is not given, so only written entries exist), and `aws_network_acl_rule` resources.
 */

const ACL_TYPES: readonly string[] = ['aws_network_acl', 'aws_default_network_acl'];
const RULE = 'aws_network_acl_rule';

const CIDRS: EntryNames['cidrs'] = [
  ['CidrIp', 'cidr_block'],
  ['CidrIpv6', 'ipv6_cidr_block'],
];
const INLINE: EntryNames = {
  egress: undefined,
  action: 'action',
  protocol: 'protocol',
  from: ['from_port'],
  to: ['to_port'],
  number: 'rule_no',
  cidrs: CIDRS,
};
const SEPARATE: EntryNames = {
  egress: 'egress',
  action: 'rule_action',
  protocol: 'protocol',
  from: ['from_port'],
  to: ['to_port'],
  number: 'rule_number',
  cidrs: CIDRS,
};

/** The Terraform visitors of a network ACL rule whose check takes the open entries of one resource. */
export function terraformAclVisitors<M extends string>(
  check: (entries: readonly OpenEntry[], context: RuleContext<M>) => void,
): Visitors<M> {
  const visit = (resource: Resource, context: RuleContext<M>): void =>
    check(terraformOpenEntries(resource, context), context);
  return Object.fromEntries([...ACL_TYPES, RULE].map((type) => [type, visit]));
}

/** The ingress allow entries from the whole internet that `resource` writes. */
export function terraformOpenEntries(resource: Resource, context: RuleContext): OpenEntry[] {
  if (resource.type === RULE) {
    const acls = aclsOf(resource, context);
    const related: RelatedLocation[] = acls.map((acl) => ({
      node: acl.idNode,
      message: `Network ACL ${acl.id}, which this entry belongs to`,
    }));
    const siblings = (): AclEntry[] => [
      ...acls.flatMap((acl) => inlineEntries(acl, context).map((inline) => inline.entry)),
      ...ruleSiblings(resource, acls, context).map((rule) => separateEntry(rule, context)),
    ];
    return placed(resource, openEntriesOf(separateEntry(resource, context), related, siblings, context), undefined);
  }
  if (!ACL_TYPES.includes(resource.type)) return [];
  const inline = inlineEntries(resource, context);
  const rules = (): AclEntry[] =>
    companions(context, resource, RULE, 'network_acl_id').map((rule) => separateEntry(rule, context));
  return inline.flatMap(({ entry, fallback }) => {
    const siblings = (): AclEntry[] => [
      ...inline.filter((other) => other.entry !== entry).map((other) => other.entry),
      ...rules(),
    ];
    return placed(resource, openEntriesOf(entry, [], siblings, context), fallback);
  });
}

/** The inline `ingress` blocks of an ACL, each with the node a finding falls back to when it lies outside. */
function inlineEntries(acl: Resource, context: RuleContext): { entry: AclEntry; fallback: SourceNode }[] {
  const values = context.values;
  const found: { entry: AclEntry; fallback: SourceNode }[] = [];
  for (const list of values.lookup(attributes(acl, values), 'ingress')) {
    const outer = within(acl.node, list.node) ? list.node : acl.anchor;
    const blocks =
      list.kind === 'seq' ? list.seq.items.flatMap((item) => along(values.resolve(item, list.node), list.via)) : [list];
    for (const block of blocks) {
      if (block.kind !== 'map') continue;
      const entry: AclEntry = { resource: acl, body: [block], names: INLINE, conditional: false };
      found.push({ entry, fallback: within(acl.node, block.node) ? block.node : outer });
    }
  }
  return found;
}

function separateEntry(rule: Resource, context: RuleContext): AclEntry {
  // `count` or `for_each` may make a rule exist in some deployments only.
  const conditional = entryOf(rule.node, 'count') !== undefined || entryOf(rule.node, 'for_each') !== undefined;
  return { resource: rule, body: attributes(rule, context.values), names: SEPARATE, conditional };
}

/** The configuration's ACLs an `aws_network_acl_rule` belongs to, by reference. */
function aclsOf(rule: Resource, context: RuleContext): Resource[] {
  const template = context.template;
  const targets = template.references
    .from(rule.id)
    .filter((reference) => reference.path[0] === 'network_acl_id')
    .map((reference) => reference.to);
  for (const acl of aclIds(rule, context)) if (acl.kind === 'resource') targets.push(acl.id);
  return [...new Set(targets)]
    .map((id) => template.resource(id))
    .filter((acl): acl is Resource => acl !== undefined && ACL_TYPES.includes(acl.type));
}

/** The other rules of the same ACL: by reference to the same ACL, or by the same literal ACL id. */
function ruleSiblings(rule: Resource, acls: readonly Resource[], context: RuleContext): Resource[] {
  const found = new Set<Resource>();
  for (const acl of acls) for (const other of companions(context, acl, RULE, 'network_acl_id')) found.add(other);
  const ids = aclIds(rule, context).flatMap((acl) => stringOf(acl) ?? []);
  if (ids.length > 0) {
    // The rules by literal ACL id (an unreadable one as ''), indexed once per lint: a scan per rule is quadratic.
    const byLiteral = resourcesByText(context, 'network-acl-terraform:rules-by-literal-acl', RULE, (other) =>
      aclIds(other, context).map((acl) => stringOf(acl) ?? ''),
    );
    for (const { resource: other } of inSourceOrder(ids.map((id) => byLiteral.get(id)))) found.add(other);
  }
  found.delete(rule);
  return [...found];
}

function aclIds(rule: Resource, context: RuleContext): Outcome[] {
  return context.values.lookup(attributes(rule, context.values), 'network_acl_id');
}

/**
 * A range read from a variable's or a local's value has its node there; a finding about it is shown in the resource,
 * on the nearest node that led to it.
 */
function placed(resource: Resource, entries: OpenEntry[], fallback: SourceNode | undefined): OpenEntry[] {
  return entries.map((entry) =>
    within(resource.node, entry.cidr.node)
      ? entry
      : { ...entry, cidr: { ...entry.cidr, node: fallback ?? resource.anchor } },
  );
}
