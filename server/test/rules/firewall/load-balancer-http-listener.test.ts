import { loadBalancerHttpListener } from '../../../src/rules/firewall/load-balancer-http-listener';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const MESSAGE = (lb: string): string =>
  `The HTTP listener of internet-facing load balancer ${lb} does not redirect to HTTPS, so requests, cookies and credentials cross the internet unencrypted.`;
const RELATED = [{ text: 'Alb', line: 2, message: 'Load balancer Alb, internet-facing' }];

/** An application load balancer with `scheme` and an HTTP listener whose default actions are `actions` (flow YAML). */
const albWith = (actions: string, scheme = '', extra = '', header = ''): string =>
  `${header}Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]${scheme}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Port: 80
      Protocol: HTTP
      DefaultActions: ${actions}
${extra}`;

const FORWARD = '[{ Type: forward, TargetGroupArn: !Ref Targets }]';
const REDIRECT_FLOW = '[{ Type: redirect, RedirectConfig: { Protocol: HTTPS, Port: "443", StatusCode: HTTP_301 } }]';
const HTTPS_LISTENER = `  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Port: 443
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      Certificates: [{ CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc }]
      DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Targets }]
`;

new RuleTester().run(loadBalancerHttpListener, {
  valid: [
    { name: 'HTTP redirecting to HTTPS', yaml: albWith(REDIRECT_FLOW) },
    {
      name: 'lower-case redirect protocol',
      yaml: albWith('[{ Type: redirect, RedirectConfig: { Protocol: https } }]'),
    },
    { name: 'an internal load balancer', yaml: albWith(FORWARD, '\n      Scheme: internal') },
    { name: 'an HTTPS listener', yaml: albWith(FORWARD).replace('Protocol: HTTP', 'Protocol: HTTPS') },
    {
      name: 'a load balancer of another stack is unknown',
      yaml: albWith(FORWARD).replace('!Ref Alb', '!ImportValue SharedAlb'),
    },
    {
      name: 'a scheme from a parameter without default is unknown',
      yaml: albWith(FORWARD, '\n      Scheme: !Ref Scheme', '', 'Parameters:\n  Scheme:\n    Type: String\n'),
    },
    {
      name: 'default actions from a parameter are unknown',
      yaml: albWith('!Ref Actions', '', '', 'Parameters:\n  Actions:\n    Type: String\n'),
    },
    {
      name: 'a classic load balancer that is internal',
      yaml: resourcesYaml(`
        Elb:
          Type: AWS::ElasticLoadBalancing::LoadBalancer
          Properties:
            Scheme: internal
            Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP }]
      `),
    },
    {
      name: 'JSON: a classic load balancer on HTTPS',
      json: `
        { "Resources": { "Elb": { "Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {
          "Listeners": [{ "LoadBalancerPort": "443", "InstancePort": "80", "Protocol": "HTTPS", "SSLCertificateId": "arn:aws:iam::123456789012:server-certificate/x" }]
        } } } }
      `,
    },
  ],
  invalid: [
    {
      name: 'forwarding HTTP without an HTTPS listener: no fix',
      yaml: albWith(FORWARD),
      errors: [
        {
          messageId: 'plainHttp',
          message: MESSAGE('Alb'),
          data: { loadBalancer: 'Alb' },
          text: 'HTTP',
          line: 11,
          related: RELATED,
        },
      ],
      output: null,
    },
    {
      name: 'explicitly internet-facing, redirect to HTTP is not to HTTPS',
      yaml: albWith(
        '[{ Type: redirect, RedirectConfig: { Protocol: "#{protocol}", Port: "8080" } }]',
        '\n      Scheme: internet-facing',
      ),
      errors: [{ messageId: 'plainHttp', text: 'HTTP', line: 12, related: RELATED }],
      output: null,
    },
    {
      name: 'flow style with an HTTPS listener: the fix redirects',
      yaml: albWith(FORWARD, '', HTTPS_LISTENER),
      errors: [{ messageId: 'plainHttp', text: 'HTTP', line: 11, related: RELATED }],
      output: albWith(FORWARD, '', HTTPS_LISTENER).replace(
        `DefaultActions: ${FORWARD}`,
        "DefaultActions:\n        - Type: redirect\n          RedirectConfig:\n            Protocol: HTTPS\n            Port: '443'\n            StatusCode: HTTP_301",
      ),
    },
    {
      name: 'block style with an HTTPS listener: the fix redirects',
      yaml: resourcesYaml(`
        Alb:
          Type: AWS::ElasticLoadBalancingV2::LoadBalancer
          Properties:
            Subnets: [subnet-1, subnet-2]
        Https:
          Type: AWS::ElasticLoadBalancingV2::Listener
          Properties:
            LoadBalancerArn: !Ref Alb
            Port: 443
            Protocol: HTTPS
            Certificates:
              - CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
            DefaultActions:
              - Type: forward
                TargetGroupArn: !Ref Targets
        Http:
          Type: AWS::ElasticLoadBalancingV2::Listener
          Properties:
            LoadBalancerArn: !Ref Alb
            Port: 80
            Protocol: HTTP
            DefaultActions:
              - Type: forward
                TargetGroupArn: !Ref Targets
      `),
      errors: [
        {
          messageId: 'plainHttp',
          text: 'HTTP',
          line: 23,
          related: [{ text: 'Alb', line: 3, message: 'Load balancer Alb, internet-facing' }],
        },
      ],
      output: resourcesYaml(`
        Alb:
          Type: AWS::ElasticLoadBalancingV2::LoadBalancer
          Properties:
            Subnets: [subnet-1, subnet-2]
        Https:
          Type: AWS::ElasticLoadBalancingV2::Listener
          Properties:
            LoadBalancerArn: !Ref Alb
            Port: 443
            Protocol: HTTPS
            Certificates:
              - CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
            DefaultActions:
              - Type: forward
                TargetGroupArn: !Ref Targets
        Http:
          Type: AWS::ElasticLoadBalancingV2::Listener
          Properties:
            LoadBalancerArn: !Ref Alb
            Port: 80
            Protocol: HTTP
            DefaultActions:
              - Type: redirect
                RedirectConfig:
                  Protocol: HTTPS
                  Port: '443'
                  StatusCode: HTTP_301
      `),
    },
    {
      name: 'JSON with an HTTPS listener: the fix redirects',
      json: `
        {
          "Resources": {
            "Alb": { "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": { "Scheme": "internet-facing" } },
            "Https": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": { "LoadBalancerArn": { "Ref": "Alb" }, "Port": 443, "Protocol": "HTTPS", "DefaultActions": [{ "Type": "forward", "TargetGroupArn": { "Ref": "Targets" } }] } },
            "Http": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": { "LoadBalancerArn": { "Ref": "Alb" }, "Port": 80, "Protocol": "HTTP", "DefaultActions": [{ "Type": "forward", "TargetGroupArn": { "Ref": "Targets" } }] } }
          }
        }
      `,
      errors: [
        {
          messageId: 'plainHttp',
          text: '"HTTP"',
          related: [{ text: '"Alb"', line: 3, message: 'Load balancer Alb, internet-facing' }],
        },
      ],
      output: `{
  "Resources": {
    "Alb": { "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": { "Scheme": "internet-facing" } },
    "Https": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": { "LoadBalancerArn": { "Ref": "Alb" }, "Port": 443, "Protocol": "HTTPS", "DefaultActions": [{ "Type": "forward", "TargetGroupArn": { "Ref": "Targets" } }] } },
    "Http": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": { "LoadBalancerArn": { "Ref": "Alb" }, "Port": 80, "Protocol": "HTTP", "DefaultActions": [ { "Type": "redirect", "RedirectConfig": { "Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301" } } ] } }
  }
}
`,
    },
    {
      name: 'a scheme by a parameter default: reported on that branch, no fix',
      yaml: albWith(
        FORWARD,
        '\n      Scheme: !Ref Scheme',
        HTTPS_LISTENER,
        'Parameters:\n  Scheme:\n    Type: String\n    Default: internet-facing\n',
      ),
      errors: [
        {
          messageId: 'plainHttp',
          message: MESSAGE('Alb').replace(/\.$/, ' (by the default of parameter Scheme).'),
          text: 'HTTP',
          line: 16,
          related: [{ text: 'Alb', line: 6, message: 'Load balancer Alb, internet-facing' }],
        },
      ],
      output: null,
    },
    {
      name: 'a classic load balancer listener on HTTP',
      yaml: resourcesYaml(`
        Elb:
          Type: AWS::ElasticLoadBalancing::LoadBalancer
          Properties:
            Listeners:
              - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: arn:aws:iam::123456789012:server-certificate/x }
              - { LoadBalancerPort: '80', InstancePort: '80', Protocol: http }
      `),
      errors: [
        {
          messageId: 'classicPlainHttp',
          message:
            'Listener on port 80 of internet-facing classic load balancer Elb uses HTTP, so requests, cookies and credentials cross the internet unencrypted.',
          text: 'http',
        },
      ],
      output: null,
    },
  ],
});
