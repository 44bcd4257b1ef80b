import { ENTRY, narrowEntry, openEntries, shadowed, type OpenEntry } from '../network-acl';
import { terraformAclVisitors } from '../network-acl-terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'openPort';

/** The remote-administration ports guarded, as in security-group-open-admin-port; RDP also uses UDP. */
const ADMIN_PORTS = [
  { service: 'SSH', port: 22, protocols: ['tcp'] },
  { service: 'RDP', port: 3389, protocols: ['tcp', 'udp'] },
] as const;

/** The lowest first port of an ephemeral (return-traffic) range: Windows Server 2003 and ELB use 1024. */
const EPHEMERAL_START = 1024;

export const networkAclOpenAdminPort = {
  meta: {
    id: 'firewall/network-acl-open-admin-port',
    title: 'Network ACLs do not allow SSH or RDP from the whole internet',
    severity: 'error',
    responsibility: 'firewall',
    messages: {
      openPort:
        'Network ACL entry allows {{service}} inbound from {{cidr}} ({{protocol}} {{ports}}), and no lower-numbered ' +
        'entry of the ACL denies it first: the subnet firewall lets the whole internet reach remote administration.',
    },
    rationale:
      'Firewall configuration is the customer’s side of the shared-responsibility model: AWS evaluates network ACLs at ' +
      'the subnet boundary, but which ports they let in is the template’s choice. SSH and RDP allowed from 0.0.0.0/0 or ' +
      '::/0 leave only the security groups between internet-wide scanners, password guessing and exploits against the ' +
      'remote-access service and the hosts of the subnet.',
    remediation:
      'Narrow CidrBlock/Ipv6CidrBlock to the ranges that administer the hosts (a VPN or office range), or drop the ' +
      'admin ports from the entry and use AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_232', match: 'equivalent', name: 'NACL ingress port 22' },
      { tool: 'checkov', id: 'CKV_AWS_231', match: 'equivalent', name: 'NACL ingress port 3389' },
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
    const { protocol, low, high } = entry;
    // Every port, or every protocol, is network-acl-allow-all's finding: one entry never yields two.
    if (protocol !== 'tcp' && protocol !== 'udp') continue;
    if (low <= 0 && high >= 65535) continue;
    // The ephemeral range up to 65535 is what a stateless ACL must allow for the replies to the subnet's own
    // outbound connections (AWS documents 1024-65535 from 0.0.0.0/0): RDP falls in it only incidentally, and
    // narrowing its CIDR would break those replies, so it is left to the security groups, not reported.
    if (low >= EPHEMERAL_START && high >= 65535) continue;
    const open = ADMIN_PORTS.filter(
      (admin) =>
        (admin.protocols as readonly string[]).includes(protocol) &&
        low <= admin.port &&
        admin.port <= high &&
        // Each admin port is judged alone: a deny of 22 in front of an allow of 22-3389 still leaves RDP open.
        shadowed(entry, protocol, admin.port, admin.port, context) === false,
    );
    if (open.length === 0) continue;
    context.report({
      node: entry.cidr.node,
      via: entry.via,
      related: entry.related,
      messageId: 'openPort',
      data: {
        cidr: entry.text,
        service: open.map((admin) => admin.service).join(' and '),
        protocol,
        ports: low === high ? `port ${low}` : `ports ${low}-${high}`,
      },
      fixes: narrowEntry(entry, 'Admin', 'administer the hosts through', context),
    });
  }
}
