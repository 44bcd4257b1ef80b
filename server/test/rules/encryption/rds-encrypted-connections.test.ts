import { rdsEncryptedConnections } from '../../../src/rules/encryption/rds-encrypted-connections';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const DEFAULT_GROUP =
  'Connections can be unencrypted: no parameter group is set, so the default group of mariadb applies, where ' +
  'require_secure_transport is off and clients may send credentials and data in plaintext.';
const NOT_SET =
  'Connections can be unencrypted: parameter group Params does not set rds.force_ssl, which is off by default ' +
  'for postgres, so clients may send credentials and data in plaintext.';

const PARAMS = { text: 'Params', line: 3, message: 'Parameter group Params' };

/** A PostgreSQL instance with the given version, using the in-template group `Params`. */
const postgres = (version: string, parameters: string, family = 'postgres14'): string =>
  resourcesYaml(`
    Params:
      Type: AWS::RDS::DBParameterGroup
      Properties:
        Description: orders
        Family: ${family}
        ${parameters}
    Db:
      Type: AWS::RDS::DBInstance
      Properties:
        Engine: postgres
        ${version}
        DBInstanceClass: db.t3.micro
        DBParameterGroupName: !Ref Params
  `);

const auroraCluster = (parameters: string): string =>
  resourcesYaml(`
    ClusterParams:
      Type: AWS::RDS::DBClusterParameterGroup
      Properties:
        Description: orders
        Family: aurora-mysql8.0
        ${parameters}
    Cluster:
      Type: AWS::RDS::DBCluster
      Properties:
        Engine: aurora-mysql
        DBClusterParameterGroupName: !Ref ClusterParams
    Member:
      Type: AWS::RDS::DBInstance
      Properties:
        Engine: aurora-mysql
        DBClusterIdentifier: !Ref Cluster
        DBInstanceClass: db.r6g.large
  `);

