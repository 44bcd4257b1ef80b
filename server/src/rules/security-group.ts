import type { FixProposal } from '../edits/changes';
import { literalIn, unusedName } from '../edits/propose';
import type { Resource } from '../model/template';
import { integerOf, stringOf, type Outcome, type Step } from '../model/values';
import { entryOf } from '../parsing/nodes';
import { combinations, itemValues } from './branches';
import { CIDR_KEYS, isWholeInternet, type CidrKey } from './cidr';
import { narrowToVariable } from './terraform-cidr-variable';
import type { RelatedLocation, RuleContext, Visitors } from './types';

/** Shared reading of security-group rules for the `firewall` rules: CIDRs, protocols, ports and the narrowing fix. */

export { CIDR_KEYS, isWholeInternet, type CidrKey } from './cidr';

export type Protocol = 'tcp' | 'udp';

export type Direction = 'Ingress' | 'Egress';

/** One rule's combination of values on one deployment branch, with a CIDR that admits every address. */
export interface OpenRule {
  readonly key: CidrKey;
  /** The CIDR's value: where findings go, and the branch (`via`) they name. */
  readonly cidr: Outcome;
  readonly text: string;
  readonly protocol: Protocol | 'all' | 'other';
  /** For tcp and udp with known ports: the range, with `-1` read as every port; otherwise undefined. */
  readonly ports: { readonly low: number; readonly high: number } | undefined;
  /** The template's security groups a separate ingress or egress resource belongs to. */
  readonly related: readonly RelatedLocation[];
  /** The protocol's name in the dialect, for messages: `IpProtocol`, `protocol`, `ip_protocol`. */
  readonly setting: string;
}

/** Whether a tcp or udp rule admits every port, the part of `all ports` that is not protocol -1. */
export function everyPort(rule: OpenRule): boolean {
  return rule.ports !== undefined && rule.ports.low <= 0 && rule.ports.high >= 65535;
}

/** A service on a well-known port, with the transport protocols it listens on. */
export interface NamedPort {
  readonly service: string;
  readonly port: number;
  readonly protocols: readonly Protocol[];
}

/**
 * The named ports a tcp or udp rule opens. Protocol -1 and every-port ranges yield none: they are
 * `firewall/security-group-open-all-ports`'s finding, so one ingress rule yields one finding.
 */
export function openNamedPorts<P extends NamedPort>(rule: OpenRule, table: readonly P[]): P[] {
  const { protocol, ports } = rule;
  if ((protocol !== 'tcp' && protocol !== 'udp') || ports === undefined || everyPort(rule)) return [];
  return table.filter(
    (named) => named.protocols.includes(protocol) && ports.low <= named.port && named.port <= ports.high,
  );
}

/** The visitors of a rule about ingress: inline rules of a group and separate ingress resources alike. */
export function ingressVisitors<M extends string>(
  check: (rule: OpenRule, resource: Resource, context: RuleContext<M>) => void,
): Visitors<M> {
  return {
    'AWS::EC2::SecurityGroup': (resource, context) =>
      forEachInlineRule(resource, context, 'Ingress', (rule) => check(rule, resource, context)),
    'AWS::EC2::SecurityGroupIngress': (resource, context) =>
      forEachResourceRule(resource, context, 'Ingress', (rule) => check(rule, resource, context)),
  };
}

/** Calls `check` for every open rule of a group's inline list `SecurityGroup<direction>`. */
export function forEachInlineRule<M extends string>(
  resource: Resource,
  context: RuleContext<M>,
  direction: Direction,
  check: (rule: OpenRule) => void,
): void {
  const read = (): OpenRule[] => inlineRules(resource, context, direction);
  for (const rule of openRulesFor(resource, context, INLINE_KEYS[direction], read)) check(rule);
}

