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

new RuleTester().run(rdsBackupRetention, {
  valid: [
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
      errors: [{ messageId: 'missing', data: { kind: 'DB instance' }, text: 'Properties' }],
      output: instance('StorageEncrypted: true\n        BackupRetentionPeriod: 7'),
    },
    {
      name: 'flow style, a cluster with three days',
      yaml: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties: { Engine: aurora-postgresql, BackupRetentionPeriod: 3 }
      `),
      errors: [{ messageId: 'short', data: { days: 3 }, text: '3' }],
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
      errors: [{ messageId: 'missing', data: { kind: 'DB cluster' }, text: 'Properties' }],
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
      errors: [{ messageId: 'short', data: { days: 1 }, text: '"1"' }],
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
