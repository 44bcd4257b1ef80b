import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { combinations } from '../branches';
import type { Rule, RuleContext } from '../types';
import { associationProtection } from '../waf';

type MessageId = 'noWebAcl';

export const loadBalancerWithoutWaf = {
  meta: {
    id: 'firewall/load-balancer-without-waf',
    title: 'Internet-facing Application Load Balancers are protected by an AWS WAF web ACL',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      noWebAcl:
        'Internet-facing Application Load Balancer {{id}} has no AWS WAF web ACL associated in this template: ' +
        'application-layer attacks, bots and HTTP floods reach the targets unfiltered.',
    },
    rationale:
      'Firewall configuration, including protection against application-layer (layer 7) DDoS, is the customer’s ' +
      'side of the shared-responsibility model: AWS Shield Standard absorbs network floods, but only a web ACL ' +
      'filters SQL injection, cross-site scripting, known bad inputs, bots and request floods before they reach the ' +
      'application behind a public load balancer.',
    remediation:
      'Create an AWS::WAFv2::WebACL (Scope: REGIONAL) with AWS managed rule groups and a rate-based rule, and an ' +
      'AWS::WAFv2::WebACLAssociation whose ResourceArn is !Ref of the load balancer.',
    references: [
      {
        tool: 'checkov',
        id: 'CKV2_AWS_28',
        match: 'equivalent',
        name: 'Ensure public facing ALB are protected by WAF',
      },
      {
        tool: 'kics',
        id: '105ba098-1e34-48cd-b0f2-a8a43a51bf9b',
        match: 'equivalent',
        name: 'ALB Is Not Integrated With WAF',
      },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-ALBWAFEnabled', match: 'related', name: 'every ALB, internal ones too' },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::ElasticLoadBalancingV2::LoadBalancer': check,
    },
  },
} satisfies Rule<MessageId>;

function check(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const lists = [values.lookup(properties, 'Scheme'), values.lookup(properties, 'Type')];
  const publicBranches = combinations(lists).filter(
    ([scheme, type]) => is(scheme, 'internet-facing') && is(type, 'application'),
  );
  if (publicBranches.length === 0) return;
  if (associationProtection(resource, context) !== 'unprotected') return;
  for (const branch of publicBranches) {
    // Every outcome of a combination carries the steps of the whole combination.
    const via = branch[0]?.via ?? [];
    context.report({ node: resource.idNode, messageId: 'noWebAcl', data: { id: resource.id }, via });
  }
}

/** Absent means CloudFormation's default, which is `expected` for both Scheme and Type; unknown is never it. */
function is(outcome: Outcome | undefined, expected: string): boolean {
  return outcome?.kind === 'absent' || (outcome !== undefined && stringOf(outcome) === expected);
}
