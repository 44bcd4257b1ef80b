import { loadBalancerWithoutWaf } from '../../../src/rules/firewall/load-balancer-without-waf';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const ALB = `
Alb:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Properties:
    Subnets: [subnet-1, subnet-2]
`;

const MESSAGE =
  'Internet-facing Application Load Balancer Alb has no AWS WAF web ACL associated in this template: ' +
  'application-layer attacks, bots and HTTP floods reach the targets unfiltered.';

const association = (arn: string): string => `
Association:
  Type: AWS::WAFv2::WebACLAssociation
  Properties:
    WebACLArn: arn:aws:wafv2:us-east-1:111122223333:regional/webacl/web/a1b2
    ResourceArn: ${arn}
`;

const withProperty = (line: string): string => ALB.replace('    Subnets', `    ${line}\n    Subnets`);

new RuleTester().run(loadBalancerWithoutWaf, {
  valid: [
    { name: 'associated by Ref', yaml: resourcesYaml(ALB + association('!Ref Alb')) },
    {
      name: 'associated by WAF classic',
      yaml: resourcesYaml(
        ALB + association('!Ref Alb').replace('WAFv2', 'WAFRegional').replace('WebACLArn', 'WebACLId'),
      ),
    },
    {
      name: 'an association with a literal ARN may target it',
      yaml: resourcesYaml(
        ALB + association('arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/x/1'),
      ),
    },
    {
      name: 'an association whose target is a parameter may target it',
      yaml: `Parameters:\n  Target:\n    Type: String\n${resourcesYaml(ALB + association('!Ref Target')).replace(/^AWSTemplateFormatVersion.*\n/, '')}`,
    },
    { name: 'associated through a Join', yaml: resourcesYaml(ALB + association("!Join ['', [!Ref Alb]]")) },
    {
      name: 'an association that targets it on one branch and a parameter on the other',
      yaml: `Parameters:\n  Target:\n    Type: String\nConditions:\n  Own: !Equals [!Ref Target, '']\n${resourcesYaml(
        ALB + association('!If [Own, !Ref Alb, !Ref Target]'),
      ).replace(/^AWSTemplateFormatVersion.*\n/, '')}`,
    },
    { name: 'internal', yaml: resourcesYaml(withProperty('Scheme: internal')) },
    { name: 'a Network Load Balancer cannot take a web ACL', yaml: resourcesYaml(withProperty('Type: network')) },
    { name: 'a Gateway Load Balancer cannot take a web ACL', yaml: resourcesYaml(withProperty('Type: gateway')) },
    {
      name: 'an unknown scheme',
      yaml: `Parameters:\n  Scheme:\n    Type: String\n${resourcesYaml(withProperty('Scheme: !Ref Scheme')).replace(/^AWSTemplateFormatVersion.*\n/, '')}`,
    },
  ],
  invalid: [
    {
      name: 'no association at all',
      yaml: resourcesYaml(ALB),
      errors: [{ messageId: 'noWebAcl', text: 'Alb', message: MESSAGE, data: { id: 'Alb' } }],
    },
    {
      name: 'explicitly internet-facing and application, with an association for another resource',
      yaml: resourcesYaml(
        withProperty('Scheme: internet-facing').replace('    Subnets', '    Type: application\n    Subnets') +
          association('!GetAtt Api.Arn') +
          'Api:\n  Type: AWS::AppSync::GraphQLApi\n  Properties:\n    Name: api\n    AuthenticationType: API_KEY\n',
      ),
      errors: [{ messageId: 'noWebAcl', text: 'Alb' }],
    },
    {
      name: 'the public branch of a condition',
      yaml: `Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n${resourcesYaml(
        withProperty('Scheme: !If [Prod, internet-facing, internal]'),
      ).replace(/^AWSTemplateFormatVersion.*\n/, '')}`,
      errors: [
        { messageId: 'noWebAcl', text: 'Alb', message: MESSAGE.replace(/\.$/, ' (when condition Prod is true).') },
      ],
    },
    {
      name: 'JSON',
      json: `{
        "Resources": {
          "Alb": { "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": { "Scheme": "internet-facing" } }
        }
      }`,
      errors: [{ messageId: 'noWebAcl', text: '"Alb"' }],
    },
  ],
});
