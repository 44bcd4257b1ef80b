import { shieldAdvancedProtection } from '../../../src/rules/firewall/shield-advanced-protection';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

const ALB = `  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
`;
const CDN = `  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig: { Enabled: true, DefaultCacheBehavior: { TargetOriginId: o, ViewerProtocolPolicy: https-only }, Origins: [{ Id: o, DomainName: example.com, CustomOriginConfig: { OriginProtocolPolicy: https-only } }] }
`;
const protection = (arn: string, name = 'Protect'): string =>
  `  ${name}:\n    Type: AWS::Shield::Protection\n    Properties:\n      Name: p\n      ResourceArn: ${arn}\n`;

const MESSAGE = (kind: string, id: string): string =>
  `${kind} ${id} is a public entry point that no AWS::Shield::Protection in this template protects: it has Shield ` +
  'Standard’s automatic network-layer defences only, without Shield Advanced’s DDoS response team, cost ' +
  'protection and automatic application-layer mitigation.';

const TF_LB = '"aws_lb": { "web": { "subnets": ["subnet-1", "subnet-2"] } }';
const TF_CDN = '"aws_cloudfront_distribution": { "cdn": { "enabled": true } }';
const tfProtection = (arn: string): string =>
  `"aws_shield_protection": { "web": { "name": "web", "resource_arn": "${arn}" } }`;

new RuleTester().run(shieldAdvancedProtection, {
  valid: [
    { name: 'Terraform: a protected load balancer', tf: tfJson([TF_LB, tfProtection('${aws_lb.web.arn}')]) },
    {
      name: 'Terraform: a protected distribution',
      tf: tfJson([TF_CDN, tfProtection('${aws_cloudfront_distribution.cdn.arn}')]),
    },
    { name: 'Terraform: an internal load balancer', tf: tfJson(['"aws_alb": { "web": { "internal": true } }']) },
    {
      name: 'Terraform: a Firewall Manager Shield Advanced policy makes every entry point unknown',
      tf: tfJson([
        TF_CDN,
        '"aws_fms_policy": { "shield": { "name": "shield", "exclude_resource_tags": false, "resource_type": "AWS::CloudFront::Distribution", "security_service_policy_data": { "type": "SHIELD_ADVANCED" } } }',
      ]),
    },
    {
      name: 'Terraform: a protection with a literal ARN makes every entry point unknown',
      tf: tfJson([TF_LB, tfProtection('arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1')]),
    },
    {
      name: 'plan: the protection refers to the load balancer in the configuration',
      plan: planJson([
        { address: 'aws_lb.web', values: { load_balancer_type: 'application', internal: false } },
        {
          address: 'aws_shield_protection.web',
          values: { name: 'web' },
          unknown: { resource_arn: true },
          references: { resource_arn: ['aws_lb.web.arn'] },
        },
      ]),
    },
    { name: 'a protected load balancer', yaml: `Resources:\n${ALB}${protection('!Ref Alb')}` },
    {
      name: 'a protected distribution, ARN built with Sub',
      yaml: `Resources:\n${CDN}${protection('!Sub arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Cdn}')}`,
    },
    {
      name: 'an internal load balancer',
      yaml: `Resources:\n${ALB.replace('Properties:\n', 'Properties:\n      Scheme: internal\n')}`,
    },
    {
      name: 'a network load balancer is left out',
      yaml: `Resources:\n${ALB.replace('Properties:\n', 'Properties:\n      Type: network\n')}`,
    },
    {
      name: 'a protection with a literal ARN makes every entry point unknown',
      yaml: `Resources:\n${ALB}${CDN}${protection('arn:aws:cloudfront::123456789012:distribution/E1')}`,
    },
    {
      name: 'a Firewall Manager Shield Advanced policy makes every entry point unknown',
      yaml: `Resources:\n${CDN}  Policy:
    Type: AWS::FMS::Policy
    Properties:
      PolicyName: shield
      ExcludeResourceTags: false
      RemediationEnabled: true
      ResourceType: AWS::CloudFront::Distribution
      SecurityServicePolicyData: { Type: SHIELD_ADVANCED }
`,
    },
    {
      name: 'a scheme from a parameter without a default is unknown',
      yaml: `Parameters:\n  Scheme:\n    Type: String\nResources:\n${ALB.replace('Properties:\n', 'Properties:\n      Scheme: !Ref Scheme\n')}`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: a distribution, while the protection covers only the load balancer',
      tf: tfJson([TF_LB, TF_CDN, tfProtection('${aws_lb.web.arn}')]),
      errors: [
        {
          messageId: 'unprotected',
          message: MESSAGE('CloudFront distribution', 'aws_cloudfront_distribution.cdn').replace(
            'AWS::Shield::Protection',
            'aws_shield_protection',
          ),
          data: {
            kind: 'CloudFront distribution',
            resource: 'aws_cloudfront_distribution.cdn',
            protection: 'aws_shield_protection',
          },
          text: '"cdn"',
        },
      ],
    },
    {
      name: 'plan: an internet-facing load balancer without protection',
      plan: planJson([{ address: 'aws_alb.web', values: { load_balancer_type: 'application', internal: false } }]),
      errors: [
        {
          messageId: 'unprotected',
          data: { kind: 'Internet-facing load balancer', resource: 'aws_alb.web', protection: 'aws_shield_protection' },
          text: '"aws_alb.web"',
          line: 7,
        },
      ],
    },
    {
      name: 'an internet-facing load balancer by default',
      yaml: `Resources:\n${ALB}`,
      errors: [{ messageId: 'unprotected', message: MESSAGE('Internet-facing load balancer', 'Alb'), text: 'Alb' }],
    },
    {
      name: 'a distribution, while the protection covers only the load balancer',
      yaml: `Resources:\n${ALB}${CDN}${protection('!Ref Alb')}`,
      errors: [
        {
          messageId: 'unprotected',
          data: { kind: 'CloudFront distribution', resource: 'Cdn', protection: 'AWS::Shield::Protection' },
          text: 'Cdn',
        },
      ],
    },
    {
      name: 'internet-facing on one branch',
      yaml: resourcesYaml(`
        Alb:
          Type: AWS::ElasticLoadBalancingV2::LoadBalancer
          Properties:
            Scheme: !If [Public, internet-facing, internal]
            Subnets: [subnet-1, subnet-2]
      `).replace(
        'Resources:',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Public: !Equals [!Ref Env, demo]\nResources:',
      ),
      errors: [
        {
          messageId: 'unprotected',
          text: 'Alb',
          message: `${MESSAGE('Internet-facing load balancer', 'Alb').slice(0, -1)} (when condition Public is true).`,
        },
      ],
    },
    {
      name: 'JSON: an explicit application load balancer',
      json: `
        {
          "Resources": {
            "Alb": {
              "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
              "Properties": { "Type": "application", "Scheme": "internet-facing", "Subnets": ["subnet-1", "subnet-2"] }
            }
          }
        }
      `,
      errors: [{ messageId: 'unprotected', text: '"Alb"' }],
    },
  ],
});
