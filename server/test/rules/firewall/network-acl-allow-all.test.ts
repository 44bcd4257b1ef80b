import { networkAclAllowAll } from '../../../src/rules/firewall/network-acl-allow-all';
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

/** A further entry of the same ACL, in flow style. */
const entry = (id: string, properties: string): string =>
  `${id}:\n  Type: AWS::EC2::NetworkAclEntry\n  Properties: { NetworkAclId: !Ref Acl, ${properties} }\n`;

const ALL = 'RuleNumber: 100, Protocol: -1, RuleAction: allow';
const RELATED = [{ message: 'Network ACL Acl, which this entry belongs to', underline: 'Acl:\n~~~' }];

function parameter(resource: string, family: 'IPv4' | 'IPv6' = 'IPv4'): string {
  const [name, pattern, example] =
    family === 'IPv4'
      ? ['AllowedCidr', IPV4_PATTERN, '203.0.113.0/24']
      : ['AllowedCidrIpv6', IPV6_PATTERN, '2001:db8:1234::/48'];
  return (
    `  ${name}:\n    Type: String\n` +
    `    Description: The ${family} range (CIDR) allowed to reach the subnets through ${resource}; no default, so each deployment must choose it.\n` +
    `    AllowedPattern: ${pattern}\n` +
    `    ConstraintDescription: must be an ${family} CIDR narrower than the whole internet, such as ${example}\n`
  );
}

/** The template with a new `Parameters` section before `Resources`. */
const withParameter = (template: string, resource = 'Open', family: 'IPv4' | 'IPv6' = 'IPv4'): string =>
  template.replace(/^Resources:$/m, `Parameters:\n${parameter(resource, family)}Resources:`);

const ALL_TRAFFIC = (via = ''): string =>
  'Network ACL entry allows all inbound traffic from 0.0.0.0/0 (Protocol -1: every protocol on every port), and no ' +
  `lower-numbered entry of the ACL denies it first: the subnet firewall lets the whole internet in${via}.`;

const TF_ALL = '"protocol": "-1", "action": "allow", "from_port": 0, "to_port": 0';
const TF_DENY =
  '"rule_no": 50, "protocol": "-1", "action": "deny", "from_port": 0, "to_port": 0, "cidr_block": "0.0.0.0/0"';
const TF_ACL = '"aws_network_acl": { "main": { "vpc_id": "vpc-0123456789abcdef0" } }';
/** An `aws_network_acl_rule` of `aws_network_acl.main` with these further members. */
const tfRule = (name: string, members: string): string =>
  `"${name}": { "network_acl_id": "\${aws_network_acl.main.id}", ${members} }`;
const TF_RELATED = [{ message: 'Network ACL aws_network_acl.main, which this entry belongs to', text: '"main"' }];

