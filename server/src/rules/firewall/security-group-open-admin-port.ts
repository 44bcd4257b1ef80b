import type { Resource } from '../../model/template';
import { describePorts, narrow, openNamedPorts, type NamedPort, type OpenRule } from '../security-group';
import { ingressVisitors } from '../security-group-cloudformation';
import { terraformRuleVisitors } from '../security-group-terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'openPort';

/** The remote-administration ports this rule guards; RDP also listens on UDP for its transport. */
const ADMIN_PORTS: readonly NamedPort[] = [
  { service: 'SSH', port: 22, protocols: ['tcp'] },
  { service: 'RDP', port: 3389, protocols: ['tcp', 'udp'] },
];

const PARAMETER = { prefix: 'Admin', purpose: 'administer' };

export const securityGroupOpenAdminPort = {
  meta: {
    id: 'firewall/security-group-open-admin-port',
    title: 'Security groups do not open SSH or RDP to the whole internet',
    severity: 'error',
    responsibility: 'firewall',
    messages: {
      openPort: 'Ingress from {{cidr}} opens {{service}} to the whole internet ({{protocol}} {{ports}}).',
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
  visitors: { cloudformation: ingressVisitors(check), terraform: terraformRuleVisitors('Ingress', check) },
} satisfies Rule<MessageId>;

function check(rule: OpenRule, resource: Resource, context: RuleContext<MessageId>): void {
  const open = openNamedPorts(rule, ADMIN_PORTS);
  const { protocol, ports } = rule;
  if (open.length === 0 || ports === undefined) return;
  context.report({
    node: rule.cidr.node,
    via: rule.cidr.via,
    related: rule.related,
    fixes: narrow(rule, resource, context, PARAMETER),
    messageId: 'openPort',
    data: {
      cidr: rule.text,
      service: open.map((admin) => admin.service).join(' and '),
      protocol,
      ports: describePorts(ports),
    },
  });
}
