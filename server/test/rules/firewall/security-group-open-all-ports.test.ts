import { securityGroupOpenAllPorts } from '../../../src/rules/firewall/security-group-open-all-ports';
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

const ALL_TRAFFIC = (cidr: string): string =>
  `Ingress from ${cidr} opens all traffic to the whole internet (IpProtocol -1: every protocol on every port, admin and database ports included).`;

const IPV4_PATTERN = String.raw`^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)/([1-9]|[12]\d|3[0-2])$`;
const IPV6_PATTERN = String.raw`^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/([1-9]|[1-9]\d|1[01]\d|12[0-8])$`;

/** The parameter the fix adds for `resource`, as block YAML under `Parameters:` at two spaces. */
function ingressParameter(resource: string, family: 'IPv4' | 'IPv6' = 'IPv4'): string {
  const [name, pattern, example] =
    family === 'IPv4'
      ? ['IngressCidr', IPV4_PATTERN, '203.0.113.0/24']
      : ['IngressCidrIpv6', IPV6_PATTERN, '2001:db8:1234::/48'];
  return (
    `  ${name}:\n    Type: String\n` +
    `    Description: The ${family} range (CIDR) allowed to reach ${resource}; no default, so each deployment must choose it.\n` +
    `    AllowedPattern: ${pattern}\n` +
    `    ConstraintDescription: must be an ${family} CIDR narrower than the whole internet, such as ${example}\n`
  );
}

const withParameter = (template: string, resource: string, family: 'IPv4' | 'IPv6' = 'IPv4'): string =>
  template.replace(/^Resources:$/m, `Parameters:\n${ingressParameter(resource, family)}Resources:`);

/** The message in Terraform, where the protocol attribute is named `setting`. */
const TF_ALL_TRAFFIC = (cidr: string, setting: string): string => ALL_TRAFFIC(cidr).replace('IpProtocol', setting);

const ALL_RULE = '"protocol": "-1", "from_port": 0, "to_port": 0';
const GROUP = '"aws_security_group": { "web": {} }';
const VPC_RULE = `"aws_vpc_security_group_ingress_rule": { "all": { "security_group_id": "\${aws_security_group.web.id}", "ip_protocol": "-1", "cidr_ipv6": "::/0" } }`;
const RELATED = { message: 'Security group aws_security_group.web, which this ingress opens', text: '"web"' };

