import type { Resource } from '../../model/template';
import { stringOf } from '../../model/values';
import { distributionSettings } from '../cloudfront';
import { isPlan } from '../terraform';
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
        'CloudFront distribution {{id}} has no {{setting}}: no AWS WAF web ACL filters ' +
        'application-layer attacks, bots and HTTP floods at the edge.',
      emptyWebAcl:
        'CloudFront distribution {{id}} sets an empty {{setting}}: no AWS WAF web ACL filters application-layer ' +
        'attacks, bots and HTTP floods at the edge.',
    },
    rationale:
      'Firewall configuration, including protection against application-layer (layer 7) DDoS, is the customer’s ' +
      'side of the shared-responsibility model: CloudFront and Shield Standard absorb network floods, but only a ' +
      'web ACL filters injection attempts, bots and request floods before they are forwarded to the origin.',
    remediation:
      'Create an AWS::WAFv2::WebACL with Scope: CLOUDFRONT (in us-east-1) with AWS managed rule groups and a ' +
      'rate-based rule, and set DistributionConfig.WebACLId to its ARN (!GetAtt WebAcl.Arn, or a parameter when the ' +
      'web ACL lives in another stack or region). In Terraform, set web_acl_id of the aws_cloudfront_distribution to ' +
      'the aws_wafv2_web_acl’s arn (a WAF classic web ACL’s id).',
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
    terraform: {
      aws_cloudfront_distribution: check,
    },
  },
} satisfies Rule<MessageId>;

function check(resource: Resource, context: RuleContext<MessageId>): void {
  const terraform = context.template.dialect === 'terraform';
  // An absent DistributionConfig is a template CloudFormation rejects; cfn-lint reports it.
  const settings = distributionSettings(resource, context);
  for (const webAcl of context.values.lookup(settings, terraform ? 'web_acl_id' : 'WebACLId')) {
    const empty = stringOf(webAcl)?.trim() === '';
    // A plan writes an empty string for a web_acl_id the configuration left out: that is no web ACL, not an empty one.
    if (webAcl.kind === 'absent' || (empty && isPlan(context.template))) {
      const setting = terraform ? 'web_acl_id' : 'DistributionConfig.WebACLId';
      context.report({ node: webAcl.node, messageId: 'noWebAcl', data: { id: resource.id, setting }, via: webAcl.via });
    } else if (empty) {
      const setting = terraform ? 'web_acl_id' : 'WebACLId';
      context.report({
        node: webAcl.node,
        messageId: 'emptyWebAcl',
        data: { id: resource.id, setting },
        via: webAcl.via,
      });
    }
  }
}
