import { networkAclOpenAdminPort } from '../../../src/rules/firewall/network-acl-open-admin-port';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { plan, tf, withCidrVariable } from './terraform-text';

const IPV4_PATTERN = String.raw`^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)/([1-9]|[12]\d|3[0-2])$`;
const IPV6_PATTERN = String.raw`^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/([1-9]|[1-9]\d|1[01]\d|12[0-8])$`;

const ACL = 'Acl:\n  Type: AWS::EC2::NetworkAcl\n  Properties:\n    VpcId: vpc-0123456789abcdef0\n';

/** A network ACL with the entry `Open` (flow-style properties) and any further entries, in block YAML. */
const aclWith = (open: string, more = '', header = ''): string =>
  header +
  resourcesYaml(
    `${ACL}Open:\n  Type: AWS::EC2::NetworkAclEntry\n  Properties: { NetworkAclId: !Ref Acl, ${open} }\n${more}`,
  ).replace(/^AWSTemplateFormatVersion: '2010-09-09'\n/, '');

const entry = (id: string, properties: string): string =>
  `${id}:\n  Type: AWS::EC2::NetworkAclEntry\n  Properties: { NetworkAclId: !Ref Acl, ${properties} }\n`;

/** An allow entry of `protocol` on ports `from`-`to` from `cidr`, as flow-style members. */
const allow = (protocol: number, from: number, to: number, cidr = '0.0.0.0/0', key = 'CidrBlock'): string =>
  `RuleNumber: 100, Protocol: ${protocol}, RuleAction: allow, ${key}: ${cidr}, PortRange: { From: ${from}, To: ${to} }`;

const RELATED = [{ message: 'Network ACL Acl, which this entry belongs to', underline: 'Acl:\n~~~' }];

function parameter(resource: string, family: 'IPv4' | 'IPv6' = 'IPv4'): string {
  const [name, pattern, example] =
    family === 'IPv4'
      ? ['AdminCidr', IPV4_PATTERN, '203.0.113.0/24']
      : ['AdminCidrIpv6', IPV6_PATTERN, '2001:db8:1234::/48'];
  return (
    `  ${name}:\n    Type: String\n` +
    `    Description: The ${family} range (CIDR) allowed to administer the hosts through ${resource}; no default, so each deployment must choose it.\n` +
    `    AllowedPattern: ${pattern}\n` +
    `    ConstraintDescription: must be an ${family} CIDR narrower than the whole internet, such as ${example}\n`
  );
}

const withParameter = (template: string, family: 'IPv4' | 'IPv6' = 'IPv4'): string =>
  template.replace(/^Resources:$/m, `Parameters:\n${parameter('Open', family)}Resources:`);

const message = (service: string, cidr: string, traffic: string, via = ''): string =>
  `Network ACL entry allows ${service} inbound from ${cidr} (${traffic}), and no lower-numbered entry of the ACL ` +
  `denies it first: the subnet firewall lets the whole internet reach remote administration${via}.`;

/** A Terraform inline ingress block: an allow of tcp `from`-`to` from `cidr`. */
const tfAllow = (from: number, to: number, cidr = '0.0.0.0/0'): string =>
  `{ "rule_no": 100, "protocol": "tcp", "action": "allow", "from_port": ${from}, "to_port": ${to}, "cidr_block": "${cidr}" }`;
const tfAcl = (...blocks: string[]): string =>
  tf([`"aws_network_acl": { "main": { "ingress": [ ${blocks.join(', ')} ] } }`]);
const SEPARATE = [
  '"aws_network_acl": { "main": {} }',
  '"aws_network_acl_rule": { "ssh": { "network_acl_id": "${aws_network_acl.main.id}", "rule_number": 100, "rule_action": "allow", "protocol": "6", "from_port": 22, "to_port": 3389, "cidr_block": "0.0.0.0/0" }, "deny": { "network_acl_id": "${aws_network_acl.main.id}", "rule_number": 90, "rule_action": "deny", "protocol": "6", "from_port": 3389, "to_port": 3389, "cidr_block": "0.0.0.0/0" } }',
];

