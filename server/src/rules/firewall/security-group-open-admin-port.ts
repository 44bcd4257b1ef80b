import type { FixProposal } from '../../edits/changes';
import { literalIn, unusedName } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { integerOf, stringOf, type Outcome } from '../../model/values';
import { entryOf } from '../../parsing/nodes';
import { combinations, itemValues } from '../branches';
import type { RelatedLocation, Rule, RuleContext } from '../types';

type MessageId = 'openPort' | 'allTraffic';

type Protocol = 'tcp' | 'udp';

interface AdminPort {
  readonly service: string;
  readonly port: number;
  readonly protocols: readonly Protocol[];
}

/** The remote-administration ports this rule guards; RDP also listens on UDP for its transport. */
const ADMIN_PORTS: readonly AdminPort[] = [
  { service: 'SSH', port: 22, protocols: ['tcp'] },
  { service: 'RDP', port: 3389, protocols: ['tcp', 'udp'] },
];

const CIDR_KEYS = ['CidrIp', 'CidrIpv6'] as const;
type CidrKey = (typeof CIDR_KEYS)[number];

/**
 * The parameter a fix narrows an open range to, per address family: no default, so a deployer must choose, and
 * a pattern that admits only a CIDR narrower than the whole internet (prefix length 1 or more).
 */
const ADMIN_PARAMETER: Readonly<Record<CidrKey, { name: string; family: string; pattern: string; example: string }>> = {
  CidrIp: {
    name: 'AdminCidr',
    family: 'IPv4',
    pattern: String.raw`^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)/([1-9]|[12]\d|3[0-2])$`,
    example: '203.0.113.0/24',
  },
  CidrIpv6: {
    name: 'AdminCidrIpv6',
    family: 'IPv6',
    pattern: String.raw`^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/([1-9]|[1-9]\d|1[01]\d|12[0-8])$`,
    example: '2001:db8:1234::/48',
  },
};

export const securityGroupOpenAdminPort = {
  meta: {
    id: 'firewall/security-group-open-admin-port',
    title: 'Security groups do not open SSH or RDP to the whole internet',
    severity: 'error',
    responsibility: 'firewall',
    messages: {
      openPort: 'Ingress from {{cidr}} opens {{service}} to the whole internet ({{protocol}} {{ports}}).',
      allTraffic:
        'Ingress from {{cidr}} opens all traffic to the whole internet (IpProtocol -1: every protocol on every port, ' +
        'SSH 22 and RDP 3389 included).',
    },
    rationale:
      'Firewall configuration is the customer’s side of the shared-responsibility model: AWS runs the security-group ' +
      'machinery, but which addresses may reach an instance is the template’s choice. SSH and RDP opened to 0.0.0.0/0 ' +
      'or ::/0 are found by internet-wide scanners within minutes and then face constant password guessing, credential ' +
      'stuffing and exploits against the remote-access service itself; one weak credential or unpatched daemon gives an ' +
      'attacker an interactive shell inside the network.',
    remediation:
      'Restrict CidrIp/CidrIpv6 to the address ranges that administer the hosts (a VPN or office range), or reference a ' +
      'bastion’s security group with SourceSecurityGroupId; better, drop the inbound admin port and use AWS Systems ' +
      'Manager Session Manager or EC2 Instance Connect Endpoint.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_24', match: 'equivalent', name: 'port 22' },
      { tool: 'checkov', id: 'CKV_AWS_25', match: 'equivalent', name: 'port 3389' },
      { tool: 'cfnNag', id: 'W2', match: 'related', name: 'any ingress open to the world' },
      { tool: 'kics', id: '6e856af2-62d7-4ba2-adc1-73b62cef9cc1', match: 'equivalent', name: 'SSH' },
      { tool: 'kics', id: '3ae83918-7ec7-4cb8-80db-b91ef0f94002', match: 'equivalent', name: 'RDP' },
      { tool: 'cdkNag', id: 'AwsSolutions-EC23', match: 'related', name: 'any ingress open to the world' },
      { tool: 'trivy', id: 'AVD-AWS-0107', match: 'related', name: 'aws-ec2-no-public-ingress-sgr' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::EC2::SecurityGroup': checkGroup,
      'AWS::EC2::SecurityGroupIngress': checkIngressResource,
    },
  },
} satisfies Rule<MessageId>;

function checkGroup(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  for (const ingress of values.lookup(values.resolve(resource.properties, resource.anchor), 'SecurityGroupIngress')) {
    if (ingress.kind !== 'seq') continue;
    for (const item of itemValues(values, ingress.seq, ingress.node, ingress.via).flat()) {
      if (item.kind === 'map') checkRule(item, resource, context, []);
    }
  }
}

function checkIngressResource(resource: Resource, context: RuleContext<MessageId>): void {
  for (const properties of context.values.resolve(resource.properties, resource.anchor)) {
    if (properties.kind === 'map') checkRule(properties, resource, context, openedGroups(properties, context));
  }
}

