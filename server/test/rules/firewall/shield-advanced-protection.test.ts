import { shieldAdvancedProtection } from '../../../src/rules/firewall/shield-advanced-protection';
import { RuleTester, resourcesYaml } from '../../rule-tester';

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

new RuleTester().run(shieldAdvancedProtection, {
  valid: [
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
      name: 'an internet-facing load balancer by default',
      yaml: `Resources:\n${ALB}`,
      errors: [{ messageId: 'unprotected', message: MESSAGE('Internet-facing load balancer', 'Alb'), text: 'Alb' }],
    },
    {
      name: 'a distribution, while the protection covers only the load balancer',
      yaml: `Resources:\n${ALB}${CDN}${protection('!Ref Alb')}`,
      errors: [{ messageId: 'unprotected', data: { kind: 'CloudFront distribution', resource: 'Cdn' }, text: 'Cdn' }],
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
