import { securityGroupOpenEgress } from '../../../src/rules/firewall/security-group-open-egress';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { plan, tf } from './terraform-text';

/** A VPC security group with one inline egress rule, given as YAML flow-style members. */
const groupWith = (rule: string, header = ''): string =>
  `${header}Resources:
  App:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: vpc-0123456789abcdef0
      SecurityGroupEgress:
        - { ${rule} }
`;

const DEFAULT =
  'No SecurityGroupEgress: AWS gives the group its default egress rule, all traffic to 0.0.0.0/0 (and ::/0 in a VPC ' +
  'with IPv6), so a compromised host can send data anywhere.';

const TF_ALL = '"protocol": "-1", "from_port": 0, "to_port": 0';

new RuleTester().run(securityGroupOpenEgress, {
  valid: [
    // The AWS provider removes AWS's default egress rule from the groups it creates: no egress block, no egress.
    {
      name: 'Terraform: a group without egress blocks',
      tf: tf(['"aws_security_group": { "app": { "vpc_id": "vpc-0123456789abcdef0" } }']),
    },
    {
      name: 'Terraform: the default group, adopted without rules',
      tf: tf(['"aws_default_security_group": { "default": {} }']),
    },
    {
      name: 'Terraform: all traffic inside the VPC, HTTPS to the world',
      tf: tf([
        `"aws_security_group": { "app": { "egress": [ { ${TF_ALL}, "cidr_blocks": ["10.0.0.0/16"] }, { "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"] } ] } }`,
      ]),
    },
    {
      name: 'Terraform: ingress rule resources are not egress',
      tf: tf([
        `"aws_security_group_rule": { "in": { "type": "ingress", "security_group_id": "sg-0123456789abcdef0", ${TF_ALL}, "cidr_blocks": ["0.0.0.0/0"] } }`,
        '"aws_vpc_security_group_ingress_rule": { "in": { "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0" } }',
      ]),
    },
    { name: 'HTTPS to the world', yaml: groupWith('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0') },
    { name: 'all traffic inside the VPC', yaml: groupWith('IpProtocol: -1, CidrIp: 10.0.0.0/16') },
    { name: 'all traffic to a prefix list', yaml: groupWith('IpProtocol: -1, DestinationPrefixListId: pl-63a5400a') },
    {
      name: 'all traffic to the next tier',
      yaml: groupWith('IpProtocol: -1, DestinationSecurityGroupId: sg-0123456789abcdef0'),
    },
    {
      name: 'ICMP to the world has no ports',
      yaml: groupWith('IpProtocol: icmp, FromPort: -1, ToPort: -1, CidrIp: 0.0.0.0/0'),
    },
    {
      name: 'a range from a parameter without default is unknown',
      yaml: groupWith('IpProtocol: -1, CidrIp: !Ref Out', 'Parameters:\n  Out:\n    Type: String\n'),
    },
    {
      name: 'ingress is not egress',
      yaml: groupWith('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8').replace(
        '      SecurityGroupEgress:\n        - { IpProtocol: tcp',
        '      SecurityGroupIngress:\n        - { IpProtocol: -1, CidrIp: 0.0.0.0/0 }\n      SecurityGroupEgress:\n        - { IpProtocol: tcp',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: an inline egress block to the whole internet, as the provider documents it',
      tf: tf([
        `"aws_security_group": { "app": { "egress": { ${TF_ALL}, "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": ["::/0"] } } }`,
      ]),
      errors: [
        {
          messageId: 'allTraffic',
          message:
            'Egress to 0.0.0.0/0 allows all outbound traffic to the whole internet (protocol -1), so a compromised host ' +
            'can send data anywhere.',
          data: { cidr: '0.0.0.0/0', setting: 'protocol' },
          text: '"0.0.0.0/0"',
        },
        { messageId: 'allTraffic', data: { cidr: '::/0', setting: 'protocol' }, text: '"::/0"' },
      ],
    },
    {
      name: 'Terraform: separate egress rule resources name their group',
      tf: tf([
        '"aws_security_group": { "app": {} }',
        `"aws_security_group_rule": { "out": { "type": "egress", "security_group_id": "\${aws_security_group.app.id}", "protocol": "tcp", "from_port": 0, "to_port": 65535, "cidr_blocks": ["0.0.0.0/0"] } }`,
        '"aws_vpc_security_group_egress_rule": { "out": { "security_group_id": "${aws_security_group.app.id}", "ip_protocol": "-1", "cidr_ipv6": "::/0" } }',
      ]),
      errors: [
        {
          messageId: 'everyPort',
          data: { cidr: '0.0.0.0/0', protocol: 'tcp' },
          text: '"0.0.0.0/0"',
          related: [{ message: 'Security group aws_security_group.app, which this egress opens', text: '"app"' }],
        },
        {
          messageId: 'allTraffic',
          data: { cidr: '::/0', setting: 'ip_protocol' },
          text: '"::/0"',
          related: [{ message: 'Security group aws_security_group.app, which this egress opens', text: '"app"' }],
        },
      ],
    },
    {
      name: 'plan: an egress block of the default security group',
      plan: plan([
        {
          address: 'aws_default_security_group.default',
          values: {
            egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [] }],
          },
        },
      ]),
      errors: [{ messageId: 'allTraffic', data: { cidr: '0.0.0.0/0', setting: 'protocol' }, text: '"0.0.0.0/0"' }],
    },
    {
      name: 'all traffic to 0.0.0.0/0, block style',
      yaml: resourcesYaml(`
        App:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: app
            VpcId: vpc-0123456789abcdef0
            SecurityGroupEgress:
              - IpProtocol: -1
                CidrIp: 0.0.0.0/0
      `),
      errors: [
        {
          messageId: 'allTraffic',
          message:
            'Egress to 0.0.0.0/0 allows all outbound traffic to the whole internet (IpProtocol -1), so a compromised host can send data anywhere.',
          underline: 'CidrIp: 0.0.0.0/0\n        ~~~~~~~~~',
        },
      ],
    },
    {
      name: 'every tcp port to ::/0',
      yaml: groupWith("IpProtocol: '6', FromPort: 0, ToPort: 65535, CidrIpv6: '::/0'"),
      errors: [{ messageId: 'everyPort', data: { cidr: '::/0', protocol: 'tcp' }, text: "'::/0'" }],
    },
    {
      name: 'no SecurityGroupEgress: the default rule, reported on the Properties key',
      yaml: resourcesYaml(`
        App:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: app
            VpcId: vpc-0123456789abcdef0
      `),
      errors: [{ messageId: 'defaultEgress', message: DEFAULT, underline: 'Properties:\n~~~~~~~~~~' }],
    },
    {
      name: 'no VpcId: the group lands in the default VPC with the same default rule',
      yaml: resourcesYaml(`
        App:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: app
      `),
      errors: [{ messageId: 'defaultEgress', text: 'Properties' }],
    },
    {
      name: 'no Properties at all: reported on the logical id',
      yaml: resourcesYaml(`
        Bare:
          Type: AWS::EC2::SecurityGroup
      `),
      errors: [{ messageId: 'defaultEgress', text: 'Bare' }],
    },
    {
      name: 'an empty list keeps the default rule',
      yaml: resourcesYaml(`
        App:
          Type: AWS::EC2::SecurityGroup
          Properties: { GroupDescription: app, VpcId: vpc-1, SecurityGroupEgress: [] }
      `),
      errors: [{ messageId: 'emptyEgress', text: '[]' }],
    },
    {
      name: 'a separate egress resource keeps the default rule and is reported itself',
      yaml: resourcesYaml(`
        App:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: app
            VpcId: vpc-1
        AppOut:
          Type: AWS::EC2::SecurityGroupEgress
          Properties: { GroupId: !Ref App, IpProtocol: "-1", CidrIpv6: "::/0" }
      `),
      errors: [
        { messageId: 'defaultEgress', text: 'Properties', line: 5 },
        {
          messageId: 'allTraffic',
          text: '"::/0"',
          related: [{ message: 'Security group App, which this egress opens', text: 'App', line: 3 }],
        },
      ],
    },
    {
      name: 'an undecided !If drops the rules on one branch',
      yaml: resourcesYaml(`
        App:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: app
            VpcId: vpc-1
            SecurityGroupEgress: !If
              - Locked
              - - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }
              - !Ref AWS::NoValue
      `).replace(
        'Resources:',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Locked: !Equals [!Ref Env, prod]\nResources:',
      ),
      errors: [
        {
          messageId: 'defaultEgress',
          message: `${DEFAULT.slice(0, -1)} (when condition Locked is false).`,
          text: 'SecurityGroupEgress',
        },
      ],
    },
    {
      name: 'JSON: all traffic by a parameter default',
      json: `
        {
          "Parameters": { "Out": { "Type": "String", "Default": "0.0.0.0/0" } },
          "Resources": {
            "App": {
              "Type": "AWS::EC2::SecurityGroup",
              "Properties": {
                "GroupDescription": "app",
                "VpcId": "vpc-1",
                "SecurityGroupEgress": [{ "IpProtocol": "-1", "CidrIp": { "Ref": "Out" } }]
              }
            }
          }
        }
      `,
      errors: [
        {
          messageId: 'allTraffic',
          message:
            'Egress to 0.0.0.0/0 allows all outbound traffic to the whole internet (IpProtocol -1), so a compromised host can send data anywhere (by the default of parameter Out).',
          text: '{ "Ref": "Out" }',
        },
      ],
    },
  ],
});
