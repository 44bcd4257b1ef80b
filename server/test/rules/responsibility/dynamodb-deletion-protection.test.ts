import { dynamodbDeletionProtection } from '../../../src/rules/responsibility/dynamodb-deletion-protection';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';
import { ENV, global, table } from './dynamodb-fixtures';

const missing = (kind: string): string =>
  'DeletionProtectionEnabled is not set, and DynamoDB defaults it to false: a stack deletion, a replacing update ' +
  `or one API call deletes this ${kind} and its data. Keeping data recoverable is the customer’s job.`;

/** The Terraform messages: the attribute's name, and what deletes a table wholesale there. */
const tfMissing = (kind: string): string =>
  missing(kind)
    .replace('DeletionProtectionEnabled', 'deletion_protection_enabled')
    .replace('a stack deletion', 'terraform destroy');
const tfDisabled = (kind: string): string =>
  'deletion_protection_enabled is false: terraform destroy, a replacing update or one API call deletes this ' +
  `${kind} and its data. Keeping data recoverable is the customer’s job.`;

/** A `.tf.json` table whose body ends with `last`. */
const tfTable = (last: string): string =>
  tfResource('aws_dynamodb_table', 'orders', `"name": "orders",\n        "hash_key": "id",\n        ${last}`);

new RuleTester().run(dynamodbDeletionProtection, {
  valid: [
    { name: 'Terraform: protected', tf: tfTable('"deletion_protection_enabled": true') },
    {
      name: 'Terraform: protected, and so is its replica',
      tf: tfTable(
        '"deletion_protection_enabled": true,\n        "replica": { "region_name": "eu-west-1", "deletion_protection_enabled": true }',
      ),
    },
    {
      name: 'Terraform: a protected aws_dynamodb_table_replica',
      tf: tfResource(
        'aws_dynamodb_table_replica',
        'eu',
        '"global_table_arn": "${aws_dynamodb_table.orders.arn}",\n        "deletion_protection_enabled": true',
      ),
    },
    {
      name: 'plan: a replica’s setting known only after apply',
      plan: planOf([
        {
          type: 'aws_dynamodb_table',
          name: 'orders',
          values:
            '{ "name": "orders", "deletion_protection_enabled": true, "replica": [{ "region_name": "eu-west-1" }] }',
          unknown: '{ "replica": [{ "deletion_protection_enabled": true }] }',
        },
      ]),
    },
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
    {
      name: 'Terraform: absent, on the resource name; the fix adds it',
      tf: tfTable('"billing_mode": "PAY_PER_REQUEST"'),
      errors: [
        {
          messageId: 'missing',
          message: tfMissing('table'),
          data: { kind: 'table', setting: 'deletion_protection_enabled', teardown: 'terraform destroy' },
          underline: '"orders": {\n~~~~~~~~',
          line: 5,
        },
      ],
      output: tfTable('"billing_mode": "PAY_PER_REQUEST",\n        "deletion_protection_enabled": true'),
    },
    {
      name: 'Terraform: a replica block without it, reported on the block; the fix sets it there',
      tf: tfTable('"deletion_protection_enabled": true,\n        "replica": [{ "region_name": "eu-west-1" }]'),
      errors: [
        { messageId: 'missing', message: tfMissing('global table replica'), text: '{ "region_name": "eu-west-1" }' },
      ],
      output: tfTable(
        '"deletion_protection_enabled": true,\n        "replica": [{ "region_name": "eu-west-1", "deletion_protection_enabled": true }]',
      ),
    },
    {
      name: 'Terraform: an aws_dynamodb_table_replica with false',
      tf: tfResource(
        'aws_dynamodb_table_replica',
        'eu',
        '"global_table_arn": "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",\n        "deletion_protection_enabled": false',
      ),
      errors: [{ messageId: 'disabled', message: tfDisabled('global table replica'), text: 'false' }],
      output: tfResource(
        'aws_dynamodb_table_replica',
        'eu',
        '"global_table_arn": "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",\n        "deletion_protection_enabled": true',
      ),
    },
    {
      name: 'plan: false in the planned values, without a fix',
      plan: planOf([
        {
          type: 'aws_dynamodb_table',
          name: 'orders',
          values: '{ "name": "orders", "deletion_protection_enabled": false }',
        },
      ]),
      errors: [
        {
          messageId: 'disabled',
          message: inPlan(tfDisabled('table'), 'aws_dynamodb_table.orders'),
          text: 'false',
          line: 6,
        },
      ],
      output: null,
    },
  ],
});
