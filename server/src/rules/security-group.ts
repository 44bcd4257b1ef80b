import type { FixProposal } from '../edits/changes';
import { literalIn, unusedName } from '../edits/propose';
import type { Resource } from '../model/template';
import { integerOf, stringOf, type Outcome, type Step } from '../model/values';
import { entryOf } from '../parsing/nodes';
import { combinations, joinSteps, withSteps } from './branches';
import { isWholeInternet, type CidrKey } from './cidr';
import { narrowToVariable } from './terraform-cidr-variable';
import type { RelatedLocation, RuleContext } from './types';

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

/** A range of a rule that admits the whole internet, with its text: the only kind of range that opens a rule. */
export interface OpenCidr {
  readonly key: CidrKey;
  readonly cidr: Outcome;
  readonly text: string;
}

/** A rule's open ranges with one more. The first makes a list of one: `push` onto `[]` would reserve room for 16. */
export function appended(cidrs: OpenCidr[] | undefined, cidr: OpenCidr): OpenCidr[] {
  if (cidrs === undefined) return [cidr];
  cidrs.push(cidr);
  return cidrs;
}

/** The range's text when it admits the whole internet of its family; otherwise undefined. */
export function wholeInternetText(key: CidrKey, cidr: Outcome): string | undefined {
  const text = stringOf(cidr)?.trim();
  return text !== undefined && isWholeInternet(key, text) ? text : undefined;
}

/**
 * One rule's values as a dialect writes them: protocol, ports, and the ranges that admit the whole internet (the
 * branches of one range, or every range of a list), in the order of CIDR_KEYS.
 */
export interface RuleValues {
  readonly protocol: readonly Outcome[];
  readonly from: readonly Outcome[];
  readonly to: readonly Outcome[];
  readonly cidrs: readonly OpenCidr[];
  readonly setting: string;
  /** Whether `all` means every protocol: the AWS provider accepts it; EC2's API and CloudFormation want -1. */
  readonly allKeyword: boolean;
}

/**
 * Adds to `out` every open range of a rule, once per deployment branch. Each range is explored on its own, so a
 * long list of ranges never reaches the combination bound.
 */
export function openRulesOf(
  values: RuleValues,
  via: readonly Step[],
  related: readonly RelatedLocation[],
  out: OpenRule[],
): void {
  const { protocol: protocols, from: froms, to: tos } = values;
  for (const open of values.cidrs) {
    // One value each is the usual rule: its one combination is joined here, since `combinations` would copy every
    // value onto the joined steps and only the range's copy is kept (the same steps, joined in the same order).
    if (protocols.length === 1 && froms.length === 1 && tos.length === 1) {
      const protocol = protocols[0] as Outcome;
      const from = froms[0] as Outcome;
      const to = tos[0] as Outcome;
      let joined = joinSteps(via, protocol.via);
      if (joined !== undefined) joined = joinSteps(joined, from.via);
      if (joined !== undefined) joined = joinSteps(joined, to.via);
      if (joined !== undefined) joined = joinSteps(joined, open.cidr.via);
      if (joined !== undefined) addRule(values, open, withSteps(open.cidr, joined), protocol, from, to, related, out);
      continue;
    }
    for (const combination of combinations([protocols, froms, tos, [open.cidr]], via)) {
      const [protocol, from, to, cidr] = combination;
      if (protocol !== undefined && cidr !== undefined) addRule(values, open, cidr, protocol, from, to, related, out);
    }
  }
}

function addRule(
  values: RuleValues,
  open: OpenCidr,
  cidr: Outcome,
  protocolValue: Outcome,
  fromValue: Outcome | undefined,
  toValue: Outcome | undefined,
  related: readonly RelatedLocation[],
  out: OpenRule[],
): void {
  const protocol = protocolOf(protocolValue, values.allKeyword);
  if (protocol === undefined) return;
  const from = fromValue === undefined ? undefined : integerOf(fromValue);
  const to = toValue === undefined ? undefined : integerOf(toValue);
  // -1 stands for every port; a range that reaches 0 and 65535 is every port too.
  const known = (protocol === 'tcp' || protocol === 'udp') && from !== undefined && to !== undefined;
  const range = known ? { low: from === -1 ? 0 : from, high: to === -1 ? 65535 : to } : undefined;
  out.push({ key: open.key, cidr, text: open.text, protocol, ports: range, related, setting: values.setting });
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
