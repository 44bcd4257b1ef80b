import { kinesisStreamEncryption } from '../../../src/rules/encryption/kinesis-stream-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const MISSING =
  'The stream is not encrypted: StreamEncryption is not set, and Kinesis Data Streams stores records ' +
  'unencrypted unless server-side encryption is turned on.';

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
