import type { Resource } from '../../model/template';
import { everyPort, type OpenRule } from '../security-group';
import { inlineOpenRules, resourceOpenRules } from '../security-group-cloudformation';
import { terraformRuleVisitors } from '../security-group-terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'allTraffic' | 'everyPort' | 'defaultEgress' | 'emptyEgress';

export const securityGroupOpenEgress = {
  meta: {
    id: 'firewall/security-group-open-egress',
    title: 'Security groups do not allow all outbound traffic to the whole internet',
    severity: 'info',
    responsibility: 'firewall',
    messages: {
      allTraffic:
        'Egress to {{cidr}} allows all outbound traffic to the whole internet ({{setting}} -1), so a compromised host ' +
        'can send data anywhere.',
      everyPort:
        'Egress to {{cidr}} allows every {{protocol}} port to the whole internet, so a compromised host can send data ' +
        'anywhere.',
      defaultEgress:
        'No SecurityGroupEgress: AWS gives the group its default egress rule, all traffic to 0.0.0.0/0 (and ::/0 in a ' +
        'VPC with IPv6), so a compromised host can send data anywhere.',
      emptyEgress:
        'An empty SecurityGroupEgress does not remove AWS’s default egress rule, all traffic to 0.0.0.0/0 (and ::/0 ' +
        'in a VPC with IPv6), so a compromised host can send data anywhere.',
    },
    rationale:
      'Firewall configuration is the customer’s side of the shared-responsibility model, outbound as well as inbound. ' +
      'Egress open to the whole internet lets malware on a compromised host download its tools, reach its command ' +
      'and control servers and exfiltrate data to any address. Restricting egress to the endpoints the workload calls ' +
      '(VPC endpoints, a proxy, named prefix lists) limits what an intruder can do; it is advice, because many ' +
      'workloads legitimately call the internet.',
    remediation:
      'List the outbound rules the hosts need in SecurityGroupEgress: the ports and ranges they call, a ' +
      'DestinationPrefixListId for AWS services, or DestinationSecurityGroupId for the next tier; route other ' +
      'internet-bound traffic through a proxy or a firewall.',
    references: [
      { tool: 'cfnNag', id: 'W5', match: 'related', name: 'any egress open to the world' },
      { tool: 'cfnNag', id: 'W40', match: 'related', name: 'egress with IpProtocol -1' },
      { tool: 'kics', id: '1cc2fbd7-816c-4fbf-ad6d-38a4afa4312a', match: 'related', name: 'egress CIDR open to world' },
      { tool: 'checkov', id: 'CKV_AWS_382', match: 'equivalent', name: 'egress from 0.0.0.0:0 to port -1' },
      { tool: 'trivy', id: 'AVD-AWS-0104', match: 'related', name: 'aws-ec2-no-public-egress-sgr' },
    ],
    // Which addresses and ports the hosts must call is knowledge of the workload that no tool has.
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::EC2::SecurityGroup': checkGroup,
      'AWS::EC2::SecurityGroupEgress': (resource, context) => {
        for (const rule of resourceOpenRules(resource, context, 'Egress')) check(rule, context);
      },
    },
    // The AWS provider removes AWS's default egress rule from every group it creates or adopts: only written rules count.
    terraform: terraformRuleVisitors('Egress', (rule, _resource, context) => check(rule, context)),
  },
} satisfies Rule<MessageId>;

/**
 * Every group is judged, with or without VpcId: EC2-Classic is retired, so a group without VpcId lands in the
 * default VPC and gets the same default egress rule. Separate `AWS::EC2::SecurityGroupEgress` resources do not
 * remove that default; only an inline rule does.
 */
function checkGroup(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  for (const egress of values.lookup(values.resolve(resource.properties, resource.anchor), 'SecurityGroupEgress')) {
    if (egress.kind === 'absent') context.report({ node: egress.node, via: egress.via, messageId: 'defaultEgress' });
    else if (egress.kind === 'seq' && egress.seq.items.length === 0)
      context.report({ node: egress.node, via: egress.via, messageId: 'emptyEgress' });
  }
  for (const rule of inlineOpenRules(resource, context, 'Egress')) check(rule, context);
}

/** Protocols without ports (ICMP, GRE) reach one protocol only and are not reported. */
function check(rule: OpenRule, context: RuleContext<MessageId>): void {
  const base = { node: rule.cidr.node, via: rule.cidr.via, related: rule.related };
  if (rule.protocol === 'all')
    context.report({ ...base, messageId: 'allTraffic', data: { cidr: rule.text, setting: rule.setting } });
  else if (everyPort(rule))
    context.report({ ...base, messageId: 'everyPort', data: { cidr: rule.text, protocol: rule.protocol } });
}
