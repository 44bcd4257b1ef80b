import { dynamodbPointInTimeRecovery } from '../../../src/rules/responsibility/dynamodb-point-in-time-recovery';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';
import { ENV, global, table } from './dynamodb-fixtures';

const missing = (kind: string): string =>
  'Point-in-time recovery is not enabled (PointInTimeRecoveryEnabled is not set; DynamoDB defaults it to false), ' +
  `so a bad write or delete in this ${kind} cannot be undone. Keeping data recoverable is the customer’s job.`;

const ON = 'PointInTimeRecoverySpecification:\n          PointInTimeRecoveryEnabled: true';

/** The Terraform messages name the table's block attribute, or a replica's flat one. */
const tfMissing = (kind: string, setting: string): string =>
  missing(kind).replace('PointInTimeRecoveryEnabled', setting);
const tfDisabled = (kind: string, setting: string): string =>
  `${setting} is false, so a bad write or delete in this ${kind} cannot be undone. Keeping data recoverable is the ` +
  'customer’s job.';

/** A `.tf.json` table whose body ends with `last`. */
const tfTable = (last: string): string =>
  tfResource('aws_dynamodb_table', 'orders', `"name": "orders",\n        "hash_key": "id",\n        ${last}`);
const TF_ON = '"point_in_time_recovery": { "enabled": true }';

new RuleTester().run(dynamodbPointInTimeRecovery, {
  valid: [
    { name: 'Terraform: enabled, the block written as an object', tf: tfTable(TF_ON) },
    {
      name: 'Terraform: enabled, the block written as an array, and on the replica',
      tf: tfTable(
        '"point_in_time_recovery": [{ "enabled": true }],\n        "replica": [{ "region_name": "eu-west-1", "point_in_time_recovery": true }]',
      ),
    },
    {
      name: 'Terraform: an aws_dynamodb_table_replica with it enabled',
      tf: tfResource(
        'aws_dynamodb_table_replica',
        'eu',
        '"global_table_arn": "${aws_dynamodb_table.orders.arn}",\n        "point_in_time_recovery": true',
      ),
    },
    {
      name: 'plan: the block known only after apply',
      plan: planOf([
        {
          type: 'aws_dynamodb_table',
          name: 'orders',
          values: '{ "name": "orders" }',
          unknown: '{ "point_in_time_recovery": true }',
        },
      ]),
    },
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
    {
      name: 'Terraform: no block, on the resource name; the fix adds the block',
      tf: tfTable('"billing_mode": "PAY_PER_REQUEST"'),
      errors: [
        {
          messageId: 'missing',
          message: tfMissing('table', 'point_in_time_recovery.enabled'),
          data: { kind: 'table', setting: 'point_in_time_recovery.enabled' },
          underline: '"orders": {\n~~~~~~~~',
          line: 5,
        },
      ],
      output: tfTable(
        '"billing_mode": "PAY_PER_REQUEST",\n        "point_in_time_recovery": {\n          "enabled": true\n        }',
      ),
    },
    {
      name: 'Terraform: enabled false in the block is replaced',
      tf: tfTable('"point_in_time_recovery": { "enabled": false }'),
      errors: [
        { messageId: 'disabled', message: tfDisabled('table', 'point_in_time_recovery.enabled'), text: 'false' },
      ],
      output: tfTable(TF_ON),
    },
    {
      name: 'Terraform: a replica block without it, reported on the block; the fix sets it there',
      tf: tfTable(`${TF_ON},\n        "replica": [{ "region_name": "eu-west-1" }]`),
      errors: [
        {
          messageId: 'missing',
          message: tfMissing('global table replica', 'point_in_time_recovery'),
          data: { kind: 'global table replica', setting: 'point_in_time_recovery' },
          text: '{ "region_name": "eu-west-1" }',
        },
      ],
      output: tfTable(`${TF_ON},\n        "replica": [{ "region_name": "eu-west-1", "point_in_time_recovery": true }]`),
    },
    {
      name: 'Terraform: an aws_dynamodb_table_replica without it; the fix adds it',
      tf: tfResource('aws_dynamodb_table_replica', 'eu', '"global_table_arn": "${aws_dynamodb_table.orders.arn}"'),
      errors: [
        {
          messageId: 'missing',
          message: tfMissing('global table replica', 'point_in_time_recovery'),
          underline: '"eu": {\n~~~~',
          line: 5,
        },
      ],
      output: tfResource(
        'aws_dynamodb_table_replica',
        'eu',
        '"global_table_arn": "${aws_dynamodb_table.orders.arn}",\n        "point_in_time_recovery": true',
      ),
    },
    {
      name: 'plan: false in the planned block, without a fix',
      plan: planOf([
        {
          type: 'aws_dynamodb_table',
          name: 'orders',
          values:
            '{ "name": "orders", "point_in_time_recovery": [{ "enabled": false, "recovery_period_in_days": 35 }] }',
        },
      ]),
      errors: [
        {
          messageId: 'disabled',
          message: inPlan(tfDisabled('table', 'point_in_time_recovery.enabled'), 'aws_dynamodb_table.orders'),
          text: 'false',
          line: 6,
        },
      ],
      output: null,
    },
  ],
});