new RuleTester().run(networkAclOpenAdminPort, {
  valid: [
    {
      name: 'Terraform: SSH from a private range, the ephemeral ports',
      tf: tfAcl(tfAllow(22, 22, '10.0.0.0/8'), tfAllow(1024, 65535)),
    },
    {
      name: 'Terraform: a lower-numbered inline deny of SSH',
      tf: tfAcl(tfAllow(22, 22), tfAllow(22, 22).replace('100', '90').replace('allow', 'deny')),
    },
    { name: 'HTTPS from the world', yaml: aclWith(allow(6, 443, 443)) },
    { name: 'SSH from a private range', yaml: aclWith(allow(6, 22, 22, '10.0.0.0/8')) },
    { name: 'UDP 22 is not SSH', yaml: aclWith(allow(17, 22, 22)) },
    { name: 'the ephemeral return ports are not reported as RDP', yaml: aclWith(allow(6, 1024, 65535)) },
    { name: 'every tcp port is network-acl-allow-all’s finding', yaml: aclWith(allow(6, 0, 65535)) },
    {
      name: 'all traffic is network-acl-allow-all’s finding',
      yaml: aclWith('RuleNumber: 100, Protocol: -1, RuleAction: allow, CidrBlock: 0.0.0.0/0'),
    },
    { name: 'egress SSH', yaml: aclWith(`${allow(6, 22, 22)}, Egress: true`) },
    { name: 'a deny of SSH', yaml: aclWith(allow(6, 22, 22).replace('allow', 'deny')) },
    {
      name: 'a lower-numbered deny of tcp 22 shadows SSH',
      yaml: aclWith(
        allow(6, 22, 22),
        entry(
          'Deny',
          'RuleNumber: 90, Protocol: 6, RuleAction: deny, CidrBlock: 0.0.0.0/0, PortRange: { From: 0, To: 1023 }',
        ),
      ),
    },
    {
      name: 'a lower-numbered deny of all traffic shadows RDP over UDP',
      yaml: aclWith(
        allow(17, 3389, 3389),
        entry('Deny', 'RuleNumber: 1, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0'),
      ),
    },
    {
      name: 'unknown ports are unknown',
      yaml: aclWith(
        'RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: { From: !Ref Port, To: !Ref Port }',
        '',
        'Parameters:\n  Port:\n    Type: Number\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: an inline allow of SSH',
      tf: tfAcl(tfAllow(22, 22)),
      errors: [
        {
          messageId: 'openPort',
          message: message('SSH', '0.0.0.0/0', 'tcp port 22'),
          data: { cidr: '0.0.0.0/0', service: 'SSH', protocol: 'tcp', ports: 'port 22' },
          text: '"0.0.0.0/0"',
        },
      ],
      output: withCidrVariable(
        tfAcl(tfAllow(22, 22)),
        '0.0.0.0/0',
        'admin_cidr',
        'administer the hosts through aws_network_acl.main',
      ),
    },
    {
      name: 'Terraform: a rule resource whose sibling denies RDP only',
      tf: tf(SEPARATE),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '0.0.0.0/0', service: 'SSH', protocol: 'tcp', ports: 'ports 22-3389' },
          text: '"0.0.0.0/0"',
          line: 4,
          column: 197,
          related: [{ message: 'Network ACL aws_network_acl.main, which this entry belongs to', text: '"main"' }],
        },
      ],
      output: withCidrVariable(
        tf(SEPARATE),
        '0.0.0.0/0',
        'admin_cidr',
        'administer the hosts through aws_network_acl_rule.ssh',
      ),
    },
    {
      name: 'plan: a rule resource tied to its ACL by the configuration',
      plan: plan([
        { address: 'aws_network_acl.main', values: { ingress: [] } },
        {
          address: 'aws_network_acl_rule.rdp',
          values: {
            egress: false,
            rule_number: 100,
            rule_action: 'allow',
            protocol: '17',
            from_port: 3389,
            to_port: 3389,
            ipv6_cidr_block: '::/0',
          },
          unknown: { network_acl_id: true },
          references: { network_acl_id: ['aws_network_acl.main'] },
        },
      ]),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '::/0', service: 'RDP', protocol: 'udp', ports: 'port 3389' },
          text: '"::/0"',
          related: [
            {
              message: 'Network ACL aws_network_acl.main, which this entry belongs to',
              text: '"aws_network_acl.main"',
              line: 7,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'SSH from 0.0.0.0/0, block style',
      yaml: resourcesYaml(`
        Open:
          Type: AWS::EC2::NetworkAclEntry
          Properties:
            NetworkAclId: acl-0123456789abcdef0
            RuleNumber: 100
            Protocol: 6
            RuleAction: allow
            CidrBlock: 0.0.0.0/0
            PortRange:
              From: 22
              To: 22
      `),
      errors: [
        {
          messageId: 'openPort',
          message: message('SSH', '0.0.0.0/0', 'tcp port 22'),
          data: { cidr: '0.0.0.0/0', service: 'SSH', protocol: 'tcp', ports: 'port 22' },
          underline: 'CidrBlock: 0.0.0.0/0\n           ~~~~~~~~~',
        },
      ],
      output: withParameter(
        resourcesYaml(`
          Open:
            Type: AWS::EC2::NetworkAclEntry
            Properties:
              NetworkAclId: acl-0123456789abcdef0
              RuleNumber: 100
              Protocol: 6
              RuleAction: allow
              CidrBlock:
                Ref: AdminCidr
              PortRange:
                From: 22
                To: 22
        `),
      ),
    },
    {
      name: 'RDP over UDP, flow style',
      yaml: aclWith(allow(17, 3389, 3389)),
      errors: [
        {
          messageId: 'openPort',
          message: message('RDP', '0.0.0.0/0', 'udp port 3389'),
          text: '0.0.0.0/0',
          related: RELATED,
        },
      ],
      output: withParameter(aclWith(allow(17, 3389, 3389, '!Ref AdminCidr'))),
    },
    {
      name: 'a range that ends before 65535 is not the ephemeral range',
      yaml: aclWith(allow(6, 1024, 5000)),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '0.0.0.0/0', service: 'RDP', protocol: 'tcp', ports: 'ports 1024-5000' },
          text: '0.0.0.0/0',
          related: RELATED,
        },
      ],
      output: withParameter(aclWith(allow(6, 1024, 5000, '!Ref AdminCidr'))),
    },
    {
      name: 'a range with both admin ports from ::/0',
      yaml: aclWith(allow(6, 20, 4000, "'::/0'", 'Ipv6CidrBlock')),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '::/0', service: 'SSH and RDP', protocol: 'tcp', ports: 'ports 20-4000' },
          text: "'::/0'",
          related: RELATED,
        },
      ],
      output: withParameter(aclWith(allow(6, 20, 4000, '!Ref AdminCidrIpv6', 'Ipv6CidrBlock')), 'IPv6'),
    },
    {
      name: 'a deny of 22 in front leaves RDP open; a later deny of 3389 does not count',
      yaml: aclWith(
        allow(6, 22, 3389),
        entry(
          'Ssh',
          'RuleNumber: 10, Protocol: 6, RuleAction: deny, CidrBlock: 0.0.0.0/0, PortRange: { From: 22, To: 22 }',
        ) +
          entry(
            'Rdp',
            'RuleNumber: 110, Protocol: 6, RuleAction: deny, CidrBlock: 0.0.0.0/0, PortRange: { From: 3389, To: 3389 }',
          ),
      ),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '0.0.0.0/0', service: 'RDP', protocol: 'tcp', ports: 'ports 22-3389' },
          text: '0.0.0.0/0',
          line: 8,
          related: RELATED,
        },
      ],
      output: withParameter(
        aclWith(
          allow(6, 22, 3389, '!Ref AdminCidr'),
          entry(
            'Ssh',
            'RuleNumber: 10, Protocol: 6, RuleAction: deny, CidrBlock: 0.0.0.0/0, PortRange: { From: 22, To: 22 }',
          ) +
            entry(
              'Rdp',
              'RuleNumber: 110, Protocol: 6, RuleAction: deny, CidrBlock: 0.0.0.0/0, PortRange: { From: 3389, To: 3389 }',
            ),
        ),
      ),
    },
    {
      name: 'a range from a parameter default: the fix removes the default',
      yaml: aclWith(
        allow(6, 22, 22, '!Ref Range'),
        '',
        'Parameters:\n  Range:\n    Type: String\n    Default: 0.0.0.0/0\n',
      ),
      errors: [
        {
          messageId: 'openPort',
          message: message('SSH', '0.0.0.0/0', 'tcp port 22', ' (by the default of parameter Range)'),
          text: '!Ref Range',
          related: RELATED,
        },
      ],
      output: aclWith(allow(6, 22, 22, '!Ref Range'), '', 'Parameters:\n  Range:\n    Type: String\n'),
    },
    {
      name: 'JSON: SSH by protocol name',
      json: `
        {
          "Resources": {
            "Open": {
              "Type": "AWS::EC2::NetworkAclEntry",
              "Properties": {
                "NetworkAclId": "acl-0123456789abcdef0",
                "RuleNumber": 100,
                "Protocol": "6",
                "RuleAction": "allow",
                "CidrBlock": "0.0.0.0/0",
                "PortRange": { "From": "22", "To": "22" }
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'openPort', message: message('SSH', '0.0.0.0/0', 'tcp port 22'), text: '"0.0.0.0/0"' }],
      output: `
        {
          "Parameters": {
            "AdminCidr": {
              "Type": "String",
              "Description": "The IPv4 range (CIDR) allowed to administer the hosts through Open; no default, so each deployment must choose it.",
              "AllowedPattern": ${JSON.stringify(IPV4_PATTERN)},
              "ConstraintDescription": "must be an IPv4 CIDR narrower than the whole internet, such as 203.0.113.0/24"
            }
          },
          "Resources": {
            "Open": {
              "Type": "AWS::EC2::NetworkAclEntry",
              "Properties": {
                "NetworkAclId": "acl-0123456789abcdef0",
                "RuleNumber": 100,
                "Protocol": "6",
                "RuleAction": "allow",
                "CidrBlock": { "Ref": "AdminCidr" },
                "PortRange": { "From": "22", "To": "22" }
              }
            }
          }
        }
      `,
    },
  ],
});
