import { loadBalancerHttpListener } from '../../../src/rules/firewall/load-balancer-http-listener';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

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

const TF_LB = '"aws_lb": { "web": { "subnets": ["subnet-1", "subnet-2"] } }';
const TF_FORWARD = '{ "type": "forward", "target_group_arn": "${aws_lb_target_group.web.arn}" }';
const tfListener = (members: string, name = 'http'): string =>
  `"${name}": { "load_balancer_arn": "\${aws_lb.web.arn}", ${members} }`;
const TF_HTTPS = tfListener(
  `"port": 443, "protocol": "HTTPS", "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc", "default_action": ${TF_FORWARD}`,
  'https',
);
const TF_RELATED = [{ text: '"web"', line: 3, message: 'Load balancer aws_lb.web, internet-facing' }];

new RuleTester().run(loadBalancerHttpListener, {
  valid: [
    {
      name: 'Terraform: HTTP redirecting to HTTPS',
      tf: tfJson([
        TF_LB,
        `"aws_lb_listener": { ${tfListener('"port": 80, "protocol": "HTTP", "default_action": { "type": "redirect", "redirect": { "port": "443", "protocol": "HTTPS", "status_code": "HTTP_301" } }')} }`,
      ]),
    },
    {
      name: 'Terraform: an internal load balancer',
      tf: tfJson([
        '"aws_lb": { "web": { "internal": true } }',
        `"aws_lb_listener": { ${tfListener(`"port": 80, "default_action": ${TF_FORWARD}`)} }`,
      ]),
    },
    {
      name: 'Terraform: a network load balancer listener without protocol is TCP',
      tf: tfJson([
        '"aws_lb": { "web": { "load_balancer_type": "network" } }',
        `"aws_lb_listener": { ${tfListener(`"port": 80, "default_action": ${TF_FORWARD}`)} }`,
      ]),
    },
    {
      name: 'Terraform: a load balancer of another configuration is unknown',
      tf: tfJson([
        `"aws_lb_listener": { "http": { "load_balancer_arn": "\${var.alb_arn}", "protocol": "HTTP", "default_action": ${TF_FORWARD} } }`,
      ]),
    },
    {
      name: 'Terraform: a classic load balancer on HTTPS',
      tf: tfJson([
        '"aws_elb": { "web": { "listener": { "lb_port": 443, "lb_protocol": "https", "instance_port": 80, "instance_protocol": "http", "ssl_certificate_id": "arn:aws:iam::123456789012:server-certificate/x" } } }',
      ]),
    },
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
      name: 'Terraform: aws_alb_listener forwarding HTTP without an HTTPS listener: no fix',
      tf: tfJson([
        TF_LB,
        `"aws_alb_listener": { ${tfListener(`"port": 80, "protocol": "HTTP", "default_action": ${TF_FORWARD}`)} }`,
      ]),
      errors: [
        {
          messageId: 'plainHttp',
          message: MESSAGE('aws_lb.web'),
          data: { loadBalancer: 'aws_lb.web' },
          text: '"HTTP"',
          related: TF_RELATED,
        },
      ],
      output: null,
    },
    {
      name: 'Terraform: no protocol is HTTP on an application load balancer; the fix redirects',
      tf: tfJson([
        TF_LB,
        `"aws_lb_listener": { ${tfListener(`"port": 80, "default_action": ${TF_FORWARD}`)}, ${TF_HTTPS} }`,
      ]),
      errors: [{ messageId: 'plainHttp', text: '"http"', related: TF_RELATED }],
      output: tfJson([
        TF_LB,
        `"aws_lb_listener": { ${tfListener('"port": 80, "default_action": { "type": "redirect", "redirect": { "protocol": "HTTPS", "port": "443", "status_code": "HTTP_301" } }')}, ${TF_HTTPS} }`,
      ]),
    },
    {
      name: 'Terraform: a classic load balancer listener on HTTP',
      tf: tfJson([
        '"aws_elb": { "web": { "listener": [ { "lb_port": 80, "lb_protocol": "http", "instance_port": 80, "instance_protocol": "http" } ] } }',
      ]),
      errors: [
        {
          messageId: 'classicPlainHttp',
          message:
            'Listener on port 80 of internet-facing classic load balancer aws_elb.web uses HTTP, so requests, cookies and credentials cross the internet unencrypted.',
          text: '"http"',
          line: 3,
          column: 73,
        },
      ],
      output: null,
    },
    {
      name: 'plan: a forwarding HTTP listener; no fix',
      plan: planJson([
        { address: 'aws_lb.web', values: { load_balancer_type: 'application', internal: false } },
        {
          address: 'aws_lb_listener.http',
          values: { port: 80, protocol: 'HTTP', default_action: [{ type: 'forward', redirect: [] }] },
          unknown: { load_balancer_arn: true },
          references: { load_balancer_arn: ['aws_lb.web.arn'] },
        },
      ]),
      errors: [
        {
          messageId: 'plainHttp',
          text: '"HTTP"',
          related: [{ text: '"aws_lb.web"', line: 7, message: 'Load balancer aws_lb.web, internet-facing' }],
        },
      ],
      output: null,
    },
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
