import { rdsDeletionProtection } from '../../../src/rules/responsibility/rds-deletion-protection';
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

const missing = (kind: string): string =>
  'DeletionProtection is not set, and RDS defaults it to false: a stack deletion, a replacing update or one API ' +
  `call deletes this ${kind}. Keeping data recoverable is the customer’s job.`;

const TF_EVENTS = 'terraform destroy, a replacing change or one API call';
const tfMissing = (kind: string): string =>
  `deletion_protection is not set, and RDS defaults it to false: ${TF_EVENTS} deletes this ${kind}. ` +
  'Keeping data recoverable is the customer’s job.';
const TF_DISABLED = `deletion_protection is false: ${TF_EVENTS} deletes this DB cluster. Keeping data recoverable is the customer’s job.`;

/** A `.tf.json` database of `type` whose body ends with `last`; `head` goes before the `resource` block. */
const tfDatabase = (last: string, type = 'aws_db_instance', head = ''): string => `{
  ${head}
  "resource": {
    "${type}": {
      "orders": {
        "engine": "postgres",
        ${last}
      }
    }
  }
}
`;

/** A plan with one cluster and its planned values. */
const planCluster = (values: string): string => `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        { "address": "aws_rds_cluster.orders", "mode": "managed", "type": "aws_rds_cluster", "name": "orders", "values": ${values} }
      ]
    }
  },
  "resource_changes": []
}
`;

new RuleTester().run(rdsDeletionProtection, {
  valid: [
    { name: 'Terraform: a protected instance', tf: tfDatabase('"deletion_protection": true') },
    {
      name: 'Terraform: a read replica is not judged',
      tf: tfDatabase('"replicate_source_db": "${aws_db_instance.primary.identifier}"'),
    },
    {
      name: 'Terraform: a variable without default is unknown',
      tf: tfDatabase('"deletion_protection": "${var.protect}"', 'aws_rds_cluster'),
    },
    {
      name: 'plan: a protected cluster',
      plan: planCluster('{"engine": "aurora-postgresql", "deletion_protection": true}'),
    },
    { name: 'protected', yaml: instance('DeletionProtection: true') },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"DeletionProtection": "true"}}}}',
    },
    {
      name: 'an Aurora member: its cluster is protected, RDS ignores the setting on it',
      yaml: resourcesYaml(
        'Member:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    Engine: aurora-mysql\n    DBClusterIdentifier: main\n',
      ),
    },
    {
      name: 'a parameter without default or allowed values is unknown',
      yaml: instance('DeletionProtection: !Ref Protect', 'Parameters:\n  Protect:\n    Type: String\n'),
    },
    {
      name: 'a read replica: deleting it loses no data, its source keeps it',
      yaml: resourcesYaml(
        'Replica:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    SourceDBInstanceIdentifier: primary\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: absent, on the resource name; the fix protects the instance',
      tf: tfDatabase('"instance_class": "db.t4g.medium"'),
      errors: [{ messageId: 'missing', message: tfMissing('DB instance'), text: '"orders"' }],
      output: tfDatabase('"instance_class": "db.t4g.medium",\n        "deletion_protection": true'),
    },
    {
      name: 'Terraform: a cluster with protection off by a variable default, named and left to a person',
      tf: tfDatabase(
        '"deletion_protection": "${var.protect}"',
        'aws_rds_cluster',
        '"variable": {"protect": {"type": "bool", "default": false}},',
      ),
      errors: [
        {
          messageId: 'disabled',
          message: `${TF_DISABLED.replace(/\.$/, '')} (by the default of variable protect).`,
          text: '"${var.protect}"',
        },
      ],
      output: null,
    },
    {
      name: 'plan: a cluster planned without protection',
      plan: planCluster('{"engine": "aurora-postgresql", "deletion_protection": false}'),
      errors: [
        {
          messageId: 'disabled',
          message: `${TF_DISABLED} This is a plan: fix aws_rds_cluster.orders in the Terraform configuration and plan again.`,
          text: 'false',
        },
      ],
      output: null,
    },
    {
      name: 'block style, absent',
      yaml: instance('StorageEncrypted: true'),
      errors: [{ messageId: 'missing', message: missing('DB instance'), text: 'Properties' }],
      output: instance('StorageEncrypted: true\n        DeletionProtection: true'),
    },
    {
      name: 'block style, false',
      yaml: instance('DeletionProtection: false'),
      errors: [
        {
          messageId: 'disabled',
          data: {
            kind: 'DB instance',
            setting: 'DeletionProtection',
            events: 'a stack deletion, a replacing update or one API call',
          },
          underline: 'DeletionProtection: false\n                    ~~~~~',
        },
      ],
      output: instance('DeletionProtection: true'),
    },
    {
      name: 'flow style, a cluster',
      yaml: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties: { Engine: aurora-postgresql }
      `),
      errors: [{ messageId: 'missing', message: missing('DB cluster'), text: 'Properties' }],
      output: resourcesYaml(`
        Cluster:
          Type: AWS::RDS::DBCluster
          Properties: { Engine: aurora-postgresql, DeletionProtection: true }
      `),
    },
    {
      name: 'JSON, false',
      json: `
        {
          "Resources": {
            "Db": {
              "Type": "AWS::RDS::DBInstance",
              "Properties": {
                "Engine": "mysql",
                "DeletionProtection": false
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
                "DeletionProtection": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'off outside production: the branch is named and left to a person',
      yaml: instance('DeletionProtection: !If [Prod, true, false]', ENV),
      errors: [
        {
          messageId: 'disabled',
          message:
            'DeletionProtection is false: a stack deletion, a replacing update or one API call deletes this DB instance. ' +
            'Keeping data recoverable is the customer’s job (when condition Prod is false).',
          underline: 'DeletionProtection: !If [Prod, true, false]\n                                     ~~~~~',
        },
      ],
      output: null,
    },
    {
      name: 'a parameter default of false: no fix',
      yaml: instance(
        'DeletionProtection: !Ref Protect',
        "Parameters:\n  Protect:\n    Type: String\n    AllowedValues: ['true', 'false']\n    Default: 'false'\n",
      ),
      errors: [{ messageId: 'disabled', text: '!Ref Protect' }],
      output: null,
    },
  ],
});
