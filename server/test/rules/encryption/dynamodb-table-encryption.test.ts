import { dynamodbTableEncryption } from '../../../src/rules/encryption/dynamodb-table-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'SSESpecification is not set. Since November 2018 DynamoDB encrypts every table at rest with an AWS-owned key ' +
  'by default; the setting should be explicit, so the template rather than a service default says which key ' +
  'protects the data.';

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A table in block style whose properties end with `last`. */
const table = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Orders:
      Type: AWS::DynamoDB::Table
      Properties:
        BillingMode: PAY_PER_REQUEST
        AttributeDefinitions:
          - AttributeName: id
            AttributeType: S
        KeySchema:
          - AttributeName: id
            KeyType: HASH
        ${last}
  `);

const TF_MISSING = MISSING.replace('SSESpecification', 'server_side_encryption');

/** A `.tf.json` table whose body holds `body`. */
const tfTable = (body: string): string => tfResource('aws_dynamodb_table', 'orders', body);

new RuleTester().run(dynamodbTableEncryption, {
  valid: [
    { name: 'the AWS-owned key, declared', yaml: table('SSESpecification:\n          SSEEnabled: false') },
    { name: 'the AWS-managed key', yaml: table('SSESpecification: { SSEEnabled: true, SSEType: KMS }') },
    {
      name: 'a customer-managed key',
      yaml: table(
        'SSESpecification:\n          SSEEnabled: true\n          SSEType: KMS\n          KMSMasterKeyId: !Ref Key',
      ),
    },
    {
      name: 'from a parameter: an explicit choice, whatever its value',
      yaml: table('SSESpecification: { SSEEnabled: !Ref Encrypt }', 'Parameters:\n  Encrypt:\n    Type: String\n'),
    },
    {
      name: 'a global table with SSESpecification at its level',
      yaml: resourcesYaml(
        'Global:\n  Type: AWS::DynamoDB::GlobalTable\n  Properties:\n    SSESpecification:\n      SSEEnabled: true\n      SSEType: KMS\n',
      ),
    },
    {
      name: 'JSON, declared',
      json: '{"Resources": {"T": {"Type": "AWS::DynamoDB::Table", "Properties": {"SSESpecification": {"SSEEnabled": false}}}}}',
    },
    {
      name: 'a condition decided from literals keeps only its branch',
      yaml: table(
        'SSESpecification: !If [Always, { SSEEnabled: true }, !Ref AWS::NoValue]',
        'Conditions:\n  Always: !Equals [1, 1]\n',
      ),
    },
    {
      name: 'Terraform: the block, with the AWS-owned key',
      tf: tfTable('"hash_key": "id", "server_side_encryption": {"enabled": false}'),
    },
    {
      name: 'Terraform: the block as an array, with a customer-managed key',
      tf: tfTable('"server_side_encryption": [{"enabled": true, "kms_key_arn": "${aws_kms_key.orders.arn}"}]'),
    },
    {
      name: 'plan: the block planned',
      plan: planOf([
        {
          type: 'aws_dynamodb_table',
          name: 'orders',
          values: '{"hash_key": "id", "server_side_encryption": [{"enabled": true, "kms_key_arn": ""}]}',
        },
      ]),
    },
  ],
  invalid: [
    {
      name: 'no Properties: on the logical id, and the fix adds them',
      yaml: resourcesYaml('Orders:\n  Type: AWS::DynamoDB::Table\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Orders:\n~~~~~~' }],
      output: resourcesYaml(
        'Orders:\n  Type: AWS::DynamoDB::Table\n  Properties:\n    SSESpecification:\n      SSEEnabled: false\n',
      ),
    },
    {
      name: 'block style without SSESpecification',
      yaml: table('TableClass: STANDARD'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: table('TableClass: STANDARD\n        SSESpecification:\n          SSEEnabled: false'),
    },
    {
      name: 'flow style without SSESpecification',
      yaml: resourcesYaml(`
        Orders:
          Type: AWS::DynamoDB::Table
          Properties: { BillingMode: PAY_PER_REQUEST, TableClass: STANDARD }
      `),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(`
        Orders:
          Type: AWS::DynamoDB::Table
          Properties: { BillingMode: PAY_PER_REQUEST, TableClass: STANDARD, SSESpecification: { SSEEnabled: false } }
      `),
    },
    {
      name: 'JSON without SSESpecification',
      json: `
        {
          "Resources": {
            "Orders": {
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
            "Orders": {
              "Type": "AWS::DynamoDB::Table",
              "Properties": {
                "BillingMode": "PAY_PER_REQUEST",
                "SSESpecification": {
                  "SSEEnabled": false
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'a global table without SSESpecification',
      yaml: resourcesYaml(
        'Global:\n  Type: AWS::DynamoDB::GlobalTable\n  Properties:\n    BillingMode: PAY_PER_REQUEST\n',
      ),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(
        'Global:\n  Type: AWS::DynamoDB::GlobalTable\n  Properties:\n    BillingMode: PAY_PER_REQUEST\n    SSESpecification:\n      SSEEnabled: false\n',
      ),
    },
    {
      name: 'SSESpecification: !Ref AWS::NoValue is absence; the fix replaces it',
      yaml: table('SSESpecification: !Ref AWS::NoValue'),
      errors: [{ messageId: 'missing', underline: 'SSESpecification: !Ref AWS::NoValue\n~~~~~~~~~~~~~~~~' }],
      output: table('SSESpecification:\n          SSEEnabled: false'),
    },
    {
      name: 'absent on one branch of an undecided !If: named, and left to a person',
      yaml: table('SSESpecification: !If [Prod, { SSEEnabled: true }, !Ref AWS::NoValue]', ENV),
      errors: [
        { messageId: 'missing', message: under(MISSING, 'when condition Prod is false'), text: 'SSESpecification' },
      ],
      output: null,
    },
    {
      name: 'Terraform: no server_side_encryption block; the fix writes the AWS-owned-key default as a block',
      tf: tfTable('"hash_key": "id", "billing_mode": "PAY_PER_REQUEST"'),
      errors: [
        { messageId: 'missing', message: TF_MISSING, data: { setting: 'server_side_encryption' }, text: '"orders"' },
      ],
      output: tfTable(
        '"hash_key": "id", "billing_mode": "PAY_PER_REQUEST",\n        "server_side_encryption": {\n          "enabled": false\n        }',
      ),
    },
    {
      name: 'plan: an empty list of blocks is none',
      plan: planOf([
        { type: 'aws_dynamodb_table', name: 'orders', values: '{"hash_key": "id", "server_side_encryption": []}' },
      ]),
      errors: [
        {
          messageId: 'missing',
          message: inPlan(TF_MISSING, 'aws_dynamodb_table.orders'),
          text: '[]',
          line: 6,
        },
      ],
      output: null,
    },
  ],
});
