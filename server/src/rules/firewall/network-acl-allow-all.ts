import { ENTRY, narrowEntry, openEntries, shadowed, type OpenEntry } from '../network-acl';
import { terraformAclVisitors } from '../network-acl-terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'allTraffic' | 'allPorts';

export const networkAclAllowAll = {
  meta: {
    id: 'firewall/network-acl-allow-all',
    title: 'Network ACLs do not allow all inbound traffic from the whole internet',
    severity: 'error',
    responsibility: 'firewall',
    messages: {
      allTraffic:
        'Network ACL entry allows all inbound traffic from {{cidr}} ({{setting}} -1: every protocol on every port), and ' +
        'no lower-numbered entry of the ACL denies it first: the subnet firewall lets the whole internet in.',
      allPorts:
        'Network ACL entry allows every {{protocol}} port (0-65535) inbound from {{cidr}}, and no lower-numbered entry ' +
        'of the ACL denies it first: the subnet firewall lets the whole internet reach every {{protocol}} service.',
    },
    rationale:
      'Firewall configuration is the customer’s side of the shared-responsibility model: AWS evaluates network ACLs at ' +
      'the subnet boundary, but which traffic they let in is the template’s choice. An entry that allows every port ' +
      'from 0.0.0.0/0 or ::/0 turns the subnet’s stateless firewall into a pass-through, so a single security group ' +
      'mistake (or a service listening where nobody expected) is directly reachable from the internet: defence in ' +
      'depth is gone.',
    remediation:
      'Allow only the ports the subnet serves (for example tcp 443, plus the ephemeral return ports 1024-65535 for ' +
      'outbound connections), or narrow CidrBlock/Ipv6CidrBlock to the networks that need access; put a deny entry ' +
      'with a lower RuleNumber in front of an allow that must stay broad.',
    references: [
      { tool: 'cfnNag', id: 'W66', match: 'related', name: 'NACL entry allows all protocols (any direction)' },
      {
        tool: 'kics',
        id: '03879981-efa2-47a0-a818-c843e1441b88',
        match: 'related',
        name: 'EC2 permissive network ACL protocols',
      },
      { tool: 'cdkNag', id: 'AwsSolutions-VPC3', match: 'related', name: 'network ACLs in use' },
      { tool: 'trivy', id: 'AVD-AWS-0102', match: 'equivalent', name: 'aws-ec2-no-excessive-port-access' },
      { tool: 'trivy', id: 'AVD-AWS-0105', match: 'related', name: 'aws-ec2-no-public-ingress-acl' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: { [ENTRY]: (resource, context) => check(openEntries(resource, context), context) },
    terraform: terraformAclVisitors(check),
  },
} satisfies Rule<MessageId>;

function check(entries: readonly OpenEntry[], context: RuleContext<MessageId>): void {
  for (const entry of entries) {
    const every = entry.protocol === 'all' || (entry.low <= 0 && entry.high >= 65535);
    if (!every || entry.protocol === 'other') continue;
    // Shadowing is judged for exactly what the finding claims: all traffic, or every port of the one protocol.
    if (shadowed(entry, entry.protocol, 0, 65535, context) !== false) continue;
    context.report({
      node: entry.cidr.node,
      via: entry.via,
      related: entry.related,
      ...(entry.protocol === 'all'
        ? { messageId: 'allTraffic', data: { cidr: entry.text, protocol: entry.protocol, setting: entry.setting } }
        : { messageId: 'allPorts', data: { cidr: entry.text, protocol: entry.protocol } }),
      fixes: narrowEntry(entry, 'Allowed', 'reach the subnets through', context),
    });
  }
}
