import type { Resource } from '../../model/template';
import { describePorts, narrow, openNamedPorts, type NamedPort, type OpenRule } from '../security-group';
import { ingressVisitors } from '../security-group-cloudformation';
import { terraformRuleVisitors } from '../security-group-terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'openPort';

/**
 * The database and cache ports this rule guards, in port order. Memcached also answers on UDP, which made it a
 * notorious reflection amplifier; the others listen on TCP only.
 */
const DATABASE_PORTS: readonly NamedPort[] = [
  { service: 'SQL Server', port: 1433, protocols: ['tcp'] },
  { service: 'Oracle', port: 1521, protocols: ['tcp'] },
  { service: 'MySQL/Aurora/MariaDB', port: 3306, protocols: ['tcp'] },
  { service: 'PostgreSQL', port: 5432, protocols: ['tcp'] },
  { service: 'Redshift', port: 5439, protocols: ['tcp'] },
  { service: 'Redis', port: 6379, protocols: ['tcp'] },
  { service: 'Neptune', port: 8182, protocols: ['tcp'] },
  { service: 'Cassandra', port: 9042, protocols: ['tcp'] },
  { service: 'Elasticsearch/OpenSearch', port: 9200, protocols: ['tcp'] },
  { service: 'Elasticsearch/OpenSearch transport', port: 9300, protocols: ['tcp'] },
  { service: 'Memcached', port: 11211, protocols: ['tcp', 'udp'] },
  { service: 'MongoDB/DocumentDB', port: 27017, protocols: ['tcp'] },
];

const PARAMETER = { prefix: 'Database', purpose: 'reach the database ports of' };

export const securityGroupOpenDatabasePort = {
  meta: {
    id: 'firewall/security-group-open-database-port',
    title: 'Security groups do not open database or cache ports to the whole internet',
    severity: 'error',
    responsibility: 'firewall',
    messages: {
      openPort: 'Ingress from {{cidr}} opens {{service}} to the whole internet ({{protocol}} {{ports}}).',
    },
    rationale:
      'Firewall configuration is the customer’s side of the shared-responsibility model: AWS runs the security-group ' +
      'machinery, but which addresses may reach a database is the template’s choice. Database and cache ports open ' +
      'to 0.0.0.0/0 or ::/0 are indexed by internet-wide scanners; unauthenticated Redis, Memcached, MongoDB and ' +
      'Elasticsearch instances are wiped and held to ransom within hours, and password-protected engines face ' +
      'credential guessing and exploits against the database server itself. Data belongs behind the application, not ' +
      'on the internet.',
    remediation:
      'Allow the database port only from the application tier: reference its security group with ' +
      'SourceSecurityGroupId, or restrict CidrIp/CidrIpv6 to the VPC or a VPN range. Operators reach the database ' +
      'through a bastion, Session Manager port forwarding or a VPN.',
    references: [
      {
        tool: 'kics',
        id: '0104165b-02d5-426f-abc9-91fb48189899',
        match: 'related',
        name: 'DB security group open to large scope',
      },
      { tool: 'cfnNag', id: 'W2', match: 'related', name: 'any ingress open to the world' },
      { tool: 'cdkNag', id: 'AwsSolutions-EC23', match: 'related', name: 'any ingress open to the world' },
      { tool: 'trivy', id: 'AVD-AWS-0107', match: 'related', name: 'aws-ec2-no-public-ingress-sgr' },
    ],
    fix: 'suggestion',
  },
  visitors: { cloudformation: ingressVisitors(check), terraform: terraformRuleVisitors('Ingress', check) },
} satisfies Rule<MessageId>;

function check(rule: OpenRule, resource: Resource, context: RuleContext<MessageId>): void {
  const open = openNamedPorts(rule, DATABASE_PORTS);
  const { protocol, ports } = rule;
  if (open.length === 0 || ports === undefined) return;
  const services = open.map((database) => database.service).join(', ');
  context.report({
    node: rule.cidr.node,
    via: rule.cidr.via,
    related: rule.related,
    fixes: narrow(rule, resource, context, PARAMETER),
    messageId: 'openPort',
    data: { cidr: rule.text, service: services, protocol, ports: describePorts(ports) },
  });
}