/** The template's security groups that a separate ingress resource adds its rule to. */
function openedGroups(properties: Outcome, context: RuleContext<MessageId>): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  for (const group of context.values
    .lookup([properties], 'GroupId')
    .concat(context.values.lookup([properties], 'GroupName'))) {
    const target = group.kind === 'resource' ? context.template.resource(group.id) : undefined;
    if (target?.type !== 'AWS::EC2::SecurityGroup' || related.some((known) => known.node === target.idNode)) continue;
    related.push({ node: target.idNode, message: `Security group ${target.id}, which this ingress opens` });
  }
  return related;
}

function checkRule(
  rule: Outcome,
  resource: Resource,
  context: RuleContext<MessageId>,
  related: readonly RelatedLocation[],
): void {
  const lookup = (key: string): Outcome[] => context.values.lookup([rule], key);
  const ports = [lookup('IpProtocol'), lookup('FromPort'), lookup('ToPort')];
  for (const key of CIDR_KEYS) {
    for (const [protocolValue, fromValue, toValue, cidr] of combinations([...ports, lookup(key)], rule.via)) {
      const text = cidr === undefined ? undefined : stringOf(cidr)?.trim();
      if (protocolValue === undefined || cidr === undefined || text === undefined || !isWholeInternet(key, text))
        continue;
      const protocol = protocolOf(protocolValue);
      const base = { node: cidr.node, via: cidr.via, related, fixes: narrow(cidr, text, key, resource, context) };
      if (protocol === 'all') {
        context.report({ ...base, messageId: 'allTraffic', data: { cidr: text } });
        continue;
      }
      const from = fromValue === undefined ? undefined : integerOf(fromValue);
      const to = toValue === undefined ? undefined : integerOf(toValue);
      if ((protocol !== 'tcp' && protocol !== 'udp') || from === undefined || to === undefined) continue;
      // -1 stands for every port; a range that reaches 0 and 65535 is every port too.
      const low = from === -1 ? 0 : from;
      const high = to === -1 ? 65535 : to;
      const open = ADMIN_PORTS.filter(
        (admin) => admin.protocols.includes(protocol) && low <= admin.port && admin.port <= high,
      );
      if (open.length === 0) continue;
      const range = low === high ? `port ${low}` : `ports ${low}-${high}`;
      const services = open.map((admin) => admin.service).join(' and ');
      context.report({
        ...base,
        messageId: 'openPort',
        data: { cidr: text, service: services, protocol, ports: range },
      });
    }
  }
}

/**
 * Narrows an open range: a range written in the rule becomes a `Ref` to a new parameter without a default; a
 * range that comes from a parameter's default loses that default. Either way every deployment must name the
 * range that may administer the hosts, which no tool can choose for it, so the fix is a suggestion.
 */
function narrow(
  cidr: Outcome,
  text: string,
  key: CidrKey,
  resource: Resource,
  context: RuleContext<MessageId>,
): FixProposal[] {
  const literal = literalIn(cidr, resource);
  if (literal !== undefined) {
    const parameter = ADMIN_PARAMETER[key];
    const name = unusedName(context.template, parameter.name);
    const definition = {
      Type: 'String',
      Description: `The ${parameter.family} range (CIDR) allowed to administer ${resource.id}; no default, so each deployment must choose it.`,
      AllowedPattern: parameter.pattern,
      ConstraintDescription: `must be an ${parameter.family} CIDR narrower than the whole internet, such as ${parameter.example}`,
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
    const parameter =
      step.kind === 'parameter' && step.source === 'default' ? context.template.parameters.get(step.name) : undefined;
    const entry = parameter === undefined ? undefined : entryOf(parameter.node, 'Default');
    if (parameter === undefined || entry === undefined || cidr.kind !== 'scalar' || entry.value !== cidr.source)
      continue;
    const title = `Remove the default ${text} of parameter ${parameter.name}, so each deployment must set the range`;
    return [{ title, safe: false, changes: [{ kind: 'remove', key: entry.key }] }];
  }
  return [];
}

/** The protocol by name or IANA number; undefined when it is not known. */
function protocolOf(outcome: Outcome): Protocol | 'all' | 'other' | undefined {
  const text = stringOf(outcome)?.trim().toLowerCase();
  if (text === undefined) return undefined;
  if (text === 'tcp' || text === '6') return 'tcp';
  if (text === 'udp' || text === '17') return 'udp';
  return text === '-1' ? 'all' : 'other';
}

/**
 * Whether a CIDR admits every address of its family. EC2 masks host bits, so any address with prefix length 0
 * (`10.1.2.3/0`, `2001:db8::/0`) deploys as 0.0.0.0/0 or ::/0, whatever the spelling (`::0/0`, `0:0:0:0:0:0:0:0/0`).
 */
export function isWholeInternet(key: 'CidrIp' | 'CidrIpv6', cidr: string): boolean {
  const slash = cidr.lastIndexOf('/');
  if (slash === -1 || cidr.slice(slash + 1) !== '0') return false;
  const address = cidr.slice(0, slash);
  return key === 'CidrIp' ? isIpv4(address) : isIpv6(address);
}

function isIpv4(address: string): boolean {
  const parts = address.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

function isIpv6(address: string): boolean {
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  let count = groups.length;
  // An IPv4 tail (`::ffff:1.2.3.4`) fills the last two groups.
  if (groups.at(-1)?.includes('.') === true) {
    if (!isIpv4(groups.pop() as string)) return false;
    count++;
  }
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}
