import { dynamodbDeletionProtection } from '../../../src/rules/responsibility/dynamodb-deletion-protection';
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
  'DeletionProtectionEnabled is not set, and DynamoDB defaults it to false: a stack deletion, a replacing update ' +
  `or one API call deletes this ${kind} and its data. Keeping data recoverable is the customer’s job.`;

new RuleTester().run(dynamodbDeletionProtection, {
  valid: [
    { name: 'protected', yaml: table('DeletionProtectionEnabled: true') },
    { name: 'a protected replica', yaml: global('DeletionProtectionEnabled: true') },
    {
      name: 'a parameter without default or allowed values is unknown',
      yaml: table('DeletionProtectionEnabled: !Ref Protect', 'Parameters:\n  Protect:\n    Type: String\n'),
    },
    {
      name: 'replicas that cannot be known',
      yaml:
        'Parameters:\n  Replicas:\n    Type: CommaDelimitedList\n' +
        resourcesYaml('T:\n  Type: AWS::DynamoDB::GlobalTable\n  Properties:\n    Replicas: !Ref Replicas\n'),
    },
  ],
  invalid: [
    {
      name: 'block style, absent',
      yaml: table('TableClass: STANDARD'),
      errors: [{ messageId: 'missing', message: missing('table'), text: 'Properties' }],
      output: table('TableClass: STANDARD\n        DeletionProtectionEnabled: true'),
    },
    {
      name: 'block style, false',
      yaml: table('DeletionProtectionEnabled: false'),
      errors: [
        { messageId: 'disabled', underline: 'DeletionProtectionEnabled: false\n                           ~~~~~' },
      ],
      output: table('DeletionProtectionEnabled: true'),
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
      output: global('TableClass: STANDARD\n            DeletionProtectionEnabled: true'),
    },
    {
      name: 'flow style',
      yaml: resourcesYaml(`
        T:
          Type: AWS::DynamoDB::Table
          Properties: { BillingMode: PAY_PER_REQUEST, DeletionProtectionEnabled: false }
      `),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(`
        T:
          Type: AWS::DynamoDB::Table
          Properties: { BillingMode: PAY_PER_REQUEST, DeletionProtectionEnabled: true }
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
          Properties: { BillingMode: PAY_PER_REQUEST, DeletionProtectionEnabled: true }
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
                "DeletionProtectionEnabled": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'off outside production: named, left to a person',
      yaml: table('DeletionProtectionEnabled: !If [Prod, true, false]', ENV),
      errors: [
        {
          messageId: 'disabled',
          underline:
            'DeletionProtectionEnabled: !If [Prod, true, false]\n                                            ~~~~~',
        },
      ],
      output: null,
    },
  ],
});