new RuleTester().run(rdsEncryptedConnections, {
  valid: [
    { name: 'rds.force_ssl: 1', yaml: postgres('EngineVersion: "14.10"', 'Parameters:\n          rds.force_ssl: 1') },
    {
      name: 'require_secure_transport: ON on an Aurora cluster group',
      yaml: auroraCluster('Parameters:\n          require_secure_transport: "ON"'),
    },
    {
      name: 'PostgreSQL 15 and later force TLS by default',
      yaml: resourcesYaml(
        'Db:\n  Type: AWS::RDS::DBInstance\n  Properties: { Engine: postgres, EngineVersion: "16.3" }\n',
      ),
    },
    {
      name: 'a PostgreSQL group of family postgres16 without the parameter',
      yaml: postgres('Port: 5432', 'Parameters:\n          log_statement: all', 'postgres16'),
    },
    {
      name: 'PostgreSQL without version and without group: the version decides, and it is unknown',
      yaml: resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n  Properties: { Engine: postgres }\n'),
    },
    {
      name: 'a parameter group named outside the template is unknown',
      yaml: resourcesYaml(
        'Db:\n  Type: AWS::RDS::DBInstance\n  Properties: { Engine: mariadb, DBParameterGroupName: shared }\n',
      ),
    },
    {
      name: 'Oracle forces TLS through an option group: out of scope',
      yaml: resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n  Properties: { Engine: oracle-ee }\n'),
    },
    {
      name: 'an engine from a parameter without default is unknown',
      yaml: `Parameters:\n  Engine:\n    Type: String\n${resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n  Properties: { Engine: !Ref Engine }\n')}`,
    },
    {
      name: 'MySQL 8.4: the default could not be confirmed, so it is unknown',
      yaml: resourcesYaml(
        'Db:\n  Type: AWS::RDS::DBInstance\n  Properties: { Engine: mysql, EngineVersion: "8.4.3" }\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'MariaDB with the default group',
      yaml: resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    Engine: mariadb\n'),
      errors: [{ messageId: 'defaultGroup', message: DEFAULT_GROUP, underline: 'Properties:\n~~~~~~~~~~' }],
      output: null,
    },
    {
      name: 'SQL Server without properties for the group',
      yaml: resourcesYaml(
        'Db:\n  Type: AWS::RDS::DBInstance\n  Properties: { Engine: sqlserver-ex, DBInstanceClass: db.t3.micro }\n',
      ),
      errors: [
        { messageId: 'defaultGroup', text: 'Properties', data: { engine: 'sqlserver-ex', parameter: 'rds.force_ssl' } },
      ],
      output: null,
    },
    {
      name: 'PostgreSQL 14, group without the parameter: the fix sets it',
      yaml: postgres('EngineVersion: "14.10"', 'Parameters:\n          log_statement: all'),
      errors: [{ messageId: 'notSet', message: NOT_SET, text: '!Ref Params', related: [PARAMS] }],
      output: postgres(
        'EngineVersion: "14.10"',
        'Parameters:\n          log_statement: all\n          rds.force_ssl: 1',
      ),
    },
    {
      name: 'group without Parameters; the family says PostgreSQL 13',
      yaml: postgres('Port: 5432', 'Tags: []', 'postgres13'),
      errors: [{ messageId: 'notSet', text: '!Ref Params', related: [PARAMS] }],
      output: postgres('Port: 5432', 'Tags: []\n        Parameters:\n          rds.force_ssl: 1', 'postgres13'),
    },
    {
      name: 'rds.force_ssl: 0 is off whatever the version',
      yaml: postgres('EngineVersion: "16.3"', 'Parameters:\n          rds.force_ssl: 0', 'postgres16'),
      errors: [
        {
          messageId: 'disabled',
          text: '!Ref Params',
          data: { engine: 'postgres', group: 'Params', parameter: 'rds.force_ssl', value: '0' },
          related: [PARAMS],
        },
      ],
      output: postgres('EngineVersion: "16.3"', 'Parameters:\n          rds.force_ssl: 1', 'postgres16'),
    },
    {
      name: 'Aurora MySQL cluster: the cluster group decides, not the member',
      yaml: auroraCluster('Parameters:\n          time_zone: UTC'),
      errors: [
        {
          messageId: 'notSet',
          text: '!Ref ClusterParams',
          related: [{ text: 'ClusterParams', line: 3, message: 'Parameter group ClusterParams' }],
        },
      ],
      output: auroraCluster('Parameters:\n          time_zone: UTC\n          require_secure_transport: 1'),
    },
    {
      name: 'flow style: require_secure_transport OFF',
      yaml: resourcesYaml(`
        Params:
          Type: AWS::RDS::DBParameterGroup
          Properties: { Family: mysql8.0, Description: d, Parameters: { require_secure_transport: 'OFF' } }
        Db:
          Type: AWS::RDS::DBInstance
          Properties: { Engine: mysql, DBParameterGroupName: !Ref Params }
      `),
      errors: [
        {
          messageId: 'disabled',
          text: '!Ref Params',
          data: { engine: 'mysql', group: 'Params', parameter: 'require_secure_transport', value: 'OFF' },
          related: [PARAMS],
        },
      ],
      output: resourcesYaml(`
        Params:
          Type: AWS::RDS::DBParameterGroup
          Properties: { Family: mysql8.0, Description: d, Parameters: { require_secure_transport: 1 } }
        Db:
          Type: AWS::RDS::DBInstance
          Properties: { Engine: mysql, DBParameterGroupName: !Ref Params }
      `),
    },
    {
      name: 'JSON: MySQL 8.0 group without the parameter',
      json: `
        {
          "Resources": {
            "Params": {
              "Type": "AWS::RDS::DBParameterGroup",
              "Properties": {
                "Family": "mysql8.0",
                "Description": "orders",
                "Parameters": {
                  "max_connections": "100"
                }
              }
            },
            "Db": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": { "Engine": "mysql", "EngineVersion": "8.0.36", "DBParameterGroupName": { "Ref": "Params" } }
            }
          }
        }
      `,
      errors: [
        {
          messageId: 'notSet',
          text: '{ "Ref": "Params" }',
          related: [{ text: '"Params"', line: 3, message: 'Parameter group Params' }],
        },
      ],
      output: `
        {
          "Resources": {
            "Params": {
              "Type": "AWS::RDS::DBParameterGroup",
              "Properties": {
                "Family": "mysql8.0",
                "Description": "orders",
                "Parameters": {
                  "max_connections": "100",
                  "require_secure_transport": 1
                }
              }
            },
            "Db": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": { "Engine": "mysql", "EngineVersion": "8.0.36", "DBParameterGroupName": { "Ref": "Params" } }
            }
          }
        }
      `,
    },
    {
      name: 'a group chosen by a condition: the branch is named and no fix is offered',
      yaml: `Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n${resourcesYaml(`
        Params:
          Type: AWS::RDS::DBParameterGroup
          Properties: { Family: mariadb10.11, Description: d, Parameters: { require_secure_transport: 1 } }
        Db:
          Type: AWS::RDS::DBInstance
          Properties: { Engine: mariadb, DBParameterGroupName: !If [Prod, !Ref Params, !Ref AWS::NoValue] }
      `)}`,
      errors: [
        {
          messageId: 'defaultGroup',
          text: 'DBParameterGroupName',
          message: `${DEFAULT_GROUP.replace(/\.$/, '')} (when condition Prod is false).`,
        },
      ],
      output: null,
    },
  ],
});
