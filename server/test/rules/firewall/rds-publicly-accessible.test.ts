import { rdsPubliclyAccessible } from '../../../src/rules/firewall/rds-publicly-accessible';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { plan, tf } from './terraform-text';

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

const TF_DB = '"engine": "postgres", "instance_class": "db.t3.micro", "allocated_storage": 20';
const TF_GROUP = `"aws_security_group": { "db": { "ingress": { "protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": ["0.0.0.0/0"] } } }`;

new RuleTester().run(rdsPubliclyAccessible, {
  valid: [
    // The AWS provider sends false when publicly_accessible is absent.
    { name: 'Terraform: absent is private', tf: tf([`"aws_db_instance": { "db": { ${TF_DB} } }`]) },
    {
      name: 'Terraform: a cluster instance, not publicly accessible',
      tf: tf(['"aws_rds_cluster_instance": { "one": { "cluster_identifier": "main", "publicly_accessible": false } }']),
    },
    {
      name: 'Terraform: a variable without default is unknown',
      tf: tf(
        [`"aws_db_instance": { "db": { ${TF_DB}, "publicly_accessible": "\${var.public}" } }`],
        '  "variable": { "public": { "type": "bool" } },\n',
      ),
    },
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
      name: 'Terraform: publicly accessible; the fix sets it to false',
      tf: tf([`"aws_db_instance": { "db": { ${TF_DB}, "publicly_accessible": true } }`]),
      errors: [
        {
          messageId: 'public',
          message: PUBLIC.replace('PubliclyAccessible', 'publicly_accessible'),
          data: { setting: 'publicly_accessible' },
          text: 'true',
        },
      ],
      output: tf([`"aws_db_instance": { "db": { ${TF_DB}, "publicly_accessible": false } }`]),
    },
    {
      name: 'Terraform: its security group is open to the world',
      tf: tf([
        TF_GROUP,
        `"aws_db_instance": { "db": { ${TF_DB}, "publicly_accessible": "true", "vpc_security_group_ids": ["\${aws_security_group.db.id}"] } }`,
      ]),
      errors: [
        {
          messageId: 'publicAndOpen',
          message: OPEN('aws_security_group.db allows tcp port 5432 from 0.0.0.0/0').replace(
            'PubliclyAccessible',
            'publicly_accessible',
          ),
          data: { setting: 'publicly_accessible', groups: 'aws_security_group.db allows tcp port 5432 from 0.0.0.0/0' },
          text: '"true"',
          related: [
            {
              message: 'Security group aws_security_group.db allows tcp port 5432 from 0.0.0.0/0',
              text: '"db"',
              line: 3,
              column: 29,
            },
          ],
        },
      ],
      output: tf([
        TF_GROUP,
        `"aws_db_instance": { "db": { ${TF_DB}, "publicly_accessible": false, "vpc_security_group_ids": ["\${aws_security_group.db.id}"] } }`,
      ]),
    },
    {
      name: "Terraform: a cluster instance, through the cluster's security group opened by a separate rule",
      tf: tf([
        '"aws_security_group": { "db": {} }',
        '"aws_vpc_security_group_ingress_rule": { "all": { "security_group_id": "${aws_security_group.db.id}", "ip_protocol": "-1", "cidr_ipv6": "::/0" } }',
        '"aws_rds_cluster": { "main": { "engine": "aurora-postgresql", "vpc_security_group_ids": ["${aws_security_group.db.id}"] } }',
        '"aws_rds_cluster_instance": { "one": { "cluster_identifier": "${aws_rds_cluster.main.id}", "publicly_accessible": true } }',
      ]),
      errors: [
        {
          messageId: 'publicAndOpen',
          data: { setting: 'publicly_accessible', groups: 'aws_security_group.db allows all traffic from ::/0' },
          text: 'true',
          related: [
            { message: 'Security group aws_security_group.db allows all traffic from ::/0', text: '"db"', line: 3 },
          ],
        },
      ],
      output: tf([
        '"aws_security_group": { "db": {} }',
        '"aws_vpc_security_group_ingress_rule": { "all": { "security_group_id": "${aws_security_group.db.id}", "ip_protocol": "-1", "cidr_ipv6": "::/0" } }',
        '"aws_rds_cluster": { "main": { "engine": "aurora-postgresql", "vpc_security_group_ids": ["${aws_security_group.db.id}"] } }',
        '"aws_rds_cluster_instance": { "one": { "cluster_identifier": "${aws_rds_cluster.main.id}", "publicly_accessible": false } }',
      ]),
    },
    {
      name: 'plan: the group is tied to the instance by the configuration; no fix',
      plan: plan([
        {
          address: 'aws_security_group.db',
          values: { ingress: [{ protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_blocks: ['0.0.0.0/0'] }] },
        },
        {
          address: 'aws_db_instance.db',
          values: { engine: 'postgres', publicly_accessible: true },
          unknown: { vpc_security_group_ids: true },
          references: { vpc_security_group_ids: ['aws_security_group.db'] },
        },
      ]),
      errors: [
        {
          messageId: 'publicAndOpen',
          data: { setting: 'publicly_accessible', groups: 'aws_security_group.db allows tcp port 5432 from 0.0.0.0/0' },
          underline: '"publicly_accessible": true\n                       ~~~~',
          line: 31,
          related: [
            {
              message: 'Security group aws_security_group.db allows tcp port 5432 from 0.0.0.0/0',
              text: '"aws_security_group.db"',
              line: 7,
            },
          ],
        },
      ],
      output: null,
    },
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
          data: { setting: 'PubliclyAccessible', groups: 'Sg allows tcp port 5432 from 0.0.0.0/0' },
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
