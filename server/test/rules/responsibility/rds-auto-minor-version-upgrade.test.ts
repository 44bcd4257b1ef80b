import { rdsAutoMinorVersionUpgrade } from '../../../src/rules/responsibility/rds-auto-minor-version-upgrade';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const disabled = (kind: string): string =>
  `AutoMinorVersionUpgrade is false, so the ${kind} will not receive the minor engine versions AWS releases, ` +
  'which carry security fixes; patching the database engine is the customer’s job, and nothing else will do it.';

const tfDisabled = (kind: string): string =>
  disabled(kind).replace('AutoMinorVersionUpgrade', 'auto_minor_version_upgrade');

/** A `.tf.json` resource of `type` whose body ends with `last`. */
const tfDb = (type: string, last: string, head = ''): string =>
  tfResource(type, 'main', `"instance_class": "db.t4g.medium",\n        ${last}`, head);

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A DB instance in block style whose properties end with `last`. */
const instance = (last: string, header = '', engine = 'postgres'): string =>
  header +
  resourcesYaml(`
    Db:
      Type: AWS::RDS::DBInstance
      Properties:
        Engine: ${engine}
        DBInstanceClass: db.t4g.medium
        ${last}
  `);

new RuleTester().run(rdsAutoMinorVersionUpgrade, {
  valid: [
    {
      name: 'Terraform: absent is the AWS provider’s default, true',
      tf: tfDb('aws_db_instance', '"engine": "postgres"'),
    },
    {
      name: 'Terraform: RDS Custom requires it off',
      tf: tfDb('aws_db_instance', '"engine": "custom-sqlserver-se",\n        "auto_minor_version_upgrade": false'),
    },
    {
      name: 'Terraform: a variable without default is unknown',
      tf: tfDb(
        'aws_rds_cluster_instance',
        '"engine": "aurora-postgresql",\n        "auto_minor_version_upgrade": "${var.upgrade}"',
      ),
    },
    {
      name: 'plan: true, the provider’s default, in the planned values',
      plan: planOf([
        { type: 'aws_db_instance', name: 'main', values: '{ "engine": "mysql", "auto_minor_version_upgrade": true }' },
      ]),
    },
    { name: 'absent means true, AWS’s default', yaml: instance('StorageEncrypted: true') },
    { name: 'true, said outright', yaml: instance('AutoMinorVersionUpgrade: true') },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "mysql", "AutoMinorVersionUpgrade": "true"}}}}',
    },
    {
      name: 'RDS Custom requires it off: the customer patches by design',
      yaml: instance('AutoMinorVersionUpgrade: false', '', 'custom-oracle-ee'),
    },
    {
      name: 'an engine from a parameter without default may be RDS Custom: unknown',
      yaml: instance('AutoMinorVersionUpgrade: false', 'Parameters:\n  Engine:\n    Type: String\n', '!Ref Engine'),
    },
    {
      name: 'a parameter with neither default nor allowed values is unknown',
      yaml: instance('AutoMinorVersionUpgrade: !Ref Upgrade', 'Parameters:\n  Upgrade:\n    Type: String\n'),
    },
    {
      name: 'a condition decided from literals keeps only its branch',
      yaml: instance('AutoMinorVersionUpgrade: !If [Always, true, false]', 'Conditions:\n  Always: !Equals [1, 1]\n'),
    },
    {
      name: 'a Multi-AZ DB cluster that takes upgrades',
      yaml: resourcesYaml(
        'Cluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    Engine: postgres\n    DBClusterInstanceClass: db.m6gd.large\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'block style, false',
      yaml: instance('AutoMinorVersionUpgrade: false'),
      errors: [
        {
          messageId: 'disabled',
          message: disabled('DB instance'),
          data: { kind: 'DB instance', setting: 'AutoMinorVersionUpgrade' },
          underline: 'AutoMinorVersionUpgrade: false\n                         ~~~~~',
        },
      ],
      output: instance('AutoMinorVersionUpgrade: true'),
    },
    {
      name: 'a read replica without an engine of its own is judged',
      yaml: resourcesYaml(
        'Replica:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    SourceDBInstanceIdentifier: primary\n    AutoMinorVersionUpgrade: "false"\n',
      ),
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output: resourcesYaml(
        'Replica:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    SourceDBInstanceIdentifier: primary\n    AutoMinorVersionUpgrade: true\n',
      ),
    },
    {
      name: 'flow style, a Multi-AZ DB cluster',
      yaml: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties: { Engine: mysql, DBClusterInstanceClass: db.m6gd.large, AutoMinorVersionUpgrade: false }
      `),
      errors: [
        {
          messageId: 'disabled',
          message: disabled('DB cluster'),
          data: { kind: 'DB cluster', setting: 'AutoMinorVersionUpgrade' },
          text: 'false',
        },
      ],
      output: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties: { Engine: mysql, DBClusterInstanceClass: db.m6gd.large, AutoMinorVersionUpgrade: true }
      `),
    },
    {
      name: 'JSON',
      json: `
        {
          "Resources": {
            "Db": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": {
                "Engine": "mysql",
                "AutoMinorVersionUpgrade": false
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: `
        {
          "Resources": {
            "Db": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": {
                "Engine": "mysql",
                "AutoMinorVersionUpgrade": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'a parameter default of false is what deploys; a person decides the fix',
      yaml: instance(
        'AutoMinorVersionUpgrade: !Ref Upgrade',
        "Parameters:\n  Upgrade:\n    Type: String\n    AllowedValues: ['true', 'false']\n    Default: 'false'\n",
      ),
      errors: [
        {
          messageId: 'disabled',
          message: under(disabled('DB instance'), 'by the default of parameter Upgrade'),
          text: '!Ref Upgrade',
        },
      ],
      output: null,
    },
    {
      name: 'the disabled branch of an undecided !If is named, and left to a person',
      yaml: instance('AutoMinorVersionUpgrade: !If [Prod, false, true]', ENV),
      errors: [
        {
          messageId: 'disabled',
          message: under(disabled('DB instance'), 'when condition Prod is true'),
          underline: 'AutoMinorVersionUpgrade: !If [Prod, false, true]\n                                    ~~~~~',
        },
      ],
      output: null,
    },
    {
      name: 'false whichever ordinary engine a branch picks: one finding, and the fix',
      yaml: instance('AutoMinorVersionUpgrade: false', ENV, '!If [Prod, postgres, mysql]'),
      errors: [{ messageId: 'disabled', message: disabled('DB instance'), text: 'false' }],
      output: instance('AutoMinorVersionUpgrade: true', ENV, '!If [Prod, postgres, mysql]'),
    },
    {
      name: 'an engine that is RDS Custom on one branch only: judged on the other',
      yaml: instance('AutoMinorVersionUpgrade: false', ENV, '!If [Prod, custom-sqlserver-ee, sqlserver-ee]'),
      errors: [
        {
          messageId: 'disabled',
          message: under(disabled('DB instance'), 'when condition Prod is false'),
          text: 'false',
        },
      ],
      output: null,
    },
    {
      name: 'Terraform: an aws_db_instance with false; the fix replaces it',
      tf: tfDb('aws_db_instance', '"engine": "postgres",\n        "auto_minor_version_upgrade": false'),
      errors: [
        {
          messageId: 'disabled',
          message: tfDisabled('DB instance'),
          data: { kind: 'DB instance', setting: 'auto_minor_version_upgrade' },
          text: 'false',
        },
      ],
      output: tfDb('aws_db_instance', '"engine": "postgres",\n        "auto_minor_version_upgrade": true'),
    },
    {
      name: 'Terraform: an Aurora cluster instance whose variable defaults to false, without a fix',
      tf: tfDb(
        'aws_rds_cluster_instance',
        '"engine": "aurora-mysql",\n        "auto_minor_version_upgrade": "${var.upgrade}"',
        '"variable": { "upgrade": { "default": false } },',
      ),
      errors: [
        {
          messageId: 'disabled',
          message: under(tfDisabled('DB instance'), 'by the default of variable upgrade'),
          text: '"${var.upgrade}"',
        },
      ],
      output: null,
    },
    {
      name: 'Terraform: an aws_rds_cluster (Multi-AZ) with false',
      tf: tfResource('aws_rds_cluster', 'main', '"engine": "mysql",\n        "auto_minor_version_upgrade": false'),
      errors: [
        {
          messageId: 'disabled',
          message: tfDisabled('DB cluster'),
          data: { kind: 'DB cluster', setting: 'auto_minor_version_upgrade' },
          text: 'false',
        },
      ],
      output: tfResource('aws_rds_cluster', 'main', '"engine": "mysql",\n        "auto_minor_version_upgrade": true'),
    },
    {
      name: 'plan: false in the planned values, without a fix',
      plan: planOf([
        { type: 'aws_db_instance', name: 'main', values: '{ "engine": "mysql", "auto_minor_version_upgrade": false }' },
      ]),
      errors: [
        {
          messageId: 'disabled',
          message: inPlan(tfDisabled('DB instance'), 'aws_db_instance.main'),
          text: 'false',
          line: 6,
        },
      ],
      output: null,
    },
  ],
});
