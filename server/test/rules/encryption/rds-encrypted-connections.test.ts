import { rdsEncryptedConnections } from '../../../src/rules/encryption/rds-encrypted-connections';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

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

/** A `.tf.json` PostgreSQL instance (more attributes in `db`) using the group `params`, whose body ends with `group`. */
const tfPostgres = (db: string, group: string, family = 'postgres14'): string => `{
  "resource": {
    "aws_db_parameter_group": {
      "params": { "family": "${family}"${group} }
    },
    "aws_db_instance": {
      "db": { "engine": "postgres"${db}, "parameter_group_name": "\${aws_db_parameter_group.params.name}" }
    }
  }
}
`;

const TF_PARAMS = { text: '"params"', message: 'Parameter group aws_db_parameter_group.params' };

/** A plan: a MySQL instance tied to its group through the configuration; the group's `parameter` blocks. */
const planMysql = (parameters: string): string =>
  planOf(
    [
      {
        type: 'aws_db_parameter_group',
        name: 'params',
        values: `{"name": "orders", "family": "mysql8.0", "parameter": ${parameters}}`,
      },
      {
        type: 'aws_db_instance',
        name: 'db',
        values: '{"engine": "mysql", "engine_version": "8.0.35", "parameter_group_name": "orders"}',
      },
    ],
    `{ "root_module": { "resources": [
      { "address": "aws_db_instance.db", "type": "aws_db_instance", "name": "db",
        "expressions": { "parameter_group_name": { "references": ["aws_db_parameter_group.params.name", "aws_db_parameter_group.params"] } } }
    ] } }`,
  );

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
    {
      name: 'Terraform: a parameter block forces TLS',
      tf: tfPostgres('', ', "parameter": {"name": "rds.force_ssl", "value": "1"}'),
    },
    {
      name: 'Terraform: among other parameter blocks',
      tf: tfPostgres(
        ', "engine_version": "14.10"',
        ', "parameter": [{"name": "log_statement", "value": "all"}, {"name": "rds.force_ssl", "value": "1"}]',
      ),
    },
    {
      name: 'Terraform: PostgreSQL 16 forces TLS in its default group',
      tf: tfResource('aws_db_instance', 'db', '"engine": "postgres", "engine_version": "16.3"'),
    },
    {
      name: 'Terraform: a group named outside the configuration is unknown',
      tf: tfResource('aws_db_instance', 'db', '"engine": "mariadb", "parameter_group_name": "shared-params"'),
    },
    {
      name: 'Terraform: an Aurora cluster whose cluster group requires TLS',
      tf: `{
  "resource": {
    "aws_rds_cluster_parameter_group": {
      "cluster": { "family": "aurora-mysql8.0", "parameter": {"name": "require_secure_transport", "value": "ON"} }
    },
    "aws_rds_cluster": {
      "main": { "engine": "aurora-mysql", "db_cluster_parameter_group_name": "\${aws_rds_cluster_parameter_group.cluster.name}" }
    }
  }
}
`,
    },
    {
      name: 'plan: the group tied by the configuration requires TLS',
      plan: planMysql('[{"name": "require_secure_transport", "value": "ON", "apply_method": "immediate"}]'),
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
    {
      name: 'Terraform: MariaDB without a parameter group, on the resource name',
      tf: tfResource('aws_db_instance', 'db', '"engine": "mariadb"'),
      errors: [{ messageId: 'defaultGroup', message: DEFAULT_GROUP, text: '"db"' }],
      output: null,
    },
    {
      name: 'Terraform: PostgreSQL 14, a group without parameter blocks; the fix adds one',
      tf: tfPostgres(', "engine_version": "14.10"', ''),
      errors: [
        {
          messageId: 'notSet',
          message: NOT_SET.replace('group Params', 'group aws_db_parameter_group.params'),
          text: '"${aws_db_parameter_group.params.name}"',
          related: [TF_PARAMS],
        },
      ],
      output: tfPostgres(', "engine_version": "14.10"', ', "parameter": { "name": "rds.force_ssl", "value": "1" }'),
    },
    {
      name: 'Terraform: other parameter blocks only; the fix adds the block to the list',
      tf: tfPostgres('', ', "parameter": [{"name": "log_statement", "value": "all"}]', 'postgres13'),
      errors: [{ messageId: 'notSet', text: '"${aws_db_parameter_group.params.name}"', related: [TF_PARAMS] }],
      output: tfPostgres(
        '',
        ', "parameter": [ { "name": "log_statement", "value": "all" }, { "name": "rds.force_ssl", "value": "1" } ]',
        'postgres13',
      ),
    },
    {
      name: 'Terraform: rds.force_ssl "0"; the fix turns it to "1"',
      tf: tfPostgres(
        ', "engine_version": "16.3"',
        ', "parameter": {"name": "rds.force_ssl", "value": "0"}',
        'postgres16',
      ),
      errors: [
        {
          messageId: 'disabled',
          data: { engine: 'postgres', group: 'aws_db_parameter_group.params', parameter: 'rds.force_ssl', value: '0' },
          text: '"${aws_db_parameter_group.params.name}"',
          related: [TF_PARAMS],
        },
      ],
      output: tfPostgres(
        ', "engine_version": "16.3"',
        ', "parameter": {"name": "rds.force_ssl", "value": "1"}',
        'postgres16',
      ),
    },
    {
      name: 'Terraform: SQL Server, a group named by its literal name; rds.force_ssl is static, applied at the next reboot',
      tf: `{
  "resource": {
    "aws_db_parameter_group": {
      "params": { "name": "orders", "family": "sqlserver-ex-16.0" }
    },
    "aws_db_instance": {
      "db": { "engine": "sqlserver-ex", "parameter_group_name": "orders" }
    }
  }
}
`,
      errors: [{ messageId: 'notSet', text: '"orders"', line: 7, related: [{ text: '"params"' }] }],
      output: `{
  "resource": {
    "aws_db_parameter_group": {
      "params": { "name": "orders", "family": "sqlserver-ex-16.0", "parameter": { "name": "rds.force_ssl", "value": "1", "apply_method": "pending-reboot" } }
    },
    "aws_db_instance": {
      "db": { "engine": "sqlserver-ex", "parameter_group_name": "orders" }
    }
  }
}
`,
    },
    {
      name: 'plan: require_secure_transport "0" in the group tied by the configuration',
      plan: planMysql('[{"name": "require_secure_transport", "value": "0", "apply_method": "immediate"}]'),
      errors: [
        {
          messageId: 'disabled',
          message: inPlan(
            'Connections can be unencrypted: require_secure_transport is 0 in parameter group aws_db_parameter_group.params, so clients may send credentials and data in plaintext.',
            'aws_db_instance.db',
          ),
          text: '"orders"',
          line: 7,
          related: [{ text: '"aws_db_parameter_group.params"', line: 6 }],
        },
      ],
      output: null,
    },
  ],
});
