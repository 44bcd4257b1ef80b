import { cloudtrailKms } from '../../../src/rules/encryption/cloudtrail-kms';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'The trail’s log files are protected only by S3 permissions: KMSKeyId is not set, so CloudTrail falls back to ' +
  'its default, SSE-S3 (S3-managed keys), and anyone who can read the bucket can read the audit trail.';

const TF_MISSING = MISSING.replace('KMSKeyId', 'kms_key_id');

const tf = (body: string, head = ''): string => tfResource('aws_cloudtrail', 'audit', body, head);

const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

const trail = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Trail:
      Type: AWS::CloudTrail::Trail
      Properties:
        IsLogging: true
        S3BucketName: audit-logs
        ${last}
  `);

new RuleTester().run(cloudtrailKms, {
  valid: [
    { name: 'Terraform: a key of the configuration', tf: tf('"kms_key_id": "${aws_kms_key.trail.arn}"') },
    {
      name: 'plan: a key known only after apply',
      plan: planOf([
        {
          type: 'aws_cloudtrail',
          name: 'audit',
          values: '{ "s3_bucket_name": "audit-logs" }',
          unknown: '{ "kms_key_id": true }',
        },
      ]),
    },
    { name: 'a key ARN', yaml: trail('KMSKeyId: arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d') },
    { name: 'a key in the template', yaml: trail('KMSKeyId: !GetAtt TrailKey.Arn') },
    {
      name: 'a key from a parameter without default is unknown',
      yaml: trail('KMSKeyId: !Ref Key', 'Parameters:\n  Key:\n    Type: String\n'),
    },
    {
      name: 'JSON with an alias',
      json: '{"Resources": {"T": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "S3BucketName": "b", "KMSKeyId": "alias/trail"}}}}',
    },
  ],
  invalid: [
    {
      name: 'Terraform: no key, on the resource name',
      tf: tf('"s3_bucket_name": "audit-logs"'),
      errors: [{ messageId: 'missing', message: TF_MISSING, data: { setting: 'kms_key_id' }, text: '"audit"' }],
    },
    {
      name: 'Terraform: an empty key is no key',
      tf: tf('"s3_bucket_name": "audit-logs",\n        "kms_key_id": ""'),
      errors: [{ messageId: 'missing', text: '""' }],
    },
    {
      name: 'plan: the planned trail has no key',
      plan: planOf([
        { type: 'aws_cloudtrail', name: 'audit', values: '{ "s3_bucket_name": "audit-logs", "kms_key_id": null }' },
      ]),
      errors: [{ messageId: 'missing', message: inPlan(TF_MISSING, 'aws_cloudtrail.audit'), text: 'null', line: 6 }],
    },
    {
      name: 'block style without KMSKeyId',
      yaml: trail('EnableLogFileValidation: true'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Properties:\n~~~~~~~~~~' }],
    },
    {
      name: 'flow style without KMSKeyId',
      yaml: resourcesYaml(
        'Trail:\n  Type: AWS::CloudTrail::Trail\n  Properties: { IsLogging: true, S3BucketName: b }\n',
      ),
      errors: [{ messageId: 'missing', text: 'Properties' }],
    },
    {
      name: 'JSON without KMSKeyId',
      json: '{"Resources": {"T": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "S3BucketName": "b"}}}}',
      errors: [{ messageId: 'missing', text: '"Properties"' }],
    },
    {
      name: 'a key on one branch only: the other branch is named',
      yaml: trail('KMSKeyId: !If [Prod, alias/trail, !Ref AWS::NoValue]', ENV),
      errors: [{ messageId: 'missing', message: under(MISSING, 'when condition Prod is false'), text: 'KMSKeyId' }],
    },
  ],
});