new RuleTester().run(securityGroupOpenAllPorts, {
  valid: [
    {
      name: 'Terraform: all traffic from a private range, every tcp port but 0',
      tf: tf([
        `"aws_security_group": { "web": { "ingress": [ { ${ALL_RULE}, "cidr_blocks": ["10.0.0.0/8"] }, { "protocol": "tcp", "from_port": 1, "to_port": 65535, "cidr_blocks": ["0.0.0.0/0"] } ] } }`,
      ]),
    },
    {
      name: 'plan: all traffic from another security group',
      plan: plan([
        {
          address: 'aws_vpc_security_group_ingress_rule.peer',
          values: { ip_protocol: '-1', cidr_ipv4: null, referenced_security_group_id: 'sg-0123456789abcdef0' },
        },
      ]),
    },
    {
      name: 'HTTPS open to the world',
      yaml: groupWith('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0'),
    },
    { name: 'all traffic from a private range', yaml: groupWith('IpProtocol: -1, CidrIp: 10.0.0.0/8') },
    {
      name: 'all traffic from a group',
      yaml: groupWith('IpProtocol: -1, SourceSecurityGroupId: sg-0123456789abcdef0'),
    },
    {
      name: 'a range that misses port 0 is the port rules’ finding, not every port',
      yaml: groupWith('IpProtocol: tcp, FromPort: 1, ToPort: 65535, CidrIp: 0.0.0.0/0'),
    },
    {
      name: 'ICMP on every type is not every port',
      yaml: groupWith('IpProtocol: icmp, FromPort: -1, ToPort: -1, CidrIp: 0.0.0.0/0'),
    },
    { name: 'a protocol without ports (GRE)', yaml: groupWith("IpProtocol: '47', CidrIp: 0.0.0.0/0") },
    {
      name: 'an unknown protocol is unknown',
      yaml: groupWith('IpProtocol: !Ref Proto, CidrIp: 0.0.0.0/0', 'Parameters:\n  Proto:\n    Type: String\n'),
    },
    {
      name: 'a range from a parameter without default is unknown',
      yaml: groupWith('IpProtocol: -1, CidrIp: !Ref Open', 'Parameters:\n  Open:\n    Type: String\n'),
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
  ],
  invalid: [
    {
      name: 'Terraform: protocol -1 in an inline block',
      tf: tf([`"aws_security_group": { "web": { "ingress": { ${ALL_RULE}, "cidr_blocks": ["0.0.0.0/0"] } } }`]),
      errors: [
        {
          messageId: 'allTraffic',
          message: TF_ALL_TRAFFIC('0.0.0.0/0', 'protocol'),
          data: { cidr: '0.0.0.0/0', setting: 'protocol' },
          text: '"0.0.0.0/0"',
        },
      ],
      output: withCidrVariable(
        tf([`"aws_security_group": { "web": { "ingress": { ${ALL_RULE}, "cidr_blocks": ["0.0.0.0/0"] } } }`]),
        '0.0.0.0/0',
        'ingress_cidr',
        'reach aws_security_group.web',
      ),
    },
    {
      name: 'Terraform: protocol "all" in a separate rule, and every udp port',
      tf: tf([
        GROUP,
        `"aws_security_group_rule": { "all": { "type": "ingress", "security_group_id": "\${aws_security_group.web.id}", "protocol": "all", "from_port": 0, "to_port": 65535, "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"] }, "udp": { "type": "ingress", "security_group_id": "sg-0123456789abcdef0", "protocol": "udp", "from_port": 0, "to_port": 65535, "ipv6_cidr_blocks": ["::/0"] } }`,
      ]),
      errors: [
        {
          messageId: 'allTraffic',
          message: TF_ALL_TRAFFIC('0.0.0.0/0', 'protocol'),
          text: '"0.0.0.0/0"',
          related: [{ ...RELATED, column: 29 }],
        },
        { messageId: 'everyPort', data: { cidr: '::/0', protocol: 'udp' }, text: '"::/0"' },
      ],
      // Both fixes add a variable at the end of the root object: the second waits for the next pass.
      output: withCidrVariable(
        tf([
          GROUP,
          `"aws_security_group_rule": { "all": { "type": "ingress", "security_group_id": "\${aws_security_group.web.id}", "protocol": "all", "from_port": 0, "to_port": 65535, "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"] }, "udp": { "type": "ingress", "security_group_id": "sg-0123456789abcdef0", "protocol": "udp", "from_port": 0, "to_port": 65535, "ipv6_cidr_blocks": ["::/0"] } }`,
        ]),
        '0.0.0.0/0',
        'ingress_cidr',
        'reach aws_security_group_rule.all',
      ),
    },
    {
      name: 'Terraform: a VPC ingress rule with ip_protocol -1 from ::/0',
      tf: tf([GROUP, VPC_RULE]),
      errors: [
        {
          messageId: 'allTraffic',
          message: TF_ALL_TRAFFIC('::/0', 'ip_protocol'),
          data: { cidr: '::/0', setting: 'ip_protocol' },
          text: '"::/0"',
          related: [RELATED],
        },
      ],
      output: withCidrVariable(
        tf([GROUP, VPC_RULE]),
        '::/0',
        'ingress_cidr_ipv6',
        'reach aws_vpc_security_group_ingress_rule.all',
        'IPv6',
      ),
    },
    {
      name: 'plan: a VPC ingress rule, no fix',
      plan: plan([
        { address: 'aws_vpc_security_group_ingress_rule.all', values: { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' } },
      ]),
      errors: [{ messageId: 'allTraffic', data: { cidr: '0.0.0.0/0', setting: 'ip_protocol' }, text: '"0.0.0.0/0"' }],
      output: null,
    },
    {
      name: 'protocol -1 is all traffic, block style',
      yaml: resourcesYaml(`
        Web:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: web
            SecurityGroupIngress:
              - IpProtocol: -1
                CidrIp: 0.0.0.0/0
      `),
      errors: [
        {
          messageId: 'allTraffic',
          message: ALL_TRAFFIC('0.0.0.0/0'),
          underline: 'CidrIp: 0.0.0.0/0\n        ~~~~~~~~~',
        },
      ],
      output: withParameter(
        resourcesYaml(`
          Web:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: web
              SecurityGroupIngress:
                - IpProtocol: -1
                  CidrIp:
                    Ref: IngressCidr
        `),
        'Web',
      ),
    },
    {
      name: 'tcp 0-65535 is every port, IPv6, flow style',
      yaml: groupWith('IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIpv6: ::/0'),
      errors: [
        {
          messageId: 'everyPort',
          message: 'Ingress from ::/0 opens every tcp port to the whole internet (admin and database ports included).',
          text: '::/0',
        },
      ],
      output: withParameter(
        groupWith('IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIpv6: { Ref: IngressCidrIpv6 }'),
        'Web',
        'IPv6',
      ),
    },
    {
      name: 'tcp -1 to -1 means every port',
      yaml: groupWith('IpProtocol: tcp, FromPort: -1, ToPort: -1, CidrIpv6: 0::0/0'),
      errors: [{ messageId: 'everyPort', data: { cidr: '0::0/0', protocol: 'tcp' }, text: '0::0/0' }],
      output: withParameter(
        groupWith('IpProtocol: tcp, FromPort: -1, ToPort: -1, CidrIpv6: { Ref: IngressCidrIpv6 }'),
        'Web',
        'IPv6',
      ),
    },
    {
      name: 'udp by number on every port',
      yaml: groupWith("IpProtocol: '17', FromPort: 0, ToPort: 65535, CidrIp: 0.0.0.0/0"),
      errors: [{ messageId: 'everyPort', data: { cidr: '0.0.0.0/0', protocol: 'udp' }, text: '0.0.0.0/0' }],
      output: withParameter(
        groupWith("IpProtocol: '17', FromPort: 0, ToPort: 65535, CidrIp: { Ref: IngressCidr }"),
        'Web',
      ),
    },
    {
      name: 'GroupName by !Ref, separate ingress with all traffic',
      yaml: resourcesYaml(`
        Open:
          Type: AWS::EC2::SecurityGroupIngress
          Properties: { GroupName: !Ref Legacy, IpProtocol: "-1", CidrIpv6: "::/0" }
        Legacy:
          Type: AWS::EC2::SecurityGroup
          Properties: { GroupDescription: legacy }
      `),
      errors: [
        {
          messageId: 'allTraffic',
          message: ALL_TRAFFIC('::/0'),
          text: '"::/0"',
          related: [{ message: 'Security group Legacy, which this ingress opens', text: 'Legacy', line: 6 }],
        },
      ],
      output: withParameter(
        resourcesYaml(`
          Open:
            Type: AWS::EC2::SecurityGroupIngress
            Properties: { GroupName: !Ref Legacy, IpProtocol: "-1", CidrIpv6: !Ref IngressCidrIpv6 }
          Legacy:
            Type: AWS::EC2::SecurityGroup
            Properties: { GroupDescription: legacy }
        `),
        'Open',
        'IPv6',
      ),
    },
    {
      name: 'a parameter default of 0.0.0.0/0: the default goes',
      yaml: groupWith(
        'IpProtocol: -1, CidrIp: !Ref Open',
        'Parameters:\n  Open:\n    Type: String\n    Default: 0.0.0.0/0\n',
      ),
      errors: [
        {
          messageId: 'allTraffic',
          message: `${ALL_TRAFFIC('0.0.0.0/0').slice(0, -1)} (by the default of parameter Open).`,
          text: '!Ref Open',
        },
      ],
      output: groupWith('IpProtocol: -1, CidrIp: !Ref Open', 'Parameters:\n  Open:\n    Type: String\n'),
    },
    {
      name: 'JSON: a separate ingress on its group',
      json: `
        {
          "Resources": {
            "Web": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "web" } },
            "All": {
              "Type": "AWS::EC2::SecurityGroupIngress",
              "Properties": { "GroupId": { "Fn::GetAtt": ["Web", "GroupId"] }, "IpProtocol": -1, "CidrIp": "0.0.0.0/0" }
            }
          }
        }
      `,
      errors: [{ messageId: 'allTraffic', text: '"0.0.0.0/0"', related: [{ text: '"Web"', line: 3 }] }],
      output: `
        {
          "Parameters": {
            "IngressCidr": {
              "Type": "String",
              "Description": "The IPv4 range (CIDR) allowed to reach All; no default, so each deployment must choose it.",
              "AllowedPattern": ${JSON.stringify(IPV4_PATTERN)},
              "ConstraintDescription": "must be an IPv4 CIDR narrower than the whole internet, such as 203.0.113.0/24"
            }
          },
          "Resources": {
            "Web": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "web" } },
            "All": {
              "Type": "AWS::EC2::SecurityGroupIngress",
              "Properties": { "GroupId": { "Fn::GetAtt": ["Web", "GroupId"] }, "IpProtocol": -1, "CidrIp": { "Ref": "IngressCidr" } }
            }
          }
        }
      `,
    },
  ],
});
