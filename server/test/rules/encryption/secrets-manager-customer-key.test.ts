import { secretsManagerCustomerKey } from '../../../src/rules/encryption/secrets-manager-customer-key';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'The secret is encrypted with the AWS managed key aws/secretsmanager: KmsKeyId is not set. A customer-managed ' +
  'key lets you decide and audit who can decrypt it, and is required to share the secret with another account.';
const AWS_MANAGED =
  'The secret is encrypted with the AWS managed key aws/secretsmanager. A customer-managed key lets you decide and ' +
  'audit who can decrypt it, and is required to share the secret with another account.';

const TF_MISSING = MISSING.replace('KmsKeyId', 'kms_key_id');

const tf = (body: string, head = ''): string => tfResource('aws_secretsmanager_secret', 'orders', body, head);

const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

const secret = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Secret:
      Type: AWS::SecretsManager::Secret
      Properties:
        Description: Orders database password
        ${last}
  `);

new RuleTester().run(secretsManagerCustomerKey, {
  valid: [
    { name: 'Terraform: a key of the configuration', tf: tf('"kms_key_id": "${aws_kms_key.secrets.arn}"') },
    {
      name: 'plan: a customer key',
      plan: planOf([
        { type: 'aws_secretsmanager_secret', name: 'orders', values: '{ "kms_key_id": "alias/orders-secrets" }' },
      ]),
    },
    { name: 'a key in the template', yaml: secret('KmsKeyId: !Ref SecretsKey') },
    { name: 'a customer alias', yaml: secret('KmsKeyId: alias/orders-secrets') },
    {
      name: 'a key from a parameter without default is unknown',
      yaml: secret('KmsKeyId: !Ref Key', 'Parameters:\n  Key:\n    Type: String\n'),
    },
    {
      name: 'JSON with a key ARN',
      json: '{"Resources": {"S": {"Type": "AWS::SecretsManager::Secret", "Properties": {"KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1"}}}}',
    },
  ],
  invalid: [
    {
      name: 'Terraform: no key, on the resource name',
      tf: tf('"name": "orders-db"'),
      errors: [
        { messageId: 'missing', message: TF_MISSING, data: { setting: 'kms_key_id' }, text: '"orders"', line: 5 },
      ],
    },
    {
      name: 'Terraform: the AWS managed key named by its alias',
      tf: tf('"kms_key_id": "alias/aws/secretsmanager"'),
      errors: [{ messageId: 'awsManaged', message: AWS_MANAGED, text: '"alias/aws/secretsmanager"' }],
    },
    {
      name: 'plan: the state writes no key as ""',
      plan: planOf([
        { type: 'aws_secretsmanager_secret', name: 'orders', values: '{ "name": "orders-db", "kms_key_id": "" }' },
      ]),
      errors: [
        { messageId: 'missing', message: inPlan(TF_MISSING, 'aws_secretsmanager_secret.orders'), text: '""', line: 6 },
      ],
    },
    {
      name: 'no Properties: on the logical id',
      yaml: resourcesYaml('Secret:\n  Type: AWS::SecretsManager::Secret\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Secret:\n~~~~~~' }],
    },
    {
      name: 'block style without KmsKeyId',
      yaml: secret('GenerateSecretString:\n          PasswordLength: 32'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
    },
    {
      name: 'the AWS managed key named explicitly',
      yaml: secret('KmsKeyId: alias/aws/secretsmanager'),
      errors: [{ messageId: 'awsManaged', message: AWS_MANAGED, text: 'alias/aws/secretsmanager' }],
    },
    {
      name: 'the AWS managed key by ARN',
      yaml: secret('KmsKeyId: arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager'),
      errors: [{ messageId: 'awsManaged', text: 'arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager' }],
    },
    {
      name: 'flow style without KmsKeyId',
      yaml: resourcesYaml('Secret:\n  Type: AWS::SecretsManager::Secret\n  Properties: { Name: orders }\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
    },
    {
      name: 'JSON without KmsKeyId',
      json: '{"Resources": {"S": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "orders"}}}}',
      errors: [{ messageId: 'missing', text: '"Properties"' }],
    },
    {
      name: 'a key on one branch only: the other branch is named',
      yaml: secret('KmsKeyId: !If [Prod, !Ref SecretsKey, !Ref AWS::NoValue]', ENV),
      errors: [{ messageId: 'missing', message: under(MISSING, 'when condition Prod is false'), text: 'KmsKeyId' }],
    },
  ],
});
