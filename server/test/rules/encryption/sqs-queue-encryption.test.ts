import { sqsQueueEncryption } from '../../../src/rules/encryption/sqs-queue-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const MISSING =
  'Neither SqsManagedSseEnabled nor KmsMasterKeyId is set. Since October 2022 SQS encrypts new queues with ' +
  'SQS-managed keys (SSE-SQS) by default; the setting should be explicit, so the template rather than a service ' +
  'default says how messages are encrypted.';
const DISABLED =
  'The queue is not encrypted: SqsManagedSseEnabled is false and no KmsMasterKeyId is set, so messages are stored ' +
  'in plaintext until they are consumed.';

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A queue in block style whose properties end with `last`. */
const queue = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Jobs:
      Type: AWS::SQS::Queue
      Properties:
        VisibilityTimeout: 60
        ${last}
  `);

new RuleTester().run(sqsQueueEncryption, {
  valid: [
    { name: 'SSE-SQS declared', yaml: queue('SqsManagedSseEnabled: true') },
    { name: 'SSE-KMS with the AWS-managed key', yaml: queue('KmsMasterKeyId: alias/aws/sqs') },
    {
      name: 'a KMS key wins over SqsManagedSseEnabled: false',
      yaml: queue('SqsManagedSseEnabled: false\n        KmsMasterKeyId: !GetAtt Key.Arn'),
    },
    {
      name: 'a key from an import is unknown, and unknown is never reported',
      yaml: queue("KmsMasterKeyId: !ImportValue 'shared-key'"),
    },
    {
      name: 'a parameter with neither default nor allowed values is unknown',
      yaml: queue('SqsManagedSseEnabled: !Ref Sse', 'Parameters:\n  Sse:\n    Type: String\n'),
    },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"SqsManagedSseEnabled": "true"}}}}',
    },
    {
      name: 'other SQS resources',
      yaml: resourcesYaml('Policy:\n  Type: AWS::SQS::QueuePolicy\n  Properties:\n    Queues: [q]\n'),
    },
  ],
  invalid: [
    {
      name: 'no Properties: on the logical id, and the fix adds them',
      yaml: resourcesYaml('Jobs:\n  Type: AWS::SQS::Queue\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Jobs:\n~~~~' }],
      output: resourcesYaml('Jobs:\n  Type: AWS::SQS::Queue\n  Properties:\n    SqsManagedSseEnabled: true\n'),
    },
    {
      name: 'block style without either setting',
      yaml: queue('MessageRetentionPeriod: 86400'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: queue('MessageRetentionPeriod: 86400\n        SqsManagedSseEnabled: true'),
    },
    {
      name: 'block style, SqsManagedSseEnabled: false',
      yaml: queue('SqsManagedSseEnabled: false'),
      errors: [
        {
          messageId: 'disabled',
          message: DISABLED,
          underline: 'SqsManagedSseEnabled: false\n                      ~~~~~',
        },
      ],
      output: queue('SqsManagedSseEnabled: true'),
    },
    {
      name: 'flow style without either setting',
      yaml: resourcesYaml(`
        Jobs:
          Type: AWS::SQS::Queue
          Properties: { VisibilityTimeout: 60 }
      `),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(`
        Jobs:
          Type: AWS::SQS::Queue
          Properties: { VisibilityTimeout: 60, SqsManagedSseEnabled: true }
      `),
    },
    {
      name: 'flow style, SqsManagedSseEnabled: false',
      yaml: resourcesYaml(`
        Jobs:
          Type: AWS::SQS::Queue
          Properties: { VisibilityTimeout: 60, SqsManagedSseEnabled: false }
      `),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(`
        Jobs:
          Type: AWS::SQS::Queue
          Properties: { VisibilityTimeout: 60, SqsManagedSseEnabled: true }
      `),
    },
    {
      name: 'JSON without either setting',
      json: `
        {
          "Resources": {
            "Jobs": {
              "Type": "AWS::SQS::Queue",
              "Properties": {
                "VisibilityTimeout": 60
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Jobs": {
              "Type": "AWS::SQS::Queue",
              "Properties": {
                "VisibilityTimeout": 60,
                "SqsManagedSseEnabled": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, "false" as a string becomes the boolean true',
      json: '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"SqsManagedSseEnabled": "false"}}}}',
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output: '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"SqsManagedSseEnabled": true}}}}',
    },
    {
      name: 'a parameter default of false is what deploys; no fix rewrites the parameter',
      yaml: queue(
        'SqsManagedSseEnabled: !Ref Sse',
        "Parameters:\n  Sse:\n    Type: String\n    AllowedValues: ['true', 'false']\n    Default: 'false'\n",
      ),
      errors: [
        { messageId: 'disabled', message: under(DISABLED, 'by the default of parameter Sse'), text: '!Ref Sse' },
      ],
      output: null,
    },
    {
      name: 'a key on one branch only: the other branch is judged, and left to a person',
      yaml: queue('KmsMasterKeyId: !If [Prod, alias/aws/sqs, !Ref AWS::NoValue]', ENV),
      errors: [
        {
          messageId: 'missing',
          message: under(MISSING, 'when condition Prod is false'),
          underline: 'KmsMasterKeyId: !If [Prod, alias/aws/sqs, !Ref AWS::NoValue]\n~~~~~~~~~~~~~~',
        },
      ],
      output: null,
    },
  ],
});
