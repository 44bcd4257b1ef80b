import { rdsBackupRetention } from '../../../src/rules/responsibility/rds-backup-retention';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A DB instance in block style whose properties end with `last`. */
const instance = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Db:
      Type: AWS::RDS::DBInstance
      Properties:
        Engine: postgres
        DBInstanceClass: db.t4g.medium
        ${last}
  `);

const disabled =
  'BackupRetentionPeriod is 0, so automated backups of this DB instance are off: after a failure or a bad write ' +
  'there is no point-in-time restore, and the data is unrecoverable. Keeping data recoverable is the customer’s job.';

const OFF =
  'after a failure or a bad write there is no point-in-time restore, and the data is unrecoverable. Keeping data ' +
  'recoverable is the customer’s job.';
const TF_MISSING_OFF = `backup_retention_period is not set, and the AWS provider then creates this DB instance with 0: automated backups are off: ${OFF}`;
const TF_CLUSTER_MISSING =
  'backup_retention_period is not set, so the AWS provider keeps automated backups of this DB cluster for 1 day only: ' +
  'a bad write noticed after a day cannot be undone. Keeping data recoverable is the customer’s job.';

/** A `.tf.json` database of `type` whose body ends with `last`. */
const tfDatabase = (last: string, type = 'aws_db_instance'): string => `{
  "resource": {
    "${type}": {
      "orders": {
        "engine": "postgres",
        "instance_class": "db.t4g.medium"${last === '' ? '' : `,\n        ${last}`}
      }
    }
  }
}
`;

/** A plan with one DB instance; `unknown` is its `after_unknown`, `configuration` the plan's section if any. */
const planInstance = (values: string, unknown: string, configuration = ''): string => `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        { "address": "aws_db_instance.orders", "mode": "managed", "type": "aws_db_instance", "name": "orders", "values": ${values} }
      ]
    }
  },
  "resource_changes": [
    { "address": "aws_db_instance.orders", "change": { "actions": ["create"], "after": ${values}, "after_unknown": ${unknown} } }
  ]${configuration}
}
`;

new RuleTester().run(rdsBackupRetention, {
  valid: [
    { name: 'Terraform: seven days', tf: tfDatabase('"backup_retention_period": 7') },
    {
      name: 'Terraform: a read replica is not judged',
      tf: tfDatabase('"replicate_source_db": "orders-primary"'),
    },
    {
      name: 'plan without configuration: a period the provider computes is unknown',
      plan: planInstance('{"engine": "postgres"}', '{"backup_retention_period": true}'),
    },
    { name: 'seven days', yaml: instance('BackupRetentionPeriod: 7') },
    { name: 'thirty-five days as a string', yaml: instance('BackupRetentionPeriod: "35"') },
    {
      name: 'an Aurora member: the cluster keeps the backups',
      yaml: resourcesYaml(
        'Member:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    Engine: aurora-postgresql\n    DBClusterIdentifier: main\n    DBInstanceClass: db.r6g.large\n',
      ),
    },
    {
      name: 'a read replica: its source holds the restore point',
      yaml: resourcesYaml(
        'Replica:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    SourceDBInstanceIdentifier: primary\n    DBInstanceClass: db.t4g.medium\n',
      ),
    },
    {
      name: 'a parameter without default or allowed values is unknown',
      yaml: instance('BackupRetentionPeriod: !Ref Days', 'Parameters:\n  Days:\n    Type: Number\n'),
    },
    {
      name: 'an engine that cannot be known may be Aurora',
      yaml:
        'Parameters:\n  Engine:\n    Type: String\n' +
        resourcesYaml('Db:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    Engine: !Ref Engine\n'),
    },
    {
      name: 'a cluster with 14 days',
      yaml: resourcesYaml(
        'Cluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: aurora-mysql\n    BackupRetentionPeriod: 14\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: an instance without the period is created with backups off',
      tf: tfDatabase(''),
      errors: [
        {
          messageId: 'missingOff',
          message: TF_MISSING_OFF,
          data: { kind: 'DB instance', setting: 'backup_retention_period', deployer: 'the AWS provider' },
          text: '"orders"',
        },
      ],
      output: tfDatabase('"backup_retention_period": 7'),
    },
    {
      name: 'Terraform: a cluster without the period keeps one day',
      tf: tfDatabase('"engine_mode": "provisioned"', 'aws_rds_cluster'),
      errors: [{ messageId: 'missing', message: TF_CLUSTER_MISSING, text: '"orders"' }],
      output: tfDatabase('"engine_mode": "provisioned",\n        "backup_retention_period": 7', 'aws_rds_cluster'),
    },
    {
      name: 'Terraform: 0 on an instance is off',
      tf: tfDatabase('"backup_retention_period": 0'),
      errors: [
        {
          messageId: 'disabled',
          message: disabled.replace('BackupRetentionPeriod', 'backup_retention_period'),
          text: '0',
        },
      ],
      output: tfDatabase('"backup_retention_period": 7'),
    },
    {
      name: 'plan: a period the configuration never wrote is the provider’s 0',
      plan: planInstance(
        '{"engine": "postgres"}',
        '{"backup_retention_period": true}',
        ',\n  "configuration": { "root_module": { "resources": [ { "address": "aws_db_instance.orders", "expressions": { "engine": { "constant_value": "postgres" } } } ] } }',
      ),
      errors: [
        {
          messageId: 'missingOff',
          message: `${TF_MISSING_OFF} This is a plan: fix aws_db_instance.orders in the Terraform configuration and plan again.`,
          text: '"values"',
        },
      ],
      output: null,
    },
    {
      name: 'plan: three days planned',
      plan: planInstance('{"engine": "postgres", "backup_retention_period": 3}', '{}'),
      errors: [
        {
          messageId: 'short',
          message:
            'backup_retention_period is 3 day(s), shorter than 7: a bad write noticed later than that cannot be undone. ' +
            'Keeping data recoverable is the customer’s job. This is a plan: fix aws_db_instance.orders in the ' +
            'Terraform configuration and plan again.',
          text: '3',
          line: 6,
        },
      ],
      output: null,
    },
    {
      name: 'block style, backups off',
      yaml: instance('BackupRetentionPeriod: 0'),
      errors: [
        {
          messageId: 'disabled',
          message: disabled,
          underline: 'BackupRetentionPeriod: 0\n                       ~',
        },
      ],
      output: instance('BackupRetentionPeriod: 7'),
    },
    {
      name: 'absent: CloudFormation keeps one day',
      yaml: instance('StorageEncrypted: true'),
      errors: [
        {
          messageId: 'missing',
          data: { kind: 'DB instance', setting: 'BackupRetentionPeriod', deployer: 'CloudFormation' },
          text: 'Properties',
        },
      ],
      output: instance('StorageEncrypted: true\n        BackupRetentionPeriod: 7'),
    },
    {
      name: 'flow style, a cluster with three days',
      yaml: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties: { Engine: aurora-postgresql, BackupRetentionPeriod: 3 }
      `),
      errors: [{ messageId: 'short', data: { days: 3, setting: 'BackupRetentionPeriod' }, text: '3' }],
      output: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties: { Engine: aurora-postgresql, BackupRetentionPeriod: 7 }
      `),
    },
    {
      name: 'flow style, absent',
      yaml: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties: { Engine: aurora-postgresql }
      `),
      errors: [
        {
          messageId: 'missing',
          data: { kind: 'DB cluster', setting: 'BackupRetentionPeriod', deployer: 'CloudFormation' },
          text: 'Properties',
        },
      ],
      output: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties: { Engine: aurora-postgresql, BackupRetentionPeriod: 7 }
      `),
    },
    {
      name: 'JSON, absent',
      json: `
        {
          "Resources": {
            "Db": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": {
                "Engine": "mysql"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Db": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": {
                "Engine": "mysql",
                "BackupRetentionPeriod": 7
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, one day as a string',
      json: '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "mysql", "BackupRetentionPeriod": "1"}}}}',
      errors: [{ messageId: 'short', data: { days: 1, setting: 'BackupRetentionPeriod' }, text: '"1"' }],
      output:
        '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "mysql", "BackupRetentionPeriod": 7}}}}',
    },
    {
      name: 'a parameter default of 0 is what deploys; a person decides the fix',
      yaml: instance('BackupRetentionPeriod: !Ref Days', 'Parameters:\n  Days:\n    Type: Number\n    Default: 0\n'),
      errors: [{ messageId: 'disabled', text: '!Ref Days' }],
      output: null,
    },
    {
      name: 'the zero branch of an undecided !If is named, and left to a person',
      yaml: instance('BackupRetentionPeriod: !If [Prod, 14, 0]', ENV),
      errors: [
        {
          messageId: 'disabled',
          message: `${disabled.replace(/\.$/, '')} (when condition Prod is false).`,
          underline: 'BackupRetentionPeriod: !If [Prod, 14, 0]\n                                      ~',
        },
      ],
      output: null,
    },
    {
      name: 'an instance that joins a cluster on one branch only is judged on the other, without a fix',
      yaml: instance('DBClusterIdentifier: !If [Prod, main, !Ref AWS::NoValue]', ENV),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: null,
    },
  ],
});
