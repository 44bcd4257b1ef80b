import type { FixProposal } from '../edits/changes';
import type { Resource } from '../model/template';
import { integerOf, stringOf, truthOf, type Outcome, type Step } from '../model/values';
import { entryOf } from '../parsing/nodes';
import { combinations } from './branches';
import { resourcesByText } from './keyed-index';
import { isWholeInternet, narrow, type CidrKey, type OpenRule } from './security-group';
import type { RelatedLocation, RuleContext } from './types';

/*
 * Shared by the network-ACL rules: reads network ACL entries (`AWS::EC2::NetworkAclEntry` here, the AWS provider's
 * in network-acl-terraform.ts) and decides whether a lower-numbered deny of the same network ACL shadows an allow.
 * Network ACLs are evaluated in rule-number order and the first matching entry wins, so an allow behind a deny of
 * the same traffic never takes effect.
 */

export const ENTRY = 'AWS::EC2::NetworkAclEntry';

export type AclProtocol = 'all' | 'tcp' | 'udp' | 'other';

/** How a dialect names an entry's fields; the CIDR attributes by address family. */
export interface EntryNames {
  /** The direction flag; undefined for an entry written in an ACL's inline `ingress` block. */
  readonly egress: string | undefined;
  readonly action: string;
  readonly protocol: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly number: string;
  readonly cidrs: readonly (readonly [CidrKey, string])[];
}

const CLOUDFORMATION: EntryNames = {
  egress: 'Egress',
  action: 'RuleAction',
  protocol: 'Protocol',
  from: ['PortRange', 'From'],
  to: ['PortRange', 'To'],
  number: 'RuleNumber',
  cidrs: [
    ['CidrIp', 'CidrBlock'],
    ['CidrIpv6', 'Ipv6CidrBlock'],
  ],
};

/** One entry of a network ACL as written: a resource of its own, or an inline block of the ACL resource. */
export interface AclEntry {
  /** The resource the entry is written in. */
  readonly resource: Resource;
  /** The entry's values: the resource's properties, or the block. */
  readonly body: readonly Outcome[];
  readonly names: EntryNames;
  /** Exists in some deployments only (a CloudFormation `Condition`, a Terraform `count`): it decides nothing for sure. */
  readonly conditional: boolean;
}

/** One deployment's reading of an ingress allow entry from the whole internet. */
export interface OpenEntry {
  readonly cidr: Outcome;
  readonly text: string;
  readonly key: CidrKey;
  readonly protocol: AclProtocol;
  /** The port range for tcp/udp; 0-65535 for every other protocol. */
  readonly low: number;
  readonly high: number;
  /** The entry's rule number, undefined when not known. */
  readonly number: number | undefined;
  readonly via: readonly Step[];
  readonly related: readonly RelatedLocation[];
  readonly resource: Resource;
  /** The protocol's name in the dialect, for messages. */
  readonly setting: string;
  /** The other entries of the same network ACL that this reader can see. */
  readonly siblings: () => readonly AclEntry[];
}

/** One deployment's reading of any entry, as far as shadowing needs it; undefined fields are unknown. */
interface EntryReading {
  readonly ingress: boolean | 'unknown';
  readonly action: string | undefined;
  readonly protocol: AclProtocol | undefined;
  readonly low: number | undefined;
  readonly high: number | undefined;
  readonly number: number | undefined;
  readonly cidrs: ReadonlyMap<CidrKey, Outcome>;
  readonly via: readonly Step[];
}

const ALL_PORTS = { low: 0, high: 65535 };

