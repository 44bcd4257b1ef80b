import * as assert from 'node:assert/strict';
import { securityGroupOpenAdminPort } from '../../../src/rules/firewall/security-group-open-admin-port';
import { isWholeInternet } from '../../../src/rules/security-group';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { plan, tf, withCidrVariable } from './terraform-text';

/** A security group with one inline ingress rule, given as YAML flow-style members. */
const groupWith = (rule: string, header = ''): string =>
  `${header}Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - { ${rule} }
`;

const SSH = { service: 'SSH', protocol: 'tcp', ports: 'port 22' };
const BOTH = 'SSH and RDP';
const CIDR_PARAMETER = 'Parameters:\n  AdminCidr:\n    Type: String\n';
const ENV = 'Parameters:\n  Env:\n    Type: String\n';
const CONDITION = 'Conditions:\n  Public: !Equals [!Ref Env, demo]\n';

const IPV4_PATTERN = String.raw`^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)/([1-9]|[12]\d|3[0-2])$`;
const IPV6_PATTERN = String.raw`^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/([1-9]|[1-9]\d|1[01]\d|12[0-8])$`;

/** The parameter the fix adds for `resource`, as block YAML under `Parameters:` at two spaces. */
function adminParameter(resource: string, family: 'IPv4' | 'IPv6' = 'IPv4'): string {
  const [name, pattern, example] =
    family === 'IPv4'
      ? ['AdminCidr', IPV4_PATTERN, '203.0.113.0/24']
      : ['AdminCidrIpv6', IPV6_PATTERN, '2001:db8:1234::/48'];
  return (
    `  ${name}:\n    Type: String\n` +
    `    Description: The ${family} range (CIDR) allowed to administer ${resource}; no default, so each deployment must choose it.\n` +
    `    AllowedPattern: ${pattern}\n` +
    `    ConstraintDescription: must be an ${family} CIDR narrower than the whole internet, such as ${example}\n`
  );
}

/** The parameter as a one-line JSON member. */
const ADMIN_JSON = (resource: string): string =>
  `"AdminCidr": { "Type": "String", "Description": "The IPv4 range (CIDR) allowed to administer ${resource}; no default, so each deployment must choose it.", ` +
  `"AllowedPattern": ${JSON.stringify(IPV4_PATTERN)}, "ConstraintDescription": "must be an IPv4 CIDR narrower than the whole internet, such as 203.0.113.0/24" }`;

/** A template with a new `Parameters` section holding the added parameter, before `Resources`. */
const withParameter = (template: string, resource: string, family: 'IPv4' | 'IPv6' = 'IPv4'): string =>
  template.replace(/^Resources:$/m, `Parameters:\n${adminParameter(resource, family)}Resources:`);

/** A Terraform security group `web` with these inline `ingress` members (a JSON object's inside). */
const tfGroup = (ingress: string): string => tf([`"aws_security_group": { "web": { "ingress": { ${ingress} } } }`]);

/** `tf(...)` text with the fix applied: the range replaced by a new variable, the variable added last. */
const withVariable = (text: string, resource: string, range = '0.0.0.0/0'): string =>
  range === '::/0'
    ? withCidrVariable(text, range, 'admin_cidr_ipv6', `administer ${resource}`, 'IPv6')
    : withCidrVariable(text, range, 'admin_cidr', `administer ${resource}`);

const SSH_RULE = '"protocol": "tcp", "from_port": 22, "to_port": 22';
const TF_RULE = `"type": "ingress", "security_group_id": "\${aws_security_group.web.id}", ${SSH_RULE}`;

