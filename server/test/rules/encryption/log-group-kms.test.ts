import { logGroupKms } from '../../../src/rules/encryption/log-group-kms';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'The log group is encrypted with CloudWatch Logs’ service-managed keys: KmsKeyId is not set. A customer-managed ' +
  'KMS key would let you decide and audit who can read the log data, and revoke that access by disabling the key.';

const TF_MISSING = MISSING.replace('KmsKeyId', 'kms_key_id');

const tf = (body: string, head = ''): string => tfResource('aws_cloudwatch_log_group', 'app', body, head);

const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

const group = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Logs:
      Type: AWS::Logs::LogGroup
      Properties:
        RetentionInDays: 365
        ${last}
  `);

new RuleTester().run(logGroupKms, {
  valid: [
    { name: 'Terraform: a key of the configuration', tf: tf('"kms_key_id": "${aws_kms_key.logs.arn}"') },
    {
      name: 'Terraform: a key from a variable default',
      tf: tf(
        '"kms_key_id": "${var.key}"',
        '"variable": { "key": { "default": "arn:aws:kms:eu-west-1:111122223333:key/1" } },',
      ),
    },
    { name: 'a key in the template', yaml: group('KmsKeyId: !GetAtt LogsKey.Arn') },
    {
      name: 'a key from a parameter without default is unknown',
      yaml: group('KmsKeyId: !Ref Key', 'Parameters:\n  Key:\n    Type: String\n'),
    },
    {
      name: 'JSON with a key ARN',
      json: '{"Resources": {"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1"}}}}',
    },
  ],
  invalid: [
    {
      name: 'Terraform: no key, on the resource name',
      tf: tf('"retention_in_days": 365'),
      errors: [{ messageId: 'missing', message: TF_MISSING, data: { setting: 'kms_key_id' }, text: '"app"' }],
    },
    {
      name: 'plan: a planned log group without a key, in a module',
      plan: planOf([{ type: 'aws_cloudwatch_log_group', name: 'app', values: '{ "retention_in_days": 365 }' }]),
      errors: [{ messageId: 'missing', message: inPlan(TF_MISSING, 'aws_cloudwatch_log_group.app'), text: '"values"' }],
    },
    {
      name: 'no Properties: on the logical id',
      yaml: resourcesYaml('Logs:\n  Type: AWS::Logs::LogGroup\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Logs:\n~~~~' }],
    },
    {
      name: 'block style without KmsKeyId',
      yaml: group('LogGroupName: /app/orders'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
    },
    {
      name: 'flow style without KmsKeyId',
      yaml: resourcesYaml('Logs:\n  Type: AWS::Logs::LogGroup\n  Properties: { RetentionInDays: 30 }\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
    },
    {
      name: 'JSON without KmsKeyId',
      json: '{"Resources": {"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 30}}}}',
      errors: [{ messageId: 'missing', text: '"Properties"' }],
    },
    {
      name: 'a key on one branch only: the other branch is named',
      yaml: group('KmsKeyId: !If [Prod, !GetAtt LogsKey.Arn, !Ref AWS::NoValue]', ENV),
      errors: [{ messageId: 'missing', message: under(MISSING, 'when condition Prod is false'), text: 'KmsKeyId' }],
    },
  ],
});