function readings(entry: AclEntry, context: RuleContext): EntryReading[] {
  const values = context.values;
  const { body, names } = entry;
  // An inline `ingress` block has no direction flag: read it as an absent one, which means ingress.
  const inline: Outcome = { kind: 'absent', node: entry.resource.anchor, via: [] };
  const lists = [
    names.egress === undefined ? [inline] : values.lookup(body, names.egress),
    values.lookup(body, names.action),
    values.lookup(body, names.protocol),
    values.lookup(body, ...names.from),
    values.lookup(body, ...names.to),
    values.lookup(body, names.number),
    ...names.cidrs.map(([, name]) => values.lookup(body, name)),
  ];
  return combinations(lists).map(([egress, action, protocolValue, from, to, number, ...cidrs]) => {
    // Egress defaults to false: an entry that does not say is an ingress entry.
    const egressTruth = egress === undefined ? 'unknown' : egress.kind === 'absent' ? false : truthOf(egress);
    const protocol = protocolValue === undefined ? undefined : protocolOf(protocolValue);
    const ports = protocol === 'tcp' || protocol === 'udp' ? portsOf(from, to) : ALL_PORTS;
    const cidrMap = new Map<CidrKey, Outcome>();
    names.cidrs.forEach(([key], index) => {
      const cidr = cidrs[index];
      if (cidr !== undefined && cidr.kind !== 'absent') cidrMap.set(key, cidr);
    });
    return {
      ingress: egressTruth === 'unknown' ? 'unknown' : !egressTruth,
      action: action === undefined ? undefined : stringOf(action)?.trim().toLowerCase(),
      protocol,
      low: ports?.low,
      high: ports?.high,
      number: number === undefined ? undefined : integerOf(number),
      cidrs: cidrMap,
      via: protocolValue?.via ?? [],
    };
  });
}

/** The protocol by IANA number (what CloudFormation documents) or by name; undefined when not known. */
function protocolOf(outcome: Outcome): AclProtocol | undefined {
  const text = stringOf(outcome)?.trim().toLowerCase();
  if (text === undefined) return undefined;
  if (text === '6' || text === 'tcp') return 'tcp';
  if (text === '17' || text === 'udp') return 'udp';
  return text === '-1' || text === 'all' ? 'all' : 'other';
}

function portsOf(from: Outcome | undefined, to: Outcome | undefined): { low: number; high: number } | undefined {
  const low = from === undefined ? undefined : integerOf(from);
  const high = to === undefined ? undefined : integerOf(to);
  return low === undefined || high === undefined ? undefined : { low, high };
}

/** The ingress allow entries of a CloudFormation `AWS::EC2::NetworkAclEntry` from 0.0.0.0/0 or ::/0. */
export function openEntries(resource: Resource, context: RuleContext): OpenEntry[] {
  return openEntriesOf(
    cloudFormationEntry(resource, context),
    aclRelated(resource, context),
    () => siblings(resource, context).map((sibling) => cloudFormationEntry(sibling, context)),
    context,
  );
}

function cloudFormationEntry(resource: Resource, context: RuleContext): AclEntry {
  const body = context.values.resolve(resource.properties, resource.anchor);
  return { resource, body, names: CLOUDFORMATION, conditional: entryOf(resource.node, 'Condition') !== undefined };
}

/** The ingress allow entries of `entry` from 0.0.0.0/0 or ::/0, one per deployment reading and address family. */
export function openEntriesOf(
  entry: AclEntry,
  related: readonly RelatedLocation[],
  siblings: () => readonly AclEntry[],
  context: RuleContext,
): OpenEntry[] {
  const open: OpenEntry[] = [];
  for (const reading of readings(entry, context)) {
    const { protocol, low, high } = reading;
    if (reading.ingress !== true || reading.action !== 'allow' || protocol === undefined) continue;
    if (low === undefined || high === undefined) continue;
    for (const [key, cidr] of reading.cidrs) {
      const text = stringOf(cidr)?.trim();
      if (text === undefined || !isWholeInternet(key, text)) continue;
      const { number, via } = reading;
      const { resource, names } = entry;
      open.push({
        cidr,
        text,
        key,
        protocol,
        low,
        high,
        number,
        via,
        related,
        resource,
        setting: names.protocol,
        siblings,
      });
    }
  }
  return open;
}

/** The template's network ACL that an entry belongs to, as a related location. */
function aclRelated(resource: Resource, context: RuleContext): RelatedLocation[] {
  const properties = context.values.resolve(resource.properties, resource.anchor);
  for (const acl of context.values.lookup(properties, 'NetworkAclId')) {
    const target = acl.kind === 'resource' ? context.template.resource(acl.id) : undefined;
    if (target?.type === 'AWS::EC2::NetworkAcl')
      return [{ node: target.idNode, message: `Network ACL ${target.id}, which this entry belongs to` }];
  }
  return [];
}

