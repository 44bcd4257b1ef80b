import { rdsPubliclyAccessible } from '../../../src/rules/firewall/rds-publicly-accessible';
import { RuleTester, resourcesYaml } from '../../rule-tester';

/** A DB instance with `members` (flow style) and any further resources, in block YAML. */
const instanceWith = (members: string, more = '', header = ''): string =>
  header +
  resourcesYaml(
    `Db:\n  Type: AWS::RDS::DBInstance\n  Properties: { Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: '20', ${members} }\n${more}`,
  ).replace(/^AWSTemplateFormatVersion: '2010-09-09'\n/, '');

const PUBLIC =
  'PubliclyAccessible is true: the DB instance gets a public DNS name that resolves to a public IP address, so the ' +
  'database port is reachable from the internet wherever its security groups and network ACLs allow it.';

const OPEN = (groups: string): string =>
  `PubliclyAccessible is true and its security group ${groups}: the DB instance has a public address that the whole ` +
  'internet can reach through that group now.';

const GROUP = (ingress: string): string =>
  `Sg:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: db\n    SecurityGroupIngress:\n      - { ${ingress} }\n`;

new RuleTester().run(rdsPubliclyAccessible, {
  valid: [
    { name: 'not publicly accessible', yaml: instanceWith('PubliclyAccessible: false') },
    { name: 'not publicly accessible, as a string', yaml: instanceWith("PubliclyAccessible: 'false'") },
    { name: 'absent: decided by the subnet group, unknown', yaml: instanceWith('MultiAZ: true') },
    {
      name: 'a parameter without default is unknown',
      yaml: instanceWith('PubliclyAccessible: !Ref Public', '', 'Parameters:\n  Public:\n    Type: String\n'),
    },
    {
      name: 'a cluster is not an instance',
      yaml: resourcesYaml('Cluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-postgresql\n'),
    },
  ],
  invalid: [
    {
      name: 'publicly accessible, block style',
      yaml: resourcesYaml(`
        Db:
          Type: AWS::RDS::DBInstance
          Properties:
            Engine: postgres
            DBInstanceClass: db.t3.micro
            AllocatedStorage: '20'
            PubliclyAccessible: true
      `),
      errors: [
        { messageId: 'public', message: PUBLIC, underline: 'PubliclyAccessible: true\n                    ~~~~' },
      ],
      output: resourcesYaml(`
        Db:
          Type: AWS::RDS::DBInstance
          Properties:
            Engine: postgres
            DBInstanceClass: db.t3.micro
            AllocatedStorage: '20'
            PubliclyAccessible: false
      `),
    },
    {
      name: 'publicly accessible as a string, flow style',
      yaml: instanceWith("PubliclyAccessible: 'True'"),
      errors: [{ messageId: 'public', text: "'True'" }],
      output: instanceWith('PubliclyAccessible: false'),
    },
    {
      name: 'from a parameter default: named, no fix',
      yaml: instanceWith(
        'PubliclyAccessible: !Ref Public',
        '',
        "Parameters:\n  Public:\n    Type: String\n    Default: 'true'\n",
      ),
      errors: [
        {
          messageId: 'public',
          message: `${PUBLIC.slice(0, -1)} (by the default of parameter Public).`,
          text: '!Ref Public',
        },
      ],
      output: null,
    },
    {
      name: 'under a condition: named, no fix',
      yaml: instanceWith(
        'PubliclyAccessible: !If [Demo, true, false]',
        '',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Demo: !Equals [!Ref Env, demo]\n',
      ),
      errors: [{ messageId: 'public', message: `${PUBLIC.slice(0, -1)} (when condition Demo is true).`, text: 'true' }],
      output: null,
    },
    {
      name: 'an in-template security group open to the world is named',
      yaml: instanceWith(
        'PubliclyAccessible: true, VPCSecurityGroups: [!GetAtt Sg.GroupId]',
        GROUP('IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0'),
      ),
      errors: [
        {
          messageId: 'publicAndOpen',
          message: OPEN('Sg allows tcp port 5432 from 0.0.0.0/0'),
          data: { groups: 'Sg allows tcp port 5432 from 0.0.0.0/0' },
          text: 'true',
          related: [{ message: 'Security group Sg allows tcp port 5432 from 0.0.0.0/0', underline: 'Sg:\n~~' }],
        },
      ],
      output: instanceWith(
        'PubliclyAccessible: false, VPCSecurityGroups: [!GetAtt Sg.GroupId]',
        GROUP('IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0'),
      ),
    },
    {
      name: 'a separate ingress resource opens the group; a closed group is not named',
      yaml: instanceWith(
        'PubliclyAccessible: true, VPCSecurityGroups: [!Ref Sg, !Ref Closed]',
        GROUP('IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/8') +
          'Closed:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: closed\n' +
          "World:\n  Type: AWS::EC2::SecurityGroupIngress\n  Properties: { GroupId: !Ref Sg, IpProtocol: '-1', CidrIpv6: '::/0' }\n",
      ),
      errors: [
        {
          messageId: 'publicAndOpen',
          message: OPEN('Sg allows all traffic from ::/0'),
          text: 'true',
          related: [{ message: 'Security group Sg allows all traffic from ::/0', underline: 'Sg:\n~~' }],
        },
      ],
      output: instanceWith(
        'PubliclyAccessible: false, VPCSecurityGroups: [!Ref Sg, !Ref Closed]',
        GROUP('IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/8') +
          'Closed:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: closed\n' +
          "World:\n  Type: AWS::EC2::SecurityGroupIngress\n  Properties: { GroupId: !Ref Sg, IpProtocol: '-1', CidrIpv6: '::/0' }\n",
      ),
    },
    {
      name: 'JSON: publicly accessible',
      json: `
        {
          "Resources": {
            "Db": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": { "Engine": "mysql", "DBInstanceClass": "db.t3.micro", "AllocatedStorage": "20", "PubliclyAccessible": true }
            }
          }
        }
      `,
      errors: [{ messageId: 'public', message: PUBLIC, text: 'true' }],
      output: `
        {
          "Resources": {
            "Db": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": { "Engine": "mysql", "DBInstanceClass": "db.t3.micro", "AllocatedStorage": "20", "PubliclyAccessible": false }
            }
          }
        }
      `,
    },
  ],
});
