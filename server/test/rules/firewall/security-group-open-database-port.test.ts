import { securityGroupOpenDatabasePort } from '../../../src/rules/firewall/security-group-open-database-port';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { plan, tf, withCidrVariable } from './terraform-text';

/** A security group with one inline ingress rule, given as YAML flow-style members. */
const groupWith = (rule: string, header = ''): string =>
  `${header}Resources:
  Db:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      SecurityGroupIngress:
        - { ${rule} }
`;

const IPV4_PATTERN = String.raw`^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)/([1-9]|[12]\d|3[0-2])$`;
const IPV6_PATTERN = String.raw`^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/([1-9]|[1-9]\d|1[01]\d|12[0-8])$`;

/** The parameter the fix adds for `resource`, as block YAML under `Parameters:` at two spaces. */
function databaseParameter(resource: string, family: 'IPv4' | 'IPv6' = 'IPv4'): string {
  const [name, pattern, example] =
    family === 'IPv4'
      ? ['DatabaseCidr', IPV4_PATTERN, '203.0.113.0/24']
      : ['DatabaseCidrIpv6', IPV6_PATTERN, '2001:db8:1234::/48'];
  return (
    `  ${name}:\n    Type: String\n` +
    `    Description: The ${family} range (CIDR) allowed to reach the database ports of ${resource}; no default, so each deployment must choose it.\n` +
    `    AllowedPattern: ${pattern}\n` +
    `    ConstraintDescription: must be an ${family} CIDR narrower than the whole internet, such as ${example}\n`
  );
}

const withParameter = (template: string, resource: string, family: 'IPv4' | 'IPv6' = 'IPv4'): string =>
  template.replace(/^Resources:$/m, `Parameters:\n${databaseParameter(resource, family)}Resources:`);

const POSTGRES = '"ip_protocol": "tcp", "from_port": 5432, "to_port": 5432';
const DB_VARIABLE = '  "variable": { "db_range": { "type": "string", "default": "0.0.0.0/0" } },\n';

