import type { Resource } from '../../model/template';
import { stringOf } from '../../model/values';
import type { Rule, RuleContext } from '../types';

type MessageId = 'noWebAcl' | 'emptyWebAcl';

export const cloudfrontWithoutWaf = {
  meta: {
    id: 'firewall/cloudfront-without-waf',
    title: 'CloudFront distributions are protected by an AWS WAF web ACL',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      noWebAcl:
        'CloudFront distribution {{id}} has no DistributionConfig.WebACLId: no AWS WAF web ACL filters ' +
        'application-layer attacks, bots and HTTP floods at the edge.',
      emptyWebAcl:
        'CloudFront distribution {{id}} sets an empty WebACLId: no AWS WAF web ACL filters application-layer ' +
        'attacks, bots and HTTP floods at the edge.',
    },
    rationale:
      'Firewall configuration, including protection against application-layer (layer 7) DDoS, is the customer’s ' +
      'side of the shared-responsibility model: CloudFront and Shield Standard absorb network floods, but only a ' +
      'web ACL filters injection attempts, bots and request floods before they are forwarded to the origin.',
    remediation:
      'Create an AWS::WAFv2::WebACL with Scope: CLOUDFRONT (in us-east-1) with AWS managed rule groups and a ' +
      'rate-based rule, and set DistributionConfig.WebACLId to its ARN (!GetAtt WebAcl.Arn, or a parameter when the ' +
      'web ACL lives in another stack or region).',
    references: [
      {
        tool: 'checkov',
        id: 'CKV_AWS_68',
        match: 'equivalent',
        name: 'CloudFront Distribution should have WAF enabled',
      },
      { tool: 'kics', id: '0f139403-303f-467c-96bd-e717e6cfd62d', match: 'equivalent', name: 'CloudFront Without WAF' },
      { tool: 'cdkNag', id: 'AwsSolutions-CFR2', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0011', match: 'equivalent', name: 'aws-cloudfront-enable-waf' },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::CloudFront::Distribution': check,
    },
  },
} satisfies Rule<MessageId>;

function check(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const config = values.lookup(values.resolve(resource.properties, resource.anchor), 'DistributionConfig');
  // An absent DistributionConfig is a template CloudFormation rejects; cfn-lint reports it.
  for (const webAcl of values.lookup(
    config.filter((outcome) => outcome.kind === 'map'),
    'WebACLId',
  )) {
    const data = { id: resource.id };
    if (webAcl.kind === 'absent') context.report({ node: webAcl.node, messageId: 'noWebAcl', data, via: webAcl.via });
    else if (stringOf(webAcl)?.trim() === '')
      context.report({ node: webAcl.node, messageId: 'emptyWebAcl', data, via: webAcl.via });
  }
}