/** Calls `check` for every open rule of a separate `AWS::EC2::SecurityGroupIngress` or `…Egress` resource. */
export function forEachResourceRule<M extends string>(
  resource: Resource,
  context: RuleContext<M>,
  direction: Direction,
  check: (rule: OpenRule) => void,
): void {
  const read = (): OpenRule[] => resourceRules(resource, context, direction);
  for (const rule of openRulesFor(resource, context, RESOURCE_KEYS[direction], read)) check(rule);
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

/**
 * A resource's open rules, read once per lint: every firewall rule about security groups reads the same ones, and
 * the combinations behind them are the costly part.
 */
function openRulesFor<M extends string>(
  resource: Resource,
  context: RuleContext<M>,
  key: string,
  read: () => OpenRule[],
): readonly OpenRule[] {
  const byResource = context.memo(key, () => new Map<Resource, OpenRule[]>());
  let rules = byResource.get(resource);
  if (rules === undefined) byResource.set(resource, (rules = read()));
  return rules;
}

function inlineRules<M extends string>(resource: Resource, context: RuleContext<M>, direction: Direction): OpenRule[] {
  const values = context.values;
  const rules: OpenRule[] = [];
  const add = (rule: OpenRule): void => {
    rules.push(rule);
  };
  for (const list of values.lookup(values.resolve(resource.properties, resource.anchor), `SecurityGroup${direction}`)) {
    if (list.kind !== 'seq') continue;
    for (const item of itemValues(values, list.seq, list.node, list.via).flat()) {
      if (item.kind === 'map') openRules(item, context, [], add);
    }
  }
  return rules;
}

function resourceRules<M extends string>(
  resource: Resource,
  context: RuleContext<M>,
  direction: Direction,
): OpenRule[] {
  const rules: OpenRule[] = [];
  const add = (rule: OpenRule): void => {
    rules.push(rule);
  };
  for (const properties of context.values.resolve(resource.properties, resource.anchor)) {
    if (properties.kind === 'map') openRules(properties, context, groupsOf(properties, context, direction), add);
  }
  return rules;
}

/** The template's security groups that a separate rule resource adds its rule to. */
function groupsOf<M extends string>(
  properties: Outcome,
  context: RuleContext<M>,
  direction: Direction,
): RelatedLocation[] {
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

function openRules<M extends string>(
  rule: Outcome,
  context: RuleContext<M>,
  related: readonly RelatedLocation[],
  check: (rule: OpenRule) => void,
): void {
  const from = [rule];
  const lookup = (key: string): Outcome[] => context.values.lookup(from, key);
  const values: RuleValues = {
    protocol: lookup('IpProtocol'),
    from: lookup('FromPort'),
    to: lookup('ToPort'),
    cidrs: CIDR_KEYS.map((key) => [key, lookup(key)] as const),
    setting: 'IpProtocol',
    allKeyword: false,
  };
  openRulesOf(values, rule.via, related, check);
}

/**
 * One rule's values as a dialect writes them: protocol, ports, and per address family the CIDR outcomes to judge
 * (the branches of one range, or every range of a list).
 */
export interface RuleValues {
  readonly protocol: readonly Outcome[];
  readonly from: readonly Outcome[];
  readonly to: readonly Outcome[];
  readonly cidrs: readonly (readonly [CidrKey, readonly Outcome[]])[];
  readonly setting: string;
  /** Whether `all` means every protocol: the AWS provider accepts it; EC2's API and CloudFormation want -1. */
  readonly allKeyword: boolean;
}

/**
 * Calls `check` for every CIDR of a rule that admits the whole internet, once per deployment branch. Each CIDR is
 * explored on its own, so a long list of ranges never reaches the combination bound.
 */
export function openRulesOf(
  values: RuleValues,
  via: readonly Step[],
  related: readonly RelatedLocation[],
  check: (rule: OpenRule) => void,
): void {
  for (const [key, cidrs] of values.cidrs) {
    for (const single of cidrs) {
      // The range is the same on every branch of the rest of the rule: one that is not open needs no combinations.
      const text = stringOf(single)?.trim();
      if (text === undefined || !isWholeInternet(key, text)) continue;
      const lists = [values.protocol, values.from, values.to, [single]];
      for (const [protocolValue, fromValue, toValue, cidr] of combinations(lists, via)) {
        if (protocolValue === undefined || cidr === undefined) continue;
        const protocol = protocolOf(protocolValue, values.allKeyword);
        if (protocol === undefined) continue;
        const from = fromValue === undefined ? undefined : integerOf(fromValue);
        const to = toValue === undefined ? undefined : integerOf(toValue);
        // -1 stands for every port; a range that reaches 0 and 65535 is every port too.
        const known = (protocol === 'tcp' || protocol === 'udp') && from !== undefined && to !== undefined;
        const range = known ? { low: from === -1 ? 0 : from, high: to === -1 ? 65535 : to } : undefined;
        check({ key, cidr, text, protocol, ports: range, related, setting: values.setting });
      }
    }
  }
}

/** The protocol by name or IANA number; undefined when it is not known. */
function protocolOf(outcome: Outcome, allKeyword: boolean): Protocol | 'all' | 'other' | undefined {
  const text = stringOf(outcome)?.trim().toLowerCase();
  if (text === undefined) return undefined;
  if (text === 'tcp' || text === '6') return 'tcp';
  if (text === 'udp' || text === '17') return 'udp';
  return text === '-1' || (allKeyword && text === 'all') ? 'all' : 'other';
}

/** `port 22` or `ports 20-30`, as messages name a range. */
export function describePorts(ports: { readonly low: number; readonly high: number }): string {
  return ports.low === ports.high ? `port ${ports.low}` : `ports ${ports.low}-${ports.high}`;
}

/** The family-specific half of the parameter a fix adds: a pattern that admits a CIDR narrower than /0. */
const FAMILY: Readonly<Record<CidrKey, { suffix: string; family: string; pattern: string; example: string }>> = {
  CidrIp: {
    suffix: 'Cidr',
    family: 'IPv4',
    pattern: String.raw`^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)/([1-9]|[12]\d|3[0-2])$`,
    example: '203.0.113.0/24',
  },
  CidrIpv6: {
    suffix: 'CidrIpv6',
    family: 'IPv6',
    pattern: String.raw`^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/([1-9]|[1-9]\d|1[01]\d|12[0-8])$`,
    example: '2001:db8:1234::/48',
  },
};

/** What the parameter a fix adds is called (`Admin` → `AdminCidr`) and what its range may do (`administer`). */
export interface NarrowingParameter {
  readonly prefix: string;
  readonly purpose: string;
}

/**
 * Narrows an open range: a range written in the rule becomes a `Ref` to a new parameter without a default; a
 * range that comes from a parameter's default loses that default. Either way every deployment must name the
 * range that may reach the hosts, which no tool can choose for it, so the fix is a suggestion.
 */
export function narrow<M extends string>(
  rule: OpenRule,
  resource: Resource,
  context: RuleContext<M>,
  parameter: NarrowingParameter,
): FixProposal[] {
  if (context.template.dialect === 'terraform') return narrowToVariable(rule, resource, context, parameter);
  const { cidr, text, key } = rule;
  const literal = literalIn(cidr, resource);
  if (literal !== undefined) {
    const family = FAMILY[key];
    const name = unusedName(context.template, parameter.prefix + family.suffix);
    const definition = {
      Type: 'String',
      Description: `The ${family.family} range (CIDR) allowed to ${parameter.purpose} ${resource.id}; no default, so each deployment must choose it.`,
      AllowedPattern: family.pattern,
      ConstraintDescription: `must be an ${family.family} CIDR narrower than the whole internet, such as ${family.example}`,
    };
    return [
      {
        title: `Replace ${text} with a new parameter ${name} that each deployment must set`,
        safe: false,
        changes: [
          { kind: 'addParameter', name, definition },
          { kind: 'replace', node: literal, value: { Ref: name } },
        ],
      },
    ];
  }
  for (const step of cidr.via) {
    const source =
      step.kind === 'parameter' && step.source === 'default' ? context.template.parameters.get(step.name) : undefined;
    const entry = source === undefined ? undefined : entryOf(source.node, 'Default');
    if (source === undefined || entry === undefined || cidr.kind !== 'scalar' || entry.value !== cidr.source) continue;
    const title = `Remove the default ${text} of parameter ${source.name}, so each deployment must set the range`;
    return [{ title, safe: false, changes: [{ kind: 'remove', key: entry.key }] }];
  }
  return [];
}