new RuleTester().run(securityGroupOpenDatabasePort, {
  valid: [
    {
      name: 'Terraform: PostgreSQL from the VPC, a VPC rule resource',
      tf: tf([`"aws_vpc_security_group_ingress_rule": { "db": { ${POSTGRES}, "cidr_ipv4": "10.0.0.0/16" } }`]),
    },
    {
      name: 'Terraform: an egress rule resource is not ingress',
      tf: tf([`"aws_vpc_security_group_egress_rule": { "db": { ${POSTGRES}, "cidr_ipv4": "0.0.0.0/0" } }`]),
    },
    {
      name: 'HTTPS open to the world',
      yaml: groupWith('IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0'),
    },
    {
      name: 'PostgreSQL from the VPC',
      yaml: groupWith('IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16'),
    },
    {
      name: 'MySQL from the application tier',
      yaml: groupWith('IpProtocol: tcp, FromPort: 3306, ToPort: 3306, SourceSecurityGroupId: sg-0123456789abcdef0'),
    },
    {
      name: 'UDP 5432 is not PostgreSQL',
      yaml: groupWith('IpProtocol: udp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0'),
    },
    // One ingress, one finding: -1 and every-port ranges are firewall/security-group-open-all-ports' findings.
    { name: 'protocol -1 is left to the all-ports rule', yaml: groupWith('IpProtocol: -1, CidrIp: 0.0.0.0/0') },
    {
      name: 'tcp 0-65535 is left to the all-ports rule',
      yaml: groupWith('IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIpv6: ::/0'),
    },
    {
      name: 'tcp -1 is left to the all-ports rule',
      yaml: groupWith('IpProtocol: tcp, FromPort: -1, ToPort: -1, CidrIp: 0.0.0.0/0'),
    },
    {
      name: 'a parameter without default is unknown',
      yaml: groupWith(
        'IpProtocol: tcp, FromPort: 3306, ToPort: 3306, CidrIp: !Ref Clients',
        'Parameters:\n  Clients:\n    Type: String\n',
      ),
    },
    {
      name: 'an unknown port is unknown',
      yaml: groupWith(
        'IpProtocol: tcp, FromPort: !Ref Port, ToPort: !Ref Port, CidrIp: 0.0.0.0/0',
        'Parameters:\n  Port:\n    Type: Number\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: MySQL and Redis in inline blocks',
      tf: tf([
        `"aws_security_group": { "db": { "ingress": [ { "protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_blocks": ["0.0.0.0/0"] }, { "protocol": "tcp", "from_port": 6379, "to_port": 6379, "ipv6_cidr_blocks": ["::/0"] } ] } }`,
      ]),
      errors: [
        {
          messageId: 'openPort',
          message: 'Ingress from 0.0.0.0/0 opens MySQL/Aurora/MariaDB to the whole internet (tcp port 3306).',
          text: '"0.0.0.0/0"',
        },
        {
          messageId: 'openPort',
          data: { cidr: '::/0', service: 'Redis', protocol: 'tcp', ports: 'port 6379' },
          text: '"::/0"',
        },
      ],
      // Both fixes add a variable at the end of the root object: the second waits for the next pass.
      output: withCidrVariable(
        tf([
          `"aws_security_group": { "db": { "ingress": [ { "protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_blocks": ["0.0.0.0/0"] }, { "protocol": "tcp", "from_port": 6379, "to_port": 6379, "ipv6_cidr_blocks": ["::/0"] } ] } }`,
        ]),
        '0.0.0.0/0',
        'database_cidr',
        'reach the database ports of aws_security_group.db',
      ),
    },
    {
      name: "Terraform: a VPC rule resource with a variable's default; the fix removes the default",
      tf: tf(
        [`"aws_vpc_security_group_ingress_rule": { "db": { ${POSTGRES}, "cidr_ipv4": "\${var.db_range}" } }`],
        DB_VARIABLE,
      ),
      errors: [
        {
          messageId: 'openPort',
          message:
            'Ingress from 0.0.0.0/0 opens PostgreSQL to the whole internet (tcp port 5432) (by the default of variable db_range).',
          text: '"${var.db_range}"',
        },
      ],
      output: tf(
        [`"aws_vpc_security_group_ingress_rule": { "db": { ${POSTGRES}, "cidr_ipv4": "\${var.db_range}" } }`],
        DB_VARIABLE.replace(', "default": "0.0.0.0/0"', ''),
      ),
    },
    {
      name: 'plan: a VPC rule resource, no fix',
      plan: plan([
        {
          address: 'aws_vpc_security_group_ingress_rule.db',
          values: { ip_protocol: 'tcp', from_port: 27017, to_port: 27017, cidr_ipv6: '::/0' },
        },
      ]),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '::/0', service: 'MongoDB/DocumentDB', protocol: 'tcp', ports: 'port 27017' },
          text: '"::/0"',
        },
      ],
      output: null,
    },
    {
      name: 'PostgreSQL from 0.0.0.0/0, block style',
      yaml: resourcesYaml(`
        Db:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: db
            SecurityGroupIngress:
              - IpProtocol: tcp
                FromPort: 5432
                ToPort: 5432
                CidrIp: 0.0.0.0/0
      `),
      errors: [
        {
          messageId: 'openPort',
          message: 'Ingress from 0.0.0.0/0 opens PostgreSQL to the whole internet (tcp port 5432).',
          underline: 'CidrIp: 0.0.0.0/0\n        ~~~~~~~~~',
        },
      ],
      output: withParameter(
        resourcesYaml(`
          Db:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: db
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 5432
                  ToPort: 5432
                  CidrIp:
                    Ref: DatabaseCidr
        `),
        'Db',
      ),
    },
    {
      name: 'protocol by number, Redis over IPv6, flow style',
      yaml: groupWith("IpProtocol: '6', FromPort: '6379', ToPort: '6379', CidrIpv6: '::/0'"),
      errors: [
        {
          messageId: 'openPort',
          data: { cidr: '::/0', service: 'Redis', protocol: 'tcp', ports: 'port 6379' },
          text: "'::/0'",
        },
      ],
      output: withParameter(
        groupWith("IpProtocol: '6', FromPort: '6379', ToPort: '6379', CidrIpv6: { Ref: DatabaseCidrIpv6 }"),
        'Db',
        'IPv6',
      ),
    },
    {
      name: 'Memcached over UDP',
      yaml: groupWith('IpProtocol: udp, FromPort: 11211, ToPort: 11211, CidrIp: 0.0.0.0/0'),
      errors: [
        {
          messageId: 'openPort',
          message: 'Ingress from 0.0.0.0/0 opens Memcached to the whole internet (udp port 11211).',
          text: '0.0.0.0/0',
        },
      ],
      output: withParameter(
        groupWith('IpProtocol: udp, FromPort: 11211, ToPort: 11211, CidrIp: { Ref: DatabaseCidr }'),
        'Db',
      ),
    },
    {
      name: 'a range that holds several database ports',
      yaml: groupWith('IpProtocol: tcp, FromPort: 5000, ToPort: 9300, CidrIp: 0.0.0.0/0'),
      errors: [
        {
          messageId: 'openPort',
          message:
            'Ingress from 0.0.0.0/0 opens PostgreSQL, Redshift, Redis, Neptune, Cassandra, Elasticsearch/OpenSearch, ' +
            'Elasticsearch/OpenSearch transport to the whole internet (tcp ports 5000-9300).',
          text: '0.0.0.0/0',
        },
      ],
      output: withParameter(
        groupWith('IpProtocol: tcp, FromPort: 5000, ToPort: 9300, CidrIp: { Ref: DatabaseCidr }'),
        'Db',
      ),
    },
    {
      name: 'a parameter default of 0.0.0.0/0: the default goes',
      yaml: groupWith(
        'IpProtocol: tcp, FromPort: 1433, ToPort: 1433, CidrIp: !Ref Clients',
        'Parameters:\n  Clients:\n    Type: String\n    Default: 0.0.0.0/0\n',
      ),
      errors: [
        {
          messageId: 'openPort',
          message:
            'Ingress from 0.0.0.0/0 opens SQL Server to the whole internet (tcp port 1433) (by the default of parameter Clients).',
          text: '!Ref Clients',
        },
      ],
      output: groupWith(
        'IpProtocol: tcp, FromPort: 1433, ToPort: 1433, CidrIp: !Ref Clients',
        'Parameters:\n  Clients:\n    Type: String\n',
      ),
    },
    {
      name: 'a range from a mapping is reported, but it is not the rule’s to edit',
      yaml: `
        Mappings:
          Ranges:
            Db:
              Cidr: 0.0.0.0/0
        Resources:
          Mongo:
            Type: AWS::EC2::SecurityGroupIngress
            Properties: { GroupId: sg-1, IpProtocol: tcp, FromPort: 27017, ToPort: 27017, CidrIp: !FindInMap [Ranges, Db, Cidr] }
      `,
      errors: [
        {
          messageId: 'openPort',
          message: 'Ingress from 0.0.0.0/0 opens MongoDB/DocumentDB to the whole internet (tcp port 27017).',
          text: '!FindInMap [Ranges, Db, Cidr]',
        },
      ],
      output: null,
    },
    {
      name: 'JSON: a separate ingress on its group, Oracle',
      json: `
        {
          "Resources": {
            "Db": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "db" } },
            "Oracle": {
              "Type": "AWS::EC2::SecurityGroupIngress",
              "Properties": { "GroupId": { "Ref": "Db" }, "IpProtocol": "tcp", "FromPort": 1521, "ToPort": 1521, "CidrIp": "0.0.0.0/0" }
            }
          }
        }
      `,
      errors: [
        {
          messageId: 'openPort',
          message: 'Ingress from 0.0.0.0/0 opens Oracle to the whole internet (tcp port 1521).',
          text: '"0.0.0.0/0"',
          related: [{ message: 'Security group Db, which this ingress opens', text: '"Db"', line: 3 }],
        },
      ],
      output: `
        {
          "Parameters": {
            "DatabaseCidr": {
              "Type": "String",
              "Description": "The IPv4 range (CIDR) allowed to reach the database ports of Oracle; no default, so each deployment must choose it.",
              "AllowedPattern": ${JSON.stringify(IPV4_PATTERN)},
              "ConstraintDescription": "must be an IPv4 CIDR narrower than the whole internet, such as 203.0.113.0/24"
            }
          },
          "Resources": {
            "Db": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "db" } },
            "Oracle": {
              "Type": "AWS::EC2::SecurityGroupIngress",
              "Properties": { "GroupId": { "Ref": "Db" }, "IpProtocol": "tcp", "FromPort": 1521, "ToPort": 1521, "CidrIp": { "Ref": "DatabaseCidr" } }
            }
          }
        }
      `,
    },
  ],
});
