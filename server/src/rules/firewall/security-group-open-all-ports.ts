import type { Resource } from '../../model/template';
import { everyPort, narrow, type OpenRule } from '../security-group';
import { ingressVisitors } from '../security-group-cloudformation';
import { terraformRuleVisitors } from '../security-group-terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'allTraffic' | 'everyPort';

const PARAMETER = { prefix: 'Ingress', purpose: 'reach' };

export const securityGroupOpenAllPorts = {
  meta: {
    id: 'firewall/security-group-open-all-ports',
    title: 'Security groups do not open every port to the whole internet',
    severity: 'error',
    responsibility: 'firewall',
    messages: {
      allTraffic:
        'Ingress from {{cidr}} opens all traffic to the whole internet ({{setting}} -1: every protocol on every port, ' +
        'admin and database ports included).',
      everyPort:
        'Ingress from {{cidr}} opens every {{protocol}} port to the whole internet (admin and database ports included).',
    },
    rationale:
      'Firewall configuration is the customer’s side of the shared-responsibility model: AWS runs the security-group ' +
      'machinery, but which addresses may reach an instance is the template’s choice. A rule that admits every port ' +
      'from 0.0.0.0/0 or ::/0 turns the security group off: every service on the host, including SSH, RDP, databases, ' +
      'debug and metrics endpoints that were never meant to be public, faces internet-wide scanners and exploits.',
    remediation:
      'Open only the ports the service needs (443 for a web server), from the ranges that need them; reference the ' +
      'calling tier’s security group with SourceSecurityGroupId for traffic inside the VPC.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_277', match: 'equivalent', name: 'ingress from 0.0.0.0/0 to port -1' },
      { tool: 'kics', id: '4a1e6b34-1008-4e61-a5f2-1f7c276f8d14', match: 'related', name: 'unrestricted ingress' },
      { tool: 'cfnNag', id: 'W2', match: 'related', name: 'any ingress open to the world' },
      { tool: 'cfnNag', id: 'W27', match: 'related', name: 'ingress port ranges' },
      { tool: 'cdkNag', id: 'AwsSolutions-EC23', match: 'related', name: 'any ingress open to the world' },
      { tool: 'trivy', id: 'AVD-AWS-0107', match: 'related', name: 'aws-ec2-no-public-ingress-sgr' },
    ],
    fix: 'suggestion',
  },
  visitors: { cloudformation: ingressVisitors(check), terraform: terraformRuleVisitors('Ingress', check) },
} satisfies Rule<MessageId>;

/** Protocols without ports (ICMP, GRE, ESP) open one protocol, not every port, and are not this rule's. */
function check(rule: OpenRule, resource: Resource, context: RuleContext<MessageId>): void {
  // Most open rules open a few ports, which is not this rule's finding: the fix is built only for one that reports.
  if (rule.protocol !== 'all' && !everyPort(rule)) return;
  const base = {
    node: rule.cidr.node,
    via: rule.cidr.via,
    related: rule.related,
    fixes: narrow(rule, resource, context, PARAMETER),
  };
  if (rule.protocol === 'all')
    context.report({ ...base, messageId: 'allTraffic', data: { cidr: rule.text, setting: rule.setting } });
  else context.report({ ...base, messageId: 'everyPort', data: { cidr: rule.text, protocol: rule.protocol } });
}
