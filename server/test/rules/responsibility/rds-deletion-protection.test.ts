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

new RuleTester().run(rdsDeletionProtection, {
  valid: [
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
          data: { kind: 'DB instance' },
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
