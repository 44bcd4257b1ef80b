import { loadBalancerWithoutWaf } from '../../../src/rules/firewall/load-balancer-without-waf';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

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

const TF_LB = '"aws_lb": { "web": { "subnets": ["subnet-1", "subnet-2"] } }';
const tfAssociation = (arn: string): string =>
  `"aws_wafv2_web_acl_association": { "web": { "resource_arn": "${arn}", "web_acl_arn": "\${aws_wafv2_web_acl.main.arn}" } }`;
const TF_MESSAGE = MESSAGE.replace('Balancer Alb', 'Balancer aws_lb.web');

new RuleTester().run(loadBalancerWithoutWaf, {
  valid: [
    { name: 'Terraform: associated by reference', tf: tfJson([TF_LB, tfAssociation('${aws_lb.web.arn}')]) },
    {
      name: 'Terraform: a WAF classic association',
      tf: tfJson([
        TF_LB,
        '"aws_wafregional_web_acl_association": { "web": { "resource_arn": "${aws_lb.web.id}", "web_acl_id": "a1b2" } }',
      ]),
    },
    {
      name: 'Terraform: an association with a literal ARN may target it',
      tf: tfJson([TF_LB, tfAssociation('arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/x/1')]),
    },
    { name: 'Terraform: internal', tf: tfJson(['"aws_lb": { "web": { "internal": true } }']) },
    {
      name: 'Terraform: a network load balancer',
      tf: tfJson(['"aws_alb": { "nlb": { "load_balancer_type": "network" } }']),
    },
    {
      name: 'Terraform: a module may bring the association',
      tf: tfJson([TF_LB], '  "module": { "waf": { "source": "./waf" } },\n'),
    },
    {
      name: 'plan: the association refers to the load balancer in the configuration',
      plan: planJson([
        { address: 'aws_lb.web', values: { load_balancer_type: 'application', internal: false } },
        {
          address: 'aws_wafv2_web_acl_association.web',
          values: {},
          unknown: { resource_arn: true, web_acl_arn: true },
          references: { resource_arn: ['aws_lb.web.arn'] },
        },
      ]),
    },
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
      name: 'Terraform: no association',
      tf: tfJson([TF_LB]),
      errors: [{ messageId: 'noWebAcl', message: TF_MESSAGE, data: { id: 'aws_lb.web' }, text: '"web"' }],
    },
    {
      name: 'Terraform: aws_alb, explicitly public, an association for another load balancer',
      tf: tfJson([
        '"aws_alb": { "web": { "internal": false, "load_balancer_type": "application" }, "other": {} }',
        tfAssociation('${aws_alb.other.arn}').replace(/aws_lb/g, 'aws_alb'),
      ]),
      errors: [{ messageId: 'noWebAcl', data: { id: 'aws_alb.web' }, text: '"web"', line: 3 }],
    },
    {
      name: 'plan: internal is known only after apply and the configuration never set it',
      plan: planJson([
        { address: 'aws_lb.web', values: { load_balancer_type: 'application' }, unknown: { internal: true } },
      ]),
      errors: [{ messageId: 'noWebAcl', data: { id: 'aws_lb.web' }, text: '"aws_lb.web"', line: 7 }],
    },
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
