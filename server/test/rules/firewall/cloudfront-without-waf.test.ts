import { cloudfrontWithoutWaf } from '../../../src/rules/firewall/cloudfront-without-waf';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

const distribution = (extra = ''): string => `
Cdn:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      Enabled: true${extra}
      DefaultCacheBehavior:
        TargetOriginId: site
        ViewerProtocolPolicy: redirect-to-https
        CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
      Origins:
        - Id: site
          DomainName: example.com
          CustomOriginConfig: { OriginProtocolPolicy: https-only }
`;

const MESSAGE =
  'CloudFront distribution Cdn has no DistributionConfig.WebACLId: no AWS WAF web ACL filters ' +
  'application-layer attacks, bots and HTTP floods at the edge.';
const NO_HEADER = /^AWSTemplateFormatVersion.*\n/;

/** A Terraform distribution with extra members. */
const tfCdn = (extra = ''): string =>
  tfJson([
    `"aws_cloudfront_distribution": { "cdn": { "enabled": true, "default_cache_behavior": { "target_origin_id": "site", "viewer_protocol_policy": "https-only" }${extra} } }`,
  ]);

new RuleTester().run(cloudfrontWithoutWaf, {
  valid: [
    { name: 'Terraform: a web ACL of the configuration', tf: tfCdn(', "web_acl_id": "${aws_wafv2_web_acl.edge.arn}"') },
    {
      name: 'Terraform: a web ACL from a variable without default is unknown',
      tf: tfCdn(', "web_acl_id": "${var.web_acl_arn}"'),
    },
    {
      name: 'plan: a web ACL ARN',
      plan: planJson([
        {
          address: 'aws_cloudfront_distribution.cdn',
          values: { enabled: true, web_acl_id: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/a1b2' },
        },
      ]),
    },
    { name: 'a web ACL of the template', yaml: resourcesYaml(distribution('\n      WebACLId: !GetAtt WebAcl.Arn')) },
    {
      name: 'a web ACL from a parameter',
      yaml: `Parameters:\n  WebAclArn:\n    Type: String\n${resourcesYaml(distribution('\n      WebACLId: !Ref WebAclArn')).replace(NO_HEADER, '')}`,
    },
    {
      name: 'a literal web ACL ARN',
      yaml: resourcesYaml(
        distribution('\n      WebACLId: arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/a1b2'),
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: no web_acl_id',
      tf: tfCdn(),
      errors: [
        {
          messageId: 'noWebAcl',
          message:
            'CloudFront distribution aws_cloudfront_distribution.cdn has no web_acl_id: no AWS WAF web ACL filters ' +
            'application-layer attacks, bots and HTTP floods at the edge.',
          data: { id: 'aws_cloudfront_distribution.cdn', setting: 'web_acl_id' },
          text: '"cdn"',
        },
      ],
    },
    {
      name: 'Terraform: an empty web_acl_id',
      tf: tfCdn(', "web_acl_id": ""'),
      errors: [
        {
          messageId: 'emptyWebAcl',
          data: { id: 'aws_cloudfront_distribution.cdn', setting: 'web_acl_id' },
          text: '""',
        },
      ],
    },
    {
      name: 'plan: the empty string a plan writes for a web_acl_id left out',
      plan: planJson([{ address: 'aws_cloudfront_distribution.cdn', values: { enabled: true, web_acl_id: '' } }]),
      errors: [
        { messageId: 'noWebAcl', data: { id: 'aws_cloudfront_distribution.cdn', setting: 'web_acl_id' }, text: '""' },
      ],
    },
    {
      name: 'no WebACLId',
      yaml: resourcesYaml(distribution()),
      errors: [
        {
          messageId: 'noWebAcl',
          text: 'DistributionConfig',
          message: MESSAGE,
          data: { id: 'Cdn', setting: 'DistributionConfig.WebACLId' },
        },
      ],
    },
    {
      name: 'an empty WebACLId',
      yaml: resourcesYaml(distribution("\n      WebACLId: ''")),
      errors: [{ messageId: 'emptyWebAcl', text: "''" }],
    },
    {
      name: 'AWS::NoValue on one branch',
      yaml: `Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n${resourcesYaml(
        distribution(
          "\n      WebACLId: !If [Prod, 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/a1b2', !Ref AWS::NoValue]",
        ),
      ).replace(NO_HEADER, '')}`,
      errors: [
        {
          messageId: 'noWebAcl',
          message: MESSAGE.replace(/\.$/, ' (when condition Prod is false).'),
          text: 'WebACLId',
        },
      ],
    },
    {
      name: 'JSON',
      json: `{
        "Resources": {
          "Cdn": { "Type": "AWS::CloudFront::Distribution", "Properties": { "DistributionConfig": { "Enabled": true } } }
        }
      }`,
      errors: [{ messageId: 'noWebAcl', text: '"DistributionConfig"' }],
    },
  ],
});
