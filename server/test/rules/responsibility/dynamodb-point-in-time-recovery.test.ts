import { dynamodbPointInTimeRecovery } from '../../../src/rules/responsibility/dynamodb-point-in-time-recovery';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A table in block style whose properties end with `last`. */
const table = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Orders:
      Type: AWS::DynamoDB::Table
      Properties:
        BillingMode: PAY_PER_REQUEST
        KeySchema: [{ AttributeName: id, KeyType: HASH }]
        AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
        ${last}
  `);

/** A global table whose single replica ends with `last`. */
const global = (last: string): string =>
  resourcesYaml(`
    Orders:
      Type: AWS::DynamoDB::GlobalTable
      Properties:
        BillingMode: PAY_PER_REQUEST
        KeySchema: [{ AttributeName: id, KeyType: HASH }]
        AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
        Replicas:
          - Region: eu-west-1
            ${last}
  `);

const missing = (kind: string): string =>
  'Point-in-time recovery is not enabled (PointInTimeRecoveryEnabled is not set; DynamoDB defaults it to false), ' +
  `so a bad write or delete in this ${kind} cannot be undone. Keeping data recoverable is the customer’s job.`;

const ON = 'PointInTimeRecoverySpecification:\n          PointInTimeRecoveryEnabled: true';

new RuleTester().run(dynamodbPointInTimeRecovery, {
  valid: [
    { name: 'enabled', yaml: table(ON) },
    {
      name: 'a replica with it enabled',
      yaml: global('PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }'),
    },
    {
      name: 'a parameter without default or allowed values is unknown',
      yaml: table(
        'PointInTimeRecoverySpecification:\n          PointInTimeRecoveryEnabled: !Ref Pitr',
        'Parameters:\n  Pitr:\n    Type: String\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'block style, no specification',
      yaml: table('TableClass: STANDARD'),
      errors: [{ messageId: 'missing', message: missing('table'), text: 'Properties' }],
      output: table('TableClass: STANDARD\n        ' + ON),
    },
    {
      name: 'block style, a specification without the flag',
      yaml: table('PointInTimeRecoverySpecification:\n          RecoveryPeriodInDays: 35'),
      errors: [{ messageId: 'missing', text: 'PointInTimeRecoverySpecification' }],
      output: table(
        'PointInTimeRecoverySpecification:\n          RecoveryPeriodInDays: 35\n          PointInTimeRecoveryEnabled: true',
      ),
    },
    {
      name: 'block style, false',
      yaml: table('PointInTimeRecoverySpecification:\n          PointInTimeRecoveryEnabled: false'),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: table(ON),
    },
    {
      name: 'a global table replica without it',
      yaml: global('TableClass: STANDARD'),
      errors: [
        {
          messageId: 'missing',
          message: missing('global table replica'),
          text: '- Region: eu-west-1\n          TableClass: STANDARD',
        },
      ],
      output: global(
        'TableClass: STANDARD\n            PointInTimeRecoverySpecification:\n              PointInTimeRecoveryEnabled: true',
      ),
    },
    {
      name: 'flow style, false',
      yaml: resourcesYaml(`
        T:
          Type: AWS::DynamoDB::Table
          Properties: { BillingMode: PAY_PER_REQUEST, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }
      `),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(`
        T:
          Type: AWS::DynamoDB::Table
          Properties: { BillingMode: PAY_PER_REQUEST, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }
      `),
    },
    {
      name: 'flow style, absent',
      yaml: resourcesYaml(`
        T:
          Type: AWS::DynamoDB::Table
          Properties: { BillingMode: PAY_PER_REQUEST }
      `),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(`
        T:
          Type: AWS::DynamoDB::Table
          Properties: { BillingMode: PAY_PER_REQUEST, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }
      `),
    },
    {
      name: 'JSON, absent',
      json: `
        {
          "Resources": {
            "T": {
              "Type": "AWS::DynamoDB::Table",
              "Properties": {
                "BillingMode": "PAY_PER_REQUEST"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "T": {
              "Type": "AWS::DynamoDB::Table",
              "Properties": {
                "BillingMode": "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification": {
                  "PointInTimeRecoveryEnabled": true
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'off outside production: named, left to a person',
      yaml: table(
        'PointInTimeRecoverySpecification:\n          PointInTimeRecoveryEnabled: !If [Prod, true, false]',
        ENV,
      ),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: null,
    },
  ],
});