/**
 * Whether ports `low`-`high` of `protocol` that `entry` allows are denied first, for the whole internet of its family, by
 * a lower-numbered ingress entry of the same network ACL: true, false, or unknown when an entry that could decide
 * it has a value the linter cannot know (a parameter without default, an unknown RuleNumber, a condition on the
 * deny) — unknown never reports. Only entries of this template are seen: the ACL is identified by the logical id
 * it is `Ref`-ed by, or by a literal ACL id written the same way; entries added outside the template are not.
 */
export function shadowed(
  entry: OpenEntry,
  protocol: 'tcp' | 'udp' | 'all',
  low: number,
  high: number,
  context: RuleContext,
): boolean | 'unknown' {
  let unknown = false;
  for (const sibling of entry.siblings()) {
    const verdicts = readings(sibling, context).map((reading) =>
      denies(reading, entry.key, protocol, low, high, entry.number),
    );
    if (verdicts.length === 0) unknown = true;
    else if (verdicts.every((verdict) => verdict === true) && !sibling.conditional) return true;
    else if (!verdicts.every((verdict) => verdict === false)) unknown = true;
  }
  return unknown ? 'unknown' : false;
}

function denies(
  reading: EntryReading,
  key: CidrKey,
  protocol: 'tcp' | 'udp' | 'all',
  low: number,
  high: number,
  ownNumber: number | undefined,
): boolean | 'unknown' {
  if (reading.ingress === false) return false;
  if (reading.action === 'allow') return false;
  if (reading.ingress === 'unknown' || reading.action !== 'deny') return 'unknown';
  const cidr = reading.cidrs.get(key);
  if (cidr === undefined) return reading.cidrs.size > 0 ? false : 'unknown';
  const text = stringOf(cidr)?.trim();
  if (text === undefined) return 'unknown';
  // A deny of a narrower range leaves the rest of the internet allowed, so it never shadows the finding.
  if (!isWholeInternet(key, text)) return false;
  if (reading.protocol === undefined) return 'unknown';
  if (reading.protocol !== 'all' && reading.protocol !== protocol) return false;
  if (reading.protocol !== 'all') {
    if (reading.low === undefined || reading.high === undefined) return 'unknown';
    if (reading.low > low || reading.high < high) return false;
  }
  if (reading.number === undefined || ownNumber === undefined) return 'unknown';
  return reading.number < ownNumber;
}

/** The other entries of the same network ACL in this template. */
function siblings(resource: Resource, context: RuleContext): Resource[] {
  const properties = context.values.resolve(resource.properties, resource.anchor);
  const acls = context.values.lookup(properties, 'NetworkAclId');
  const found = new Map<string, Resource>();
  for (const acl of acls) {
    if (acl.kind === 'resource') {
      for (const reference of context.template.references.to(acl.id)) {
        if (reference.from.type === ENTRY && reference.from !== resource && reference.path.at(-1) === 'NetworkAclId')
          found.set(reference.from.id, reference.from);
      }
      continue;
    }
    const id = stringOf(acl);
    if (id === undefined) continue;
    // The entries by literal ACL id, indexed once per lint: a scan of every resource per entry is quadratic.
    const byLiteral = resourcesByText(context, 'network-acl:entries-by-literal-acl', ENTRY, (other) =>
      context.values.lookup(context.values.resolve(other.properties, other.anchor), 'NetworkAclId').map(stringOf),
    );
    for (const { resource: other } of byLiteral.get(id)) if (other !== resource) found.set(other.id, other);
  }
  return [...found.values()];
}

/**
 * Narrows an open range with security-group.ts's `narrow` (a literal becomes a `Ref` to a new parameter without a
 * default; a parameter's default is removed): every deployment must then name the range, so it is a suggestion.
 */
export function narrowEntry(entry: OpenEntry, prefix: string, purpose: string, context: RuleContext): FixProposal[] {
  const rule: OpenRule = {
    key: entry.key,
    cidr: entry.cidr,
    text: entry.text,
    protocol: entry.protocol,
    ports: { low: entry.low, high: entry.high },
    related: entry.related,
    setting: entry.setting,
  };
  return narrow(rule, entry.resource, context, { prefix, purpose });
}
