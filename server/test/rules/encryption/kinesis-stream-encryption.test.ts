import { kinesisStreamEncryption } from '../../../src/rules/encryption/kinesis-stream-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'The stream is not encrypted: StreamEncryption is not set, and Kinesis Data Streams stores records ' +
  'unencrypted unless server-side encryption is turned on.';

const TF_MISSING = MISSING.replace('StreamEncryption', 'encryption_type');
const TF_DISABLED =
  'The stream is not encrypted: encryption_type is NONE, so Kinesis Data Streams stores its records unencrypted.';

const tf = (body: string, head = ''): string => tfResource('aws_kinesis_stream', 'clicks', body, head);

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A stream in block style whose properties end with `last`. */
const stream = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Clicks:
      Type: AWS::Kinesis::Stream
      Properties:
        ShardCount: 1
        ${last}
  `);

new RuleTester().run(kinesisStreamEncryption, {
  valid: [
    {
      name: 'Terraform: the AWS-managed key',
      tf: tf('"encryption_type": "KMS",\n        "kms_key_id": "alias/aws/kinesis"'),
    },
    {
      name: 'Terraform: a key of the configuration',
      tf: tf('"encryption_type": "KMS",\n        "kms_key_id": "${aws_kms_key.streams.arn}"'),
    },
    {
      name: 'Terraform: a type from a variable without default is unknown',
      tf: tf('"encryption_type": "${var.type}"'),
    },
    {
      name: 'plan: encrypted',
      plan: planOf([
        {
          type: 'aws_kinesis_stream',
          name: 'clicks',
          values: '{ "encryption_type": "KMS", "kms_key_id": "alias/aws/kinesis" }',
        },
      ]),
    },
    {
      name: 'the AWS-managed key',
      yaml: stream('StreamEncryption:\n          EncryptionType: KMS\n          KeyId: alias/aws/kinesis'),
    },
    {
      name: 'a customer-managed key, flow style',
      yaml: stream('StreamEncryption: { EncryptionType: KMS, KeyId: !GetAtt Key.Arn }'),
    },
    {
      name: 'StreamEncryption from a parameter is unknown',
      yaml: stream('StreamEncryption: !Ref Encryption', 'Parameters:\n  Encryption:\n    Type: String\n'),
    },
    {
      name: 'JSON, encrypted',
      json: '{"Resources": {"S": {"Type": "AWS::Kinesis::Stream", "Properties": {"StreamEncryption": {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}}}}}',
    },
    {
      name: 'other Kinesis resources',
      yaml: resourcesYaml(
        'Consumer:\n  Type: AWS::Kinesis::StreamConsumer\n  Properties:\n    ConsumerName: c\n    StreamARN: arn\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: no encryption_type, on the resource name; the fix adds the type and the AWS-managed key',
      tf: tf('"shard_count": 1'),
      errors: [{ messageId: 'missing', message: TF_MISSING, data: { setting: 'encryption_type' }, text: '"clicks"' }],
      output: tf('"shard_count": 1,\n        "encryption_type": "KMS",\n        "kms_key_id": "alias/aws/kinesis"'),
    },
    {
      name: 'Terraform: NONE with a key already named; the fix sets only the type',
      tf: tf('"encryption_type": "NONE",\n        "kms_key_id": "${aws_kms_key.streams.arn}"'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: '"NONE"' }],
      output: tf('"encryption_type": "KMS",\n        "kms_key_id": "${aws_kms_key.streams.arn}"'),
    },
    {
      name: 'Terraform: NONE from a variable default names the variable, and leaves the fix to a person',
      tf: tf('"encryption_type": "${var.type}"', '"variable": { "type": { "default": "NONE" } },'),
      errors: [
        {
          messageId: 'disabled',
          message: under(TF_DISABLED, 'by the default of variable type'),
          text: '"${var.type}"',
        },
      ],
      output: null,
    },
    {
      name: 'plan: the provider’s default, NONE',
      plan: planOf([
        { type: 'aws_kinesis_stream', name: 'clicks', values: '{ "shard_count": 1, "encryption_type": "NONE" }' },
      ]),
      errors: [
        { messageId: 'disabled', message: inPlan(TF_DISABLED, 'aws_kinesis_stream.clicks'), text: '"NONE"', line: 6 },
      ],
      output: null,
    },
    {
      name: 'no Properties: on the logical id, and the fix adds them',
      yaml: resourcesYaml('Clicks:\n  Type: AWS::Kinesis::Stream\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Clicks:\n~~~~~~' }],
      output: resourcesYaml(
        'Clicks:\n  Type: AWS::Kinesis::Stream\n  Properties:\n    StreamEncryption:\n      EncryptionType: KMS\n      KeyId: alias/aws/kinesis\n',
      ),
    },
    {
      name: 'block style without StreamEncryption',
      yaml: stream('RetentionPeriodHours: 48'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: stream(
        'RetentionPeriodHours: 48\n        StreamEncryption:\n          EncryptionType: KMS\n          KeyId: alias/aws/kinesis',
      ),
    },
    {
      name: 'flow style without StreamEncryption',
      yaml: resourcesYaml(`
        Clicks:
          Type: AWS::Kinesis::Stream
          Properties: { ShardCount: 1 }
      `),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(`
        Clicks:
          Type: AWS::Kinesis::Stream
          Properties: { ShardCount: 1, StreamEncryption: { EncryptionType: KMS, KeyId: alias/aws/kinesis } }
      `),
    },
    {
      name: 'JSON without StreamEncryption',
      json: `
        {
          "Resources": {
            "Clicks": {
              "Type": "AWS::Kinesis::Stream",
              "Properties": {
                "ShardCount": 1
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Clicks": {
              "Type": "AWS::Kinesis::Stream",
              "Properties": {
                "ShardCount": 1,
                "StreamEncryption": {
                  "EncryptionType": "KMS",
                  "KeyId": "alias/aws/kinesis"
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'encrypted on one branch only: the other branch is named, and left to a person',
      yaml: stream(
        'StreamEncryption: !If [Prod, { EncryptionType: KMS, KeyId: alias/aws/kinesis }, !Ref AWS::NoValue]',
        ENV,
      ),
      errors: [
        { messageId: 'missing', message: under(MISSING, 'when condition Prod is false'), text: 'StreamEncryption' },
      ],
      output: null,
    },
  ],
});
