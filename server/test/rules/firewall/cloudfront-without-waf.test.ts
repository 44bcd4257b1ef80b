import { cloudfrontWithoutWaf } from '../../../src/rules/firewall/cloudfront-without-waf';
import { RuleTester, resourcesYaml } from '../../rule-tester';

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

new RuleTester().run(cloudfrontWithoutWaf, {
  valid: [
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
      name: 'no WebACLId',
      yaml: resourcesYaml(distribution()),
      errors: [{ messageId: 'noWebAcl', text: 'DistributionConfig', message: MESSAGE, data: { id: 'Cdn' } }],
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