new RuleTester().run(networkAclAllowAll, {
  valid: [
    {
      name: 'Terraform: a lower-numbered inline deny shadows the inline allow',
      tf: tf([
        `"aws_network_acl": { "main": { "ingress": [ { "rule_no": 100, ${TF_ALL}, "cidr_block": "0.0.0.0/0" }, { ${TF_DENY} } ] } }`,
      ]),
    },
    {
      name: 'Terraform: a lower-numbered deny rule resource shadows an allow rule resource',
      tf: tf([
        TF_ACL,
        `"aws_network_acl_rule": { ${tfRule('all', '"rule_number": 100, "rule_action": "allow", "protocol": "all", "cidr_block": "0.0.0.0/0"')}, ${tfRule('deny', '"rule_number": 10, "rule_action": "deny", "protocol": "-1", "cidr_block": "0.0.0.0/0"')} }`,
      ]),
    },
    {
      name: 'Terraform: a deny that only some deployments create (count) leaves the allow unknown',
      tf: tf([
        TF_ACL,
        `"aws_network_acl_rule": { ${tfRule('all', '"rule_number": 100, "rule_action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0"')}, ${tfRule('deny', '"count": "${var.strict ? 1 : 0}", "rule_number": 10, "rule_action": "deny", "protocol": "-1", "cidr_block": "0.0.0.0/0"')} }`,
      ]),
    },
    {
      name: 'Terraform: egress rule resources and the default ACL the provider empties',
      tf: tf([
        '"aws_default_network_acl": { "default": { "default_network_acl_id": "acl-0123456789abcdef0" } }',
        `"aws_network_acl_rule": { "out": { "network_acl_id": "acl-0123456789abcdef0", "egress": true, "rule_number": 100, "rule_action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0" } }`,
      ]),
    },
    {
      name: 'HTTPS from the world',
      yaml: aclWith(
        'RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: { From: 443, To: 443 }',
      ),
    },
    { name: 'all traffic from a private range', yaml: aclWith(`${ALL}, CidrBlock: 10.0.0.0/8`) },
    { name: 'egress all traffic', yaml: aclWith(`${ALL}, Egress: true, CidrBlock: 0.0.0.0/0`) },
    {
      name: 'a deny of all traffic',
      yaml: aclWith('RuleNumber: 100, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0'),
    },
    {
      name: 'ICMP is not all traffic',
      yaml: aclWith(
        'RuleNumber: 100, Protocol: 1, RuleAction: allow, CidrBlock: 0.0.0.0/0, Icmp: { Code: -1, Type: -1 }',
      ),
    },
    {
      name: 'the ephemeral ports are not every port',
      yaml: aclWith(
        'RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: { From: 1024, To: 65535 }',
      ),
    },
    {
      name: 'a lower-numbered deny of all traffic shadows the allow',
      yaml: aclWith(
        `${ALL}, CidrBlock: 0.0.0.0/0`,
        entry('Deny', 'RuleNumber: 50, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0'),
      ),
    },
    {
      name: 'a lower-numbered deny of every tcp port shadows an allow of every tcp port, IPv6',
      yaml: aclWith(
        "RuleNumber: 100, Protocol: 6, RuleAction: allow, Ipv6CidrBlock: '::/0', PortRange: { From: 0, To: 65535 }",
        entry('Deny', "RuleNumber: 99, Protocol: '-1', RuleAction: deny, Ipv6CidrBlock: '::0/0'"),
      ),
    },
    {
      name: 'a deny with an unknown RuleNumber might come first: unknown',
      yaml: aclWith(
        `${ALL}, CidrBlock: 0.0.0.0/0`,
        entry('Deny', 'RuleNumber: !Ref First, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0'),
        'Parameters:\n  First:\n    Type: Number\n',
      ),
    },
    {
      name: 'an entry with an unknown action might be a deny: unknown',
      yaml: aclWith(
        `${ALL}, CidrBlock: 0.0.0.0/0`,
        entry('Other', 'RuleNumber: 10, Protocol: -1, RuleAction: !Ref Action, CidrBlock: 0.0.0.0/0'),
        'Parameters:\n  Action:\n    Type: String\n',
      ),
    },
    {
      name: 'a deny of an external ACL written with the same id shadows',
      yaml: resourcesYaml(`
        Deny:
          Type: AWS::EC2::NetworkAclEntry
          Properties: { NetworkAclId: acl-0123456789abcdef0, RuleNumber: 1, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0 }
        Open:
          Type: AWS::EC2::NetworkAclEntry
          Properties: { NetworkAclId: acl-0123456789abcdef0, ${ALL}, CidrBlock: 0.0.0.0/0 }
      `),
    },
    {
      name: 'a range from a parameter without default is unknown',
      yaml: aclWith(`${ALL}, CidrBlock: !Ref Range`, '', 'Parameters:\n  Range:\n    Type: String\n'),
    },
    {
      name: 'an unknown direction is unknown',
      yaml: aclWith(`${ALL}, Egress: !Ref Out, CidrBlock: 0.0.0.0/0`, '', 'Parameters:\n  Out:\n    Type: String\n'),
    },
    {
      name: 'a deny that exists only under a condition decides nothing for sure: unknown',
      yaml: aclWith(
        `${ALL}, CidrBlock: 0.0.0.0/0`,
        entry('Deny', 'RuleNumber: 50, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0') + '  Condition: Locked\n',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Locked: !Equals [!Ref Env, prod]\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: an inline allow of all traffic',
      tf: tf([
        `"aws_network_acl": { "main": { "ingress": { "rule_no": 100, ${TF_ALL}, "cidr_block": "0.0.0.0/0" } } }`,
      ]),
      errors: [
        {
          messageId: 'allTraffic',
          message: ALL_TRAFFIC().replace('Protocol', 'protocol'),
          data: { cidr: '0.0.0.0/0', protocol: 'all', setting: 'protocol' },
          text: '"0.0.0.0/0"',
        },
      ],
      output: withCidrVariable(
        tf([`"aws_network_acl": { "main": { "ingress": { "rule_no": 100, ${TF_ALL}, "cidr_block": "0.0.0.0/0" } } }`]),
        '0.0.0.0/0',
        'allowed_cidr',
        'reach the subnets through aws_network_acl.main',
      ),
    },
    {
      name: 'Terraform: a rule resource that a higher-numbered deny does not shadow names its ACL',
      tf: tf([
        TF_ACL,
        `"aws_network_acl_rule": { ${tfRule('all', '"rule_number": 100, "rule_action": "allow", "protocol": "all", "ipv6_cidr_block": "::/0"')}, ${tfRule('deny', '"rule_number": 200, "rule_action": "deny", "protocol": "-1", "ipv6_cidr_block": "::/0"')} }`,
      ]),
      errors: [
        {
          messageId: 'allTraffic',
          data: { cidr: '::/0', protocol: 'all', setting: 'protocol' },
          text: '"::/0"',
          line: 4,
          column: 170,
          related: TF_RELATED,
        },
      ],
      output: withCidrVariable(
        tf([
          TF_ACL,
          `"aws_network_acl_rule": { ${tfRule('all', '"rule_number": 100, "rule_action": "allow", "protocol": "all", "ipv6_cidr_block": "::/0"')}, ${tfRule('deny', '"rule_number": 200, "rule_action": "deny", "protocol": "-1", "ipv6_cidr_block": "::/0"')} }`,
        ]),
        '::/0',
        'allowed_cidr_ipv6',
        'reach the subnets through aws_network_acl_rule.all',
        'IPv6',
      ),
    },
    {
      name: 'Terraform: every tcp port in the default ACL',
      tf: tf([
        '"aws_default_network_acl": { "default": { "ingress": { "rule_no": 100, "protocol": "tcp", "action": "allow", "from_port": 0, "to_port": 65535, "cidr_block": "0.0.0.0/0" } } }',
      ]),
      errors: [{ messageId: 'allPorts', data: { cidr: '0.0.0.0/0', protocol: 'tcp' }, text: '"0.0.0.0/0"' }],
      output: withCidrVariable(
        tf([
          '"aws_default_network_acl": { "default": { "ingress": { "rule_no": 100, "protocol": "tcp", "action": "allow", "from_port": 0, "to_port": 65535, "cidr_block": "0.0.0.0/0" } } }',
        ]),
        '0.0.0.0/0',
        'allowed_cidr',
        'reach the subnets through aws_default_network_acl.default',
      ),
    },
    {
      name: 'plan: inline entries, the deny numbered after the allow',
      plan: plan([
        {
          address: 'aws_network_acl.main',
          values: {
            ingress: [
              {
                rule_no: 100,
                protocol: '-1',
                action: 'allow',
                from_port: 0,
                to_port: 0,
                cidr_block: '0.0.0.0/0',
                ipv6_cidr_block: '',
              },
              {
                rule_no: 200,
                protocol: '-1',
                action: 'deny',
                from_port: 0,
                to_port: 0,
                cidr_block: '0.0.0.0/0',
                ipv6_cidr_block: '',
              },
            ],
          },
        },
      ]),
      errors: [
        {
          messageId: 'allTraffic',
          data: { cidr: '0.0.0.0/0', protocol: 'all', setting: 'protocol' },
          text: '"0.0.0.0/0"',
          line: 19,
        },
      ],
      output: null,
    },
    {
      name: 'all traffic from 0.0.0.0/0, block style',
      yaml: resourcesYaml(`
        ${'Acl:\n          Type: AWS::EC2::NetworkAcl\n          Properties:\n            VpcId: vpc-0123456789abcdef0'}
        Open:
          Type: AWS::EC2::NetworkAclEntry
          Properties:
            NetworkAclId: !Ref Acl
            RuleNumber: 100
            Protocol: -1
            RuleAction: allow
            Egress: false
            CidrBlock: 0.0.0.0/0
      `),
      errors: [
        {
          messageId: 'allTraffic',
          message: ALL_TRAFFIC(),
          data: { cidr: '0.0.0.0/0', protocol: 'all', setting: 'Protocol' },
          underline: 'CidrBlock: 0.0.0.0/0\n           ~~~~~~~~~',
          related: RELATED,
        },
      ],
      output: withParameter(
        resourcesYaml(`
          ${'Acl:\n            Type: AWS::EC2::NetworkAcl\n            Properties:\n              VpcId: vpc-0123456789abcdef0'}
          Open:
            Type: AWS::EC2::NetworkAclEntry
            Properties:
              NetworkAclId: !Ref Acl
              RuleNumber: 100
              Protocol: -1
              RuleAction: allow
              Egress: false
              CidrBlock: !Ref AllowedCidr
        `),
      ),
    },
    {
      name: 'every tcp port from ::/0, flow style',
      yaml: aclWith(
        "RuleNumber: 100, Protocol: 6, RuleAction: allow, Ipv6CidrBlock: '::/0', PortRange: { From: 0, To: 65535 }",
      ),
      errors: [
        {
          messageId: 'allPorts',
          message:
            'Network ACL entry allows every tcp port (0-65535) inbound from ::/0, and no lower-numbered entry of the ACL ' +
            'denies it first: the subnet firewall lets the whole internet reach every tcp service.',
          data: { cidr: '::/0', protocol: 'tcp' },
          text: "'::/0'",
          related: RELATED,
        },
      ],
      output: withParameter(
        aclWith(
          'RuleNumber: 100, Protocol: 6, RuleAction: allow, Ipv6CidrBlock: !Ref AllowedCidrIpv6, PortRange: { From: 0, To: 65535 }',
        ),
        'Open',
        'IPv6',
      ),
    },
    {
      name: 'a deny of a narrower range, a deny of tcp only and a later deny do not shadow all traffic',
      yaml: aclWith(
        `${ALL}, CidrBlock: 0.0.0.0/0`,
        entry('Office', 'RuleNumber: 10, Protocol: -1, RuleAction: deny, CidrBlock: 198.51.100.0/24') +
          entry(
            'Tcp',
            'RuleNumber: 20, Protocol: 6, RuleAction: deny, CidrBlock: 0.0.0.0/0, PortRange: { From: 0, To: 65535 }',
          ) +
          entry('Late', 'RuleNumber: 200, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0') +
          entry('Six', "RuleNumber: 30, Protocol: -1, RuleAction: deny, Ipv6CidrBlock: '::/0'"),
      ),
      errors: [{ messageId: 'allTraffic', message: ALL_TRAFFIC(), text: '0.0.0.0/0', line: 8, related: RELATED }],
      output: withParameter(
        aclWith(
          `${ALL}, CidrBlock: !Ref AllowedCidr`,
          entry('Office', 'RuleNumber: 10, Protocol: -1, RuleAction: deny, CidrBlock: 198.51.100.0/24') +
            entry(
              'Tcp',
              'RuleNumber: 20, Protocol: 6, RuleAction: deny, CidrBlock: 0.0.0.0/0, PortRange: { From: 0, To: 65535 }',
            ) +
            entry('Late', 'RuleNumber: 200, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0') +
            entry('Six', "RuleNumber: 30, Protocol: -1, RuleAction: deny, Ipv6CidrBlock: '::/0'"),
        ),
      ),
    },
    {
      name: 'a range from a parameter default: the fix removes the default',
      yaml: aclWith(
        `${ALL}, CidrBlock: !Ref Range`,
        '',
        'Parameters:\n  Range:\n    Type: String\n    Default: 0.0.0.0/0\n',
      ),
      errors: [
        {
          messageId: 'allTraffic',
          message: ALL_TRAFFIC(' (by the default of parameter Range)'),
          text: '!Ref Range',
          related: RELATED,
        },
      ],
      output: aclWith(`${ALL}, CidrBlock: !Ref Range`, '', 'Parameters:\n  Range:\n    Type: String\n'),
    },
    {
      name: 'an external ACL: no related location; a condition is named, the fix replaces its branch',
      yaml: resourcesYaml(`
        Open:
          Type: AWS::EC2::NetworkAclEntry
          Properties: { NetworkAclId: acl-0123456789abcdef0, ${ALL}, CidrBlock: !If [Public, 0.0.0.0/0, 10.0.0.0/8] }
      `).replace(
        /^Resources:/m,
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Public: !Equals [!Ref Env, demo]\nResources:',
      ),
      errors: [
        { messageId: 'allTraffic', message: ALL_TRAFFIC(' (when condition Public is true)'), text: '0.0.0.0/0' },
      ],
      output:
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env:\n    Type: String\n" +
        parameter('Open') +
        'Conditions:\n  Public: !Equals [!Ref Env, demo]\n' +
        resourcesYaml(`
          Open:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-0123456789abcdef0, ${ALL}, CidrBlock: !If [Public, !Ref AllowedCidr, 10.0.0.0/8] }
        `).replace(/^AWSTemplateFormatVersion: '2010-09-09'\n/, ''),
    },
    {
      name: 'JSON: every udp port from 0.0.0.0/0',
      json: `
        {
          "Resources": {
            "Open": {
              "Type": "AWS::EC2::NetworkAclEntry",
              "Properties": {
                "NetworkAclId": "acl-0123456789abcdef0",
                "RuleNumber": 100,
                "Protocol": 17,
                "RuleAction": "allow",
                "CidrBlock": "0.0.0.0/0",
                "PortRange": { "From": 0, "To": 65535 }
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'allPorts', data: { cidr: '0.0.0.0/0', protocol: 'udp' }, text: '"0.0.0.0/0"' }],
      output: `
        {
          "Parameters": {
            "AllowedCidr": {
              "Type": "String",
              "Description": "The IPv4 range (CIDR) allowed to reach the subnets through Open; no default, so each deployment must choose it.",
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
                "Protocol": 17,
                "RuleAction": "allow",
                "CidrBlock": { "Ref": "AllowedCidr" },
                "PortRange": { "From": 0, "To": 65535 }
              }
            }
          }
        }
      `,
    },
  ],
});
