import { loadBalancerWeakTlsPolicy } from '../../../src/rules/firewall/load-balancer-weak-tls-policy';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

const DEFAULT_MESSAGE = (protocol: string): string =>
  `The ${protocol} listener sets no SslPolicy, so Elastic Load Balancing applies ELBSecurityPolicy-2016-08 (its API and CloudFormation default since 2016), which still accepts TLS 1.0 and 1.1.`;

/** An HTTPS listener with extra flow-style members. */
const listener = (members: string, header = ''): string =>
  `${header}Resources:
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { LoadBalancerArn: !Ref Alb, Port: 443, DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Targets }], ${members} }
`;

/** A Terraform listener of `type` with these members. */
const tfListener = (members: string, type = 'aws_lb_listener'): string =>
  tfJson([`"${type}": { "https": { "load_balancer_arn": "\${aws_lb.web.arn}", "port": 443, ${members} } }`]);

new RuleTester().run(loadBalancerWeakTlsPolicy, {
  valid: [
    {
      name: 'Terraform: TLS 1.3 and 1.2',
      tf: tfListener('"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"'),
    },
    { name: 'Terraform: no protocol is HTTP or TCP, without TLS', tf: tfListener('"default_action": {}') },
    {
      name: 'plan: a TLS 1.2 policy',
      plan: planJson([
        {
          address: 'aws_lb_listener.https',
          values: { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' },
        },
      ]),
    },
    { name: 'TLS 1.3 and 1.2', yaml: listener('Protocol: HTTPS, SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06') },
    { name: 'TLS 1.2 only', yaml: listener('Protocol: HTTPS, SslPolicy: ELBSecurityPolicy-TLS-1-2-Ext-2018-06') },
    {
      name: 'forward secrecy TLS 1.2',
      yaml: listener('Protocol: TLS, SslPolicy: ELBSecurityPolicy-FS-1-2-Res-2020-10'),
    },
    { name: 'an unknown policy name is unknown', yaml: listener('Protocol: HTTPS, SslPolicy: MyCustomPolicy') },
    { name: 'an HTTP listener has no TLS policy', yaml: listener('Protocol: HTTP') },
    {
      name: 'a policy from a parameter without default is unknown',
      yaml: listener('Protocol: HTTPS, SslPolicy: !Ref Policy', 'Parameters:\n  Policy:\n    Type: String\n'),
    },
    {
      name: 'JSON: a TLS 1.2 policy',
      json: `{ "Resources": { "L": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": { "Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS-1-2-2017-01" } } } }`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: no ssl_policy; the fix adds it',
      tf: tfListener('"protocol": "HTTPS"'),
      errors: [
        {
          messageId: 'defaultPolicy',
          message: DEFAULT_MESSAGE('HTTPS').replace('no SslPolicy', 'no ssl_policy'),
          data: { protocol: 'HTTPS', setting: 'ssl_policy' },
          text: '"https"',
        },
      ],
      output: tfListener('"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"'),
    },
    {
      name: 'Terraform: aws_alb_listener on TLS with a TLS 1.0 policy',
      tf: tfListener('"protocol": "TLS", "ssl_policy": "ELBSecurityPolicy-2016-08"', 'aws_alb_listener'),
      errors: [
        {
          messageId: 'weakPolicy',
          message: 'ssl_policy ELBSecurityPolicy-2016-08 accepts TLS 1.0 or 1.1 on this TLS listener.',
          text: '"ELBSecurityPolicy-2016-08"',
        },
      ],
      output: tfListener('"protocol": "TLS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"', 'aws_alb_listener'),
    },
    {
      name: 'plan: the policy is known only after apply and the configuration never set it; no fix',
      plan: planJson([
        { address: 'aws_lb_listener.https', values: { protocol: 'HTTPS' }, unknown: { ssl_policy: true } },
      ]),
      errors: [{ messageId: 'defaultPolicy', data: { protocol: 'HTTPS', setting: 'ssl_policy' }, text: '"values"' }],
      output: null,
    },
    {
      name: 'no SslPolicy, flow style',
      yaml: listener('Protocol: HTTPS'),
      errors: [
        {
          messageId: 'defaultPolicy',
          message: DEFAULT_MESSAGE('HTTPS'),
          data: { protocol: 'HTTPS', setting: 'SslPolicy' },
          text: 'Properties',
        },
      ],
      output: listener('Protocol: HTTPS, SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06'),
    },
    {
      name: 'a policy that allows TLS 1.0, block style',
      yaml: resourcesYaml(`
        Tls:
          Type: AWS::ElasticLoadBalancingV2::Listener
          Properties:
            LoadBalancerArn: !Ref Nlb
            Port: 443
            Protocol: TLS
            SslPolicy: ELBSecurityPolicy-2016-08
      `),
      errors: [
        {
          messageId: 'weakPolicy',
          message: 'SslPolicy ELBSecurityPolicy-2016-08 accepts TLS 1.0 or 1.1 on this TLS listener.',
          data: { policy: 'ELBSecurityPolicy-2016-08', protocol: 'TLS', setting: 'SslPolicy' },
          text: 'ELBSecurityPolicy-2016-08',
        },
      ],
      output: resourcesYaml(`
        Tls:
          Type: AWS::ElasticLoadBalancingV2::Listener
          Properties:
            LoadBalancerArn: !Ref Nlb
            Port: 443
            Protocol: TLS
            SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      `),
    },
    {
      name: 'no SslPolicy, block style: the fix adds it',
      yaml: resourcesYaml(`
        Https:
          Type: AWS::ElasticLoadBalancingV2::Listener
          Properties:
            LoadBalancerArn: !Ref Alb
            Port: 443
            Protocol: https
      `),
      errors: [{ messageId: 'defaultPolicy', message: DEFAULT_MESSAGE('HTTPS'), text: 'Properties' }],
      output: resourcesYaml(`
        Https:
          Type: AWS::ElasticLoadBalancingV2::Listener
          Properties:
            LoadBalancerArn: !Ref Alb
            Port: 443
            Protocol: https
            SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      `),
    },
    {
      name: 'JSON: a TLS 1.1 policy',
      json: `{ "Resources": { "L": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": { "Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS-1-1-2017-01" } } } }`,
      errors: [
        {
          messageId: 'weakPolicy',
          data: { policy: 'ELBSecurityPolicy-TLS-1-1-2017-01', protocol: 'HTTPS', setting: 'SslPolicy' },
          text: '"ELBSecurityPolicy-TLS-1-1-2017-01"',
        },
      ],
      output: `{ "Resources": { "L": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": { "Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06" } } } }\n`,
    },
    {
      name: 'a weak policy by a parameter default: reported, no fix',
      yaml: listener(
        'Protocol: HTTPS, SslPolicy: !Ref Policy',
        'Parameters:\n  Policy:\n    Type: String\n    Default: ELBSecurityPolicy-FS-2018-06\n',
      ),
      errors: [
        {
          messageId: 'weakPolicy',
          message:
            'SslPolicy ELBSecurityPolicy-FS-2018-06 accepts TLS 1.0 or 1.1 on this HTTPS listener (by the default of parameter Policy).',
          text: '!Ref Policy',
        },
      ],
      output: null,
    },
  ],
});
