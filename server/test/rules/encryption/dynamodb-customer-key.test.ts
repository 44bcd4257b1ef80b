import { dynamodbCustomerKey } from '../../../src/rules/encryption/dynamodb-customer-key';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const AWS_OWNED =
  'The table is encrypted with DynamoDB’s AWS-owned key (no SSESpecification, or SSEEnabled is not true): its use ' +
  'never appears in your CloudTrail and no key policy of yours controls it. A customer-managed key lets you decide ' +
  'and audit who can read the data.';
const AWS_MANAGED =
  'The table is encrypted with the AWS-managed key aws/dynamodb, whose key policy cannot be changed. A ' +
  'customer-managed key lets you decide and audit who can read the data, and revoke access by disabling the key.';

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

const table = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Orders:
      Type: AWS::DynamoDB::Table
      Properties:
        BillingMode: PAY_PER_REQUEST
        ${last}
  `);

const globalTable = (replicas: string): string =>
  resourcesYaml(`
    Orders:
      Type: AWS::DynamoDB::GlobalTable
      Properties:
        SSESpecification:
          SSEEnabled: true
          SSEType: KMS
        Replicas:
          ${replicas}
  `);

const TF_AWS_OWNED = AWS_OWNED.replace('SSESpecification', 'server_side_encryption').replace('SSEEnabled', 'enabled');

/** A `.tf.json` table whose body holds `body`. */
const tfTable = (body: string): string => tfResource('aws_dynamodb_table', 'orders', body);

/** The `server_side_encryption` block with a customer-managed key from the configuration. */
const CUSTOMER_KEY = '"server_side_encryption": {"enabled": true, "kms_key_arn": "${aws_kms_key.orders.arn}"}';

new RuleTester().run(dynamodbCustomerKey, {
  valid: [
    {
      name: 'a customer-managed key from the template',
      yaml: table(
        'SSESpecification:\n          SSEEnabled: true\n          SSEType: KMS\n          KMSMasterKeyId: !GetAtt Key.Arn',
      ),
    },
    {
      name: 'a key ARN written out',
      yaml: table(
        'SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab }',
      ),
    },
    {
      name: 'SSEEnabled from a parameter without default is unknown',
      yaml: table('SSESpecification: { SSEEnabled: !Ref Sse }', 'Parameters:\n  Sse:\n    Type: String\n'),
    },
    {
      name: 'a global table whose replicas all name a key',
      yaml: globalTable(
        '- Region: eu-west-1\n            SSESpecification: { KMSMasterKeyId: alias/orders }\n          - Region: us-east-1\n            SSESpecification: { KMSMasterKeyId: alias/orders }',
      ),
    },
    {
      name: 'JSON, a customer-managed key',
      json: '{"Resources": {"T": {"Type": "AWS::DynamoDB::Table", "Properties": {"SSESpecification": {"SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": "alias/orders"}}}}}',
    },
    { name: 'Terraform: a customer-managed key', tf: tfTable(`"hash_key": "id", ${CUSTOMER_KEY}`) },
    {
      name: 'Terraform: replicas that name their own keys',
      tf: tfTable(
        `${CUSTOMER_KEY}, "replica": [{"region_name": "us-east-1", "kms_key_arn": "\${aws_kms_key.us.arn}"}]`,
      ),
    },
    {
      name: 'Terraform: enabled from a variable without default is unknown',
      tf: tfTable('"server_side_encryption": {"enabled": "${var.sse}"}'),
    },
  ],
  invalid: [
    {
      name: 'no SSESpecification: the AWS-owned key',
      yaml: table('TableClass: STANDARD'),
      errors: [{ messageId: 'awsOwned', message: AWS_OWNED, underline: 'Properties:\n~~~~~~~~~~' }],
    },
    {
      name: 'no Properties: on the logical id',
      yaml: resourcesYaml('Orders:\n  Type: AWS::DynamoDB::Table\n'),
      errors: [{ messageId: 'awsOwned', underline: 'Orders:\n~~~~~~' }],
    },
    {
      name: 'SSEEnabled: false, flow style',
      yaml: table('SSESpecification: { SSEEnabled: false }'),
      errors: [{ messageId: 'awsOwned', text: 'false' }],
    },
    {
      name: 'SSEEnabled: true without a key: the AWS-managed key',
      yaml: table('SSESpecification:\n          SSEEnabled: true\n          SSEType: KMS'),
      errors: [{ messageId: 'awsManaged', message: AWS_MANAGED, underline: 'SSESpecification:\n~~~~~~~~~~~~~~~~' }],
    },
    {
      name: 'the AWS-managed key named by its alias',
      yaml: table('SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: alias/aws/dynamodb }'),
      errors: [{ messageId: 'awsManaged', text: 'alias/aws/dynamodb' }],
    },
    {
      name: 'JSON, "false" as a string',
      json: '{"Resources": {"T": {"Type": "AWS::DynamoDB::Table", "Properties": {"SSESpecification": {"SSEEnabled": "false"}}}}}',
      errors: [{ messageId: 'awsOwned', text: '"false"' }],
    },
    {
      name: 'a global table without SSESpecification',
      yaml: resourcesYaml(
        'Orders:\n  Type: AWS::DynamoDB::GlobalTable\n  Properties:\n    BillingMode: PAY_PER_REQUEST\n',
      ),
      errors: [{ messageId: 'awsOwned', text: 'Properties' }],
    },
    {
      name: 'a global table with a replica that names no key',
      yaml: globalTable(
        '- Region: eu-west-1\n            SSESpecification: { KMSMasterKeyId: alias/orders }\n          - Region: us-east-1',
      ),
      errors: [{ messageId: 'awsManaged', text: 'Replicas' }],
    },
    {
      name: 'the key on one branch only: the other branch is named',
      yaml: table(
        'SSESpecification:\n          SSEEnabled: true\n          SSEType: KMS\n          KMSMasterKeyId: !If [Prod, alias/orders, !Ref AWS::NoValue]',
        ENV,
      ),
      errors: [
        {
          messageId: 'awsManaged',
          message: under(AWS_MANAGED, 'when condition Prod is false'),
          text: 'KMSMasterKeyId',
        },
      ],
    },
    {
      name: 'Terraform: no server_side_encryption block: the AWS-owned key',
      tf: tfTable('"hash_key": "id"'),
      errors: [
        {
          messageId: 'awsOwned',
          message: TF_AWS_OWNED,
          data: { specification: 'server_side_encryption', enabled: 'enabled' },
          text: '"orders"',
        },
      ],
    },
    {
      name: 'Terraform: enabled without a key: the AWS-managed key, on the block',
      tf: tfTable('"server_side_encryption": {"enabled": true}'),
      errors: [{ messageId: 'awsManaged', message: AWS_MANAGED, text: '"server_side_encryption"' }],
    },
    {
      name: 'Terraform: a replica without a key uses the AWS-managed key of its Region',
      tf: tfTable(
        `${CUSTOMER_KEY}, "replica": [{"region_name": "us-east-1", "kms_key_arn": "\${aws_kms_key.us.arn}"}, {"region_name": "eu-west-1"}]`,
      ),
      errors: [{ messageId: 'awsManaged', text: '"replica"' }],
    },
    {
      name: 'plan: a blank key is no key',
      plan: planOf([
        {
          type: 'aws_dynamodb_table',
          name: 'orders',
          values: '{"server_side_encryption": [{"enabled": true, "kms_key_arn": ""}]}',
        },
      ]),
      errors: [
        {
          messageId: 'awsManaged',
          message: inPlan(AWS_MANAGED, 'aws_dynamodb_table.orders'),
          text: '""',
          line: 6,
        },
      ],
    },
  ],
});