new RuleTester().run(securityGroupOpenAdminPort, {
  valid: [
    {
      name: 'Terraform: HTTPS open to the world',
      tf: tfGroup('"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]'),
    },
    {
      name: 'Terraform: SSH from a private range',
      tf: tfGroup(`${SSH_RULE}, "cidr_blocks": ["10.0.0.0/8", "192.168.0.0/16"]`),
    },
    {
      name: 'Terraform: an egress block is not ingress',
      tf: tf([`"aws_security_group": { "web": { "egress": { ${SSH_RULE}, "cidr_blocks": ["0.0.0.0/0"] } } }`]),
    },
    {
      name: 'Terraform: a separate egress rule is not ingress',
      tf: tf([
        `"aws_security_group_rule": { "out": { ${TF_RULE.replace('ingress', 'egress')}, "cidr_blocks": ["0.0.0.0/0"] } }`,
      ]),
    },
    {
      name: 'Terraform: a range from a function or a variable without default is unknown',
      tf: tf(
        [
          `"aws_security_group": { "web": { "ingress": [ { ${SSH_RULE}, "cidr_blocks": ["\${var.admin}"] }, { ${SSH_RULE}, "cidr_blocks": "\${concat(var.a, var.b)}" } ] } }`,
        ],
        '  "variable": { "admin": { "type": "string" } },\n',
      ),
    },
    {
      name: 'plan: SSH from a private range',
      plan: plan([
        {
          address: 'aws_security_group.web',
          values: {
            ingress: [
              { protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['10.0.0.0/8'], ipv6_cidr_blocks: [] },
            ],
          },
        },
      ]),
    },
    {
      name: 'HTTPS open to the world',
      yaml: groupWith('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0'),
    },
    {
      name: 'SSH from a private range',
      yaml: groupWith('IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8'),
    },
    {
      name: 'SSH from a bastion group',
      yaml: groupWith('IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupId: sg-0123456789abcdef0'),
    },
    { name: 'UDP 22 is not SSH', yaml: groupWith('IpProtocol: udp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0') },
    { name: 'ICMP on every type', yaml: groupWith('IpProtocol: icmp, FromPort: -1, ToPort: -1, CidrIp: 0.0.0.0/0') },
    {
      name: 'a range between the admin ports',
      yaml: groupWith('IpProtocol: tcp, FromPort: 23, ToPort: 3388, CidrIpv6: ::/0'),
    },
    {
      name: 'an IPv6 range that is not the whole internet',
      yaml: groupWith("IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: '2001:db8::/32'"),
    },
    {
      name: 'an IPv6 range in the IPv4 key is not read as IPv4',
      yaml: groupWith("IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: '::/0'"),
    },
    {
      name: 'a parameter without default or allowed values is unknown',
      yaml: groupWith('IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr', CIDR_PARAMETER),
    },
    {
      name: 'an imported range is unknown',
      yaml: groupWith('IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !ImportValue AdminRange'),
    },
    {
      name: 'an unknown protocol is unknown',
      yaml: groupWith(
        'IpProtocol: !Ref Proto, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0',
        'Parameters:\n  Proto:\n    Type: String\n',
      ),
    },
    { name: 'missing ports are unknown', yaml: groupWith('IpProtocol: tcp, CidrIp: 0.0.0.0/0') },
    {
      name: 'ports of contradicting branches are never combined',
      yaml: groupWith(
        'IpProtocol: tcp, FromPort: !If [Public, 20, 3390], ToPort: !If [Public, 21, 4000], CidrIp: 0.0.0.0/0',
        ENV + CONDITION,
      ),
    },
    // Protocol -1 and every-port ranges are firewall/security-group-open-all-ports' findings, one per ingress.
    { name: 'protocol -1 is left to the all-ports rule', yaml: groupWith('IpProtocol: -1, CidrIp: 0.0.0.0/0') },
    {
      name: 'tcp on every port is left to the all-ports rule',
      yaml: groupWith('IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIpv6: ::/0'),
    },
    {
      name: 'tcp -1 to -1 is every port, left to the all-ports rule',
      yaml: groupWith('IpProtocol: tcp, FromPort: -1, ToPort: -1, CidrIpv6: 0::0/0'),
    },
    {
      name: 'egress is not ingress',
      yaml: resourcesYaml(`
        Web:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: web
            SecurityGroupEgress:
              - IpProtocol: -1
                CidrIp: 0.0.0.0/0
      `),
    },
    {
      name: 'JSON: a separate ingress from a private range',
      json: `
        {
          "Resources": {
            "Ssh": {
              "Type": "AWS::EC2::SecurityGroupIngress",
              "Properties": { "GroupId": "sg-0123456789abcdef0", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "192.168.0.0/16" }
            }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'Terraform: SSH from 0.0.0.0/0 in an inline block; the fix adds a variable without default',
      tf: tfGroup(`${SSH_RULE}, "cidr_blocks": ["0.0.0.0/0"]`),
      errors: [
        {
          messageId: 'openPort',
          message: 'Ingress from 0.0.0.0/0 opens SSH to the whole internet (tcp port 22).',
          data: { cidr: '0.0.0.0/0', ...SSH },
          text: '"0.0.0.0/0"',
          line: 3,
        },
      ],
      output: withVariable(tfGroup(`${SSH_RULE}, "cidr_blocks": ["0.0.0.0/0"]`), 'aws_security_group.web'),
    },
    {
      name: 'Terraform: blocks as an array, RDP from ::/0 in the default security group',
      tf: tf([
        `"aws_default_security_group": { "default": { "ingress": [ { ${SSH_RULE}, "cidr_blocks": ["10.0.0.0/8"] }, { "protocol": "6", "from_port": 3389, "to_port": 3389, "ipv6_cidr_blocks": ["::/0"] } ] } }`,
      ]),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '::/0', service: 'RDP', protocol: 'tcp', ports: 'port 3389' },
          text: '"::/0"',
        },
      ],
      output: withVariable(
        tf([
          `"aws_default_security_group": { "default": { "ingress": [ { ${SSH_RULE}, "cidr_blocks": ["10.0.0.0/8"] }, { "protocol": "6", "from_port": 3389, "to_port": 3389, "ipv6_cidr_blocks": ["::/0"] } ] } }`,
        ]),
        'aws_default_security_group.default',
        '::/0',
      ),
    },
    {
      name: 'Terraform: a separate rule names the group it opens',
      tf: tf([
        `"aws_security_group": { "web": { "name": "web" } }`,
        `"aws_security_group_rule": { "ssh": { ${TF_RULE}, "cidr_blocks": ["0.0.0.0/0"] } }`,
      ]),
      errors: [
        {
          messageId: 'openPort',
          text: '"0.0.0.0/0"',
          related: [
            {
              message: 'Security group aws_security_group.web, which this ingress opens',
              text: '"web"',
              line: 3,
              column: 29,
            },
          ],
        },
      ],
      output: withVariable(
        tf([
          `"aws_security_group": { "web": { "name": "web" } }`,
          `"aws_security_group_rule": { "ssh": { ${TF_RULE}, "cidr_blocks": ["0.0.0.0/0"] } }`,
        ]),
        'aws_security_group_rule.ssh',
      ),
    },
    {
      name: 'Terraform: a VPC ingress rule resource',
      tf: tf([
        `"aws_security_group": { "web": {} }`,
        `"aws_vpc_security_group_ingress_rule": { "ssh": { "security_group_id": "\${aws_security_group.web.id}", "ip_protocol": "tcp", "from_port": 20, "to_port": 3389, "cidr_ipv4": "0.0.0.0/0" } }`,
      ]),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '0.0.0.0/0', service: BOTH, protocol: 'tcp', ports: 'ports 20-3389' },
          text: '"0.0.0.0/0"',
          related: [{ message: 'Security group aws_security_group.web, which this ingress opens', text: '"web"' }],
        },
      ],
      output: withVariable(
        tf([
          `"aws_security_group": { "web": {} }`,
          `"aws_vpc_security_group_ingress_rule": { "ssh": { "security_group_id": "\${aws_security_group.web.id}", "ip_protocol": "tcp", "from_port": 20, "to_port": 3389, "cidr_ipv4": "0.0.0.0/0" } }`,
        ]),
        'aws_vpc_security_group_ingress_rule.ssh',
      ),
    },
    {
      name: "Terraform: a variable's default is followed, and the fix removes it",
      tf: tf(
        [`"aws_security_group": { "web": { "ingress": { ${SSH_RULE}, "cidr_blocks": ["\${var.admin}"] } } }`],
        '  "variable": { "admin": { "default": "0.0.0.0/0" } },\n',
      ),
      errors: [
        {
          messageId: 'openPort',
          message:
            'Ingress from 0.0.0.0/0 opens SSH to the whole internet (tcp port 22) (by the default of variable admin).',
          text: '"${var.admin}"',
        },
      ],
      output: tf(
        [`"aws_security_group": { "web": { "ingress": { ${SSH_RULE}, "cidr_blocks": ["\${var.admin}"] } } }`],
        '  "variable": { "admin": {} },\n',
      ),
    },
    {
      name: "Terraform: a list variable's default that includes the whole internet",
      tf: tf(
        [`"aws_security_group": { "web": { "ingress": { ${SSH_RULE}, "cidr_blocks": "\${var.ranges}" } } }`],
        '  "variable": { "ranges": { "type": "list(string)", "default": ["10.0.0.0/8", "0.0.0.0/0"] } },\n',
      ),
      errors: [{ messageId: 'openPort', data: { cidr: '0.0.0.0/0', ...SSH }, text: '"${var.ranges}"' }],
      output: tf(
        [`"aws_security_group": { "web": { "ingress": { ${SSH_RULE}, "cidr_blocks": "\${var.ranges}" } } }`],
        '  "variable": { "ranges": { "type": "list(string)" } },\n',
      ),
    },
    {
      name: 'plan: an inline block and a separate rule tied to its group by the configuration, no fixes',
      plan: plan([
        {
          address: 'aws_security_group.web',
          values: {
            ingress: [
              { protocol: 'tcp', from_port: 3389, to_port: 3389, cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [] },
            ],
          },
        },
        {
          address: 'aws_security_group_rule.ssh',
          values: { type: 'ingress', protocol: 'tcp', from_port: 22, to_port: 22, ipv6_cidr_blocks: ['::/0'] },
          unknown: { security_group_id: true },
          references: { security_group_id: ['aws_security_group.web'] },
        },
      ]),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '0.0.0.0/0', service: 'RDP', protocol: 'tcp', ports: 'port 3389' },
          text: '"0.0.0.0/0"',
        },
        {
          messageId: 'openPort',
          data: { cidr: '::/0', ...SSH },
          text: '"::/0"',
          related: [
            {
              message: 'Security group aws_security_group.web, which this ingress opens',
              text: '"aws_security_group.web"',
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
        Bastion:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: bastion
            SecurityGroupIngress:
              - IpProtocol: tcp
                FromPort: 22
                ToPort: 22
                CidrIp: 0.0.0.0/0
      `),
      errors: [
        {
          messageId: 'openPort',
          message: 'Ingress from 0.0.0.0/0 opens SSH to the whole internet (tcp port 22).',
          data: { cidr: '0.0.0.0/0', ...SSH },
          underline: 'CidrIp: 0.0.0.0/0\n        ~~~~~~~~~',
        },
      ],
      output: withParameter(
        resourcesYaml(`
          Bastion:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: bastion
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp:
                    Ref: AdminCidr
        `),
        'Bastion',
      ),
    },
    {
      name: 'protocol by number, ports as strings',
      yaml: groupWith("IpProtocol: '6', FromPort: '22', ToPort: '22', CidrIp: '0.0.0.0/0'"),
      errors: [{ messageId: 'openPort', data: { cidr: '0.0.0.0/0', ...SSH }, text: "'0.0.0.0/0'" }],
      output: withParameter(
        groupWith("IpProtocol: '6', FromPort: '22', ToPort: '22', CidrIp: { Ref: AdminCidr }"),
        'Web',
      ),
    },
    {
      name: 'RDP over UDP',
      yaml: groupWith('IpProtocol: udp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0'),
      errors: [
        {
          messageId: 'openPort',
          message: 'Ingress from 0.0.0.0/0 opens RDP to the whole internet (udp port 3389).',
          text: '0.0.0.0/0',
        },
      ],
      output: withParameter(
        groupWith('IpProtocol: udp, FromPort: 3389, ToPort: 3389, CidrIp: { Ref: AdminCidr }'),
        'Web',
      ),
    },
    {
      name: 'a range that holds both admin ports but not every port, IPv6',
      yaml: groupWith('IpProtocol: tcp, FromPort: 1, ToPort: 65535, CidrIpv6: ::/0'),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '::/0', service: BOTH, protocol: 'tcp', ports: 'ports 1-65535' },
          text: '::/0',
        },
      ],
      output: withParameter(
        groupWith('IpProtocol: tcp, FromPort: 1, ToPort: 65535, CidrIpv6: { Ref: AdminCidrIpv6 }'),
        'Web',
        'IPv6',
      ),
    },
    {
      name: 'a range that holds SSH only',
      yaml: groupWith('IpProtocol: tcp, FromPort: 20, ToPort: 30, CidrIpv6: ::0/0'),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '::0/0', service: 'SSH', protocol: 'tcp', ports: 'ports 20-30' },
          text: '::0/0',
        },
      ],
      output: withParameter(
        groupWith('IpProtocol: tcp, FromPort: 20, ToPort: 30, CidrIpv6: { Ref: AdminCidrIpv6 }'),
        'Web',
        'IPv6',
      ),
    },
    {
      name: 'host bits with prefix 0 are masked by EC2 to the whole internet',
      yaml: groupWith('IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 203.0.113.7/0'),
      errors: [{ messageId: 'openPort', data: { cidr: '203.0.113.7/0', ...SSH }, text: '203.0.113.7/0' }],
      output: withParameter(groupWith('IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: { Ref: AdminCidr }'), 'Web'),
    },
    {
      name: 'a parameter default of 0.0.0.0/0 is what deploys',
      yaml: groupWith(
        'IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr',
        `${CIDR_PARAMETER}    Default: 0.0.0.0/0\n`,
      ),
      errors: [
        {
          messageId: 'openPort',
          message:
            'Ingress from 0.0.0.0/0 opens SSH to the whole internet (tcp port 22) (by the default of parameter AdminCidr).',
          underline:
            '- { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr }\n                                                       ~~~~~~~~~~~~~~',
        },
      ],
      // The default goes; nothing else changes, so every deployment must now name its range.
      output: groupWith('IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr', CIDR_PARAMETER),
    },
    {
      name: 'allowed values without a default: the open one is named',
      yaml: groupWith(
        'IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: !Ref AdminCidr',
        `${CIDR_PARAMETER}    AllowedValues: [10.0.0.0/8, 0.0.0.0/0]\n`,
      ),
      errors: [
        {
          messageId: 'openPort',
          message:
            "Ingress from 0.0.0.0/0 opens RDP to the whole internet (tcp port 3389) (when parameter AdminCidr is '0.0.0.0/0').",
          text: '!Ref AdminCidr',
        },
      ],
      output: null,
    },
    {
      name: 'an undecided !If: the open branch is reported and named',
      yaml: groupWith(
        'IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !If [Public, 0.0.0.0/0, 10.0.0.0/8]',
        ENV + CONDITION,
      ),
      errors: [
        {
          messageId: 'openPort',
          message:
            'Ingress from 0.0.0.0/0 opens SSH to the whole internet (tcp port 22) (when condition Public is true).',
          text: '0.0.0.0/0',
        },
      ],
      output: groupWith(
        'IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !If [Public, !Ref AdminCidr, 10.0.0.0/8]',
        ENV + adminParameter('Web') + CONDITION,
      ),
    },
    {
      name: 'ports from an undecided !If: only the consistent branch',
      yaml: groupWith(
        'IpProtocol: tcp, FromPort: !If [Public, 22, 443], ToPort: !If [Public, 22, 443], CidrIp: !Sub "0.0.0.0/${Bits}"',
        `${ENV}  Bits:\n    Type: String\n    Default: '0'\n${CONDITION}`,
      ),
      errors: [
        {
          messageId: 'openPort',
          message:
            'Ingress from 0.0.0.0/0 opens SSH to the whole internet (tcp port 22) (when condition Public is true, by the default of parameter Bits).',
          text: '!Sub "0.0.0.0/${Bits}"',
        },
      ],
      output: null,
    },
    {
      name: 'several inline rules, each reported on its own line',
      yaml: resourcesYaml(`
        Admin:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: admin
            SecurityGroupIngress:
              - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
              - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
              - { IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIpv6: '0:0:0:0:0:0:0:0/0' }
      `),
      errors: [
        { messageId: 'openPort', data: { cidr: '0.0.0.0/0', ...SSH }, line: 8, text: '0.0.0.0/0' },
        {
          messageId: 'openPort',
          data: { cidr: '0:0:0:0:0:0:0:0/0', service: 'RDP', protocol: 'tcp', ports: 'port 3389' },
          text: "'0:0:0:0:0:0:0:0/0'",
        },
      ],
      // Both fixes add a parameter at one place: one pass takes the first; the second waits for the next pass.
      output: withParameter(
        resourcesYaml(`
          Admin:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: admin
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: { Ref: AdminCidr } }
                - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
                - { IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIpv6: '0:0:0:0:0:0:0:0/0' }
        `),
        'Admin',
      ),
    },
    {
      name: 'a separate ingress points at its group in the template',
      yaml: resourcesYaml(`
        Web:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: web
        WebSsh:
          Type: AWS::EC2::SecurityGroupIngress
          Properties:
            GroupId: !GetAtt Web.GroupId
            IpProtocol: tcp
            FromPort: 22
            ToPort: 22
            CidrIp: 0.0.0.0/0
      `),
      errors: [
        {
          messageId: 'openPort',
          underline: 'CidrIp: 0.0.0.0/0\n        ~~~~~~~~~',
          related: [{ message: 'Security group Web, which this ingress opens', underline: 'Web:\n~~~', line: 3 }],
        },
      ],
      output: withParameter(
        resourcesYaml(`
          Web:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: web
          WebSsh:
            Type: AWS::EC2::SecurityGroupIngress
            Properties:
              GroupId: !GetAtt Web.GroupId
              IpProtocol: tcp
              FromPort: 22
              ToPort: 22
              CidrIp: !Ref AdminCidr
        `),
        'WebSsh',
      ),
    },
    {
      name: 'a separate ingress on a group outside the template has no related location',
      yaml: resourcesYaml(
        'Ssh:\n  Type: AWS::EC2::SecurityGroupIngress\n  Properties:\n    GroupId: sg-0123456789abcdef0\n    IpProtocol: tcp\n    FromPort: 22\n    ToPort: 22\n    CidrIp: 0.0.0.0/0\n',
      ),
      errors: [{ messageId: 'openPort', text: '0.0.0.0/0' }],
      output: withParameter(
        resourcesYaml(
          'Ssh:\n  Type: AWS::EC2::SecurityGroupIngress\n  Properties:\n    GroupId: sg-0123456789abcdef0\n    IpProtocol: tcp\n    FromPort: 22\n    ToPort: 22\n    CidrIp:\n      Ref: AdminCidr\n',
        ),
        'Ssh',
      ),
    },
    {
      name: 'JSON: Ref, protocol number 17 and an Fn::If that drops the rule on one branch',
      json: `
        {
          "Parameters": { "Env": { "Type": "String" } },
          "Conditions": { "Remote": { "Fn::Equals": [{ "Ref": "Env" }, "lab"] } },
          "Resources": {
            "Desktops": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "desktops" } },
            "Rdp": {
              "Type": "AWS::EC2::SecurityGroupIngress",
              "Properties": {
                "GroupId": { "Ref": "Desktops" },
                "IpProtocol": 17,
                "FromPort": 3389,
                "ToPort": 3389,
                "CidrIp": { "Fn::If": ["Remote", "0.0.0.0/0", { "Ref": "AWS::NoValue" }] }
              }
            }
          }
        }
      `,
      errors: [
        {
          messageId: 'openPort',
          message:
            'Ingress from 0.0.0.0/0 opens RDP to the whole internet (udp port 3389) (when condition Remote is true).',
          text: '"0.0.0.0/0"',
          related: [{ text: '"Desktops"', line: 5 }],
        },
      ],
      // A one-line Parameters object stays on one line.
      output: `
        {
          "Parameters": { "Env": { "Type": "String" }, ${ADMIN_JSON('Rdp')} },
          "Conditions": { "Remote": { "Fn::Equals": [{ "Ref": "Env" }, "lab"] } },
          "Resources": {
            "Desktops": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "desktops" } },
            "Rdp": {
              "Type": "AWS::EC2::SecurityGroupIngress",
              "Properties": {
                "GroupId": { "Ref": "Desktops" },
                "IpProtocol": 17,
                "FromPort": 3389,
                "ToPort": 3389,
                "CidrIp": { "Fn::If": ["Remote", { "Ref": "AdminCidr" }, { "Ref": "AWS::NoValue" }] }
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON: an inline rule in a Fn::If list item',
      json: `
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Resources": {
            "Group": {
              "Type": "AWS::EC2::SecurityGroup",
              "Properties": {
                "GroupDescription": "g",
                "SecurityGroupIngress": [
                  { "Fn::If": ["Never", { "Ref": "AWS::NoValue" }, { "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0" }] }
                ]
              }
            }
          },
          "Conditions": { "Never": { "Fn::Equals": ["a", "b"] } }
        }
      `,
      errors: [
        {
          messageId: 'openPort',
          message: 'Ingress from 0.0.0.0/0 opens SSH to the whole internet (tcp port 22).',
          text: '"0.0.0.0/0"',
        },
      ],
      // Parameters is created after AWSTemplateFormatVersion, across lines like the rest of the file.
      output: `
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Parameters": {
            "AdminCidr": {
              "Type": "String",
              "Description": "The IPv4 range (CIDR) allowed to administer Group; no default, so each deployment must choose it.",
              "AllowedPattern": ${JSON.stringify(IPV4_PATTERN)},
              "ConstraintDescription": "must be an IPv4 CIDR narrower than the whole internet, such as 203.0.113.0/24"
            }
          },
          "Resources": {
            "Group": {
              "Type": "AWS::EC2::SecurityGroup",
              "Properties": {
                "GroupDescription": "g",
                "SecurityGroupIngress": [
                  { "Fn::If": ["Never", { "Ref": "AWS::NoValue" }, { "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": { "Ref": "AdminCidr" } }] }
                ]
              }
            }
          },
          "Conditions": { "Never": { "Fn::Equals": ["a", "b"] } }
        }
      `,
    },
    {
      name: 'fix: a name in use gets a number, and a file with short forms gets !Ref',
      yaml: `
        Parameters:
          AdminCidr:
            Type: String
            Default: 10.0.0.0/8
        Resources:
          AdminCidr2:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: !Sub admin from \${AdminCidr}
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp: 0.0.0.0/0 # temporary
      `,
      errors: [{ messageId: 'openPort', text: '0.0.0.0/0' }],
      output:
        'Parameters:\n  AdminCidr:\n    Type: String\n    Default: 10.0.0.0/8\n' +
        adminParameter('AdminCidr2').replace('AdminCidr:', 'AdminCidr3:') +
        'Resources:\n  AdminCidr2:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n' +
        '      GroupDescription: !Sub admin from ${AdminCidr}\n      SecurityGroupIngress:\n' +
        '        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: !Ref AdminCidr3 # temporary\n',
    },
    {
      name: 'fix, JSON: the default goes with its comma',
      json: `
        {
          "Parameters": {
            "AdminCidr": {
              "Type": "String",
              "Default": "0.0.0.0/0",
              "Description": "operators"
            }
          },
          "Resources": {
            "Ssh": {
              "Type": "AWS::EC2::SecurityGroupIngress",
              "Properties": { "GroupId": "sg-1", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": { "Ref": "AdminCidr" } }
            }
          }
        }
      `,
      errors: [{ messageId: 'openPort', text: '{ "Ref": "AdminCidr" }' }],
      output: `
        {
          "Parameters": {
            "AdminCidr": {
              "Type": "String",
              "Description": "operators"
            }
          },
          "Resources": {
            "Ssh": {
              "Type": "AWS::EC2::SecurityGroupIngress",
              "Properties": { "GroupId": "sg-1", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": { "Ref": "AdminCidr" } }
            }
          }
        }
      `,
    },
    {
      name: 'no fix: a range from a mapping is not the rule’s to edit',
      yaml: `
        Mappings:
          Ranges:
            Admin:
              Cidr: 0.0.0.0/0
        Resources:
          Ssh:
            Type: AWS::EC2::SecurityGroupIngress
            Properties: { GroupId: sg-1, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !FindInMap [Ranges, Admin, Cidr] }
      `,
      errors: [{ messageId: 'openPort', text: '!FindInMap [Ranges, Admin, Cidr]' }],
      output: null,
    },
  ],
});

describe('isWholeInternet', () => {
  it('accepts every address with prefix length 0, which EC2 masks to the whole internet, and nothing narrower', () => {
    for (const cidr of ['0.0.0.0/0', '10.1.2.3/0', '255.255.255.255/0'])
      assert.ok(isWholeInternet('CidrIp', cidr), cidr);
    for (const cidr of ['0.0.0.0/1', '0.0.0.0/00', '0.0.0.0', '0.0.0/0', '256.0.0.0/0', '::/0', ' 0.0.0.0/0'])
      assert.ok(!isWholeInternet('CidrIp', cidr), cidr);
    for (const cidr of [
      '::/0',
      '::0/0',
      '0::0/0',
      '0:0:0:0:0:0:0:0/0',
      '0000::/0',
      '::0.0.0.0/0',
      '0:0::0:0/0',
      '2001:db8::/0',
      '::ffff:1.2.3.4/0',
    ]) {
      assert.ok(isWholeInternet('CidrIpv6', cidr), cidr);
    }
    for (const cidr of [
      '::/1',
      '::/00',
      '0:0:0:0:0:0:0/0',
      '0:0:0:0:0:0:0:0:0/0',
      ':::/0',
      '0::0::0/0',
      '00000::/0',
      'g::/0',
      '0.0.0.0/0',
    ]) {
      assert.ok(!isWholeInternet('CidrIpv6', cidr), cidr);
    }
  });
});
