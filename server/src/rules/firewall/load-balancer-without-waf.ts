import type { Resource } from '../../model/template';
import type { Step } from '../../model/values';
import { internetFacing, isApplication, typeKey } from '../load-balancer';
import { propertyOf } from '../terraform-links';
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
      'AWS::WAFv2::WebACLAssociation whose ResourceArn is !Ref of the load balancer (in Terraform, an ' +
      'aws_wafv2_web_acl_association whose resource_arn is the aws_lb’s arn).',
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
    terraform: {
      aws_lb: check,
      aws_alb: check,
    },
  },
} satisfies Rule<MessageId>;

function check(resource: Resource, context: RuleContext<MessageId>): void {
  const publicBranches = publicApplicationBranches(resource, context);
  if (publicBranches.length === 0) return;
  if (associationProtection(resource, context) !== 'unprotected') return;
  // Terraform: a module may bring the association.
  if (context.template.dialect === 'terraform' && context.template.hasHiddenResources()) return;
  for (const via of publicBranches)
    context.report({ node: resource.idNode, messageId: 'noWebAcl', data: { id: resource.id }, via });
}

/**
 * The branches on which the load balancer is an internet-facing Application Load Balancer: type and exposure
 * absent (both dialects default to application and internet-facing) or written so; unknown is never either.
 */
function publicApplicationBranches(resource: Resource, context: RuleContext<MessageId>): (readonly Step[])[] {
  const branches: (readonly Step[])[] = [];
  for (const type of propertyOf(context, resource, typeKey(resource))) {
    if (isApplication(type) !== true) continue;
    for (const { scheme, facing } of internetFacing(context, resource, type.via)) if (facing) branches.push(scheme.via);
  }
  return branches;
}
