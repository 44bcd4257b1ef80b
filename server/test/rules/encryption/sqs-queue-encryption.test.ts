import { sqsQueueEncryption } from '../../../src/rules/encryption/sqs-queue-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const MISSING =
  'Neither SqsManagedSseEnabled nor KmsMasterKeyId is set. Since October 2022 SQS encrypts new queues with ' +
  'SQS-managed keys (SSE-SQS) by default; the setting should be explicit, so the template rather than a service ' +
  'default says how messages are encrypted.';
const DISABLED =
  'The queue is not encrypted: SqsManagedSseEnabled is false and no KmsMasterKeyId is set, so messages are stored ' +
  'in plaintext until they are consumed.';

const TF_MISSING = MISSING.replace('SqsManagedSseEnabled', 'sqs_managed_sse_enabled').replace(
  'KmsMasterKeyId',
  'kms_master_key_id',
);
const TF_DISABLED = DISABLED.replace('SqsManagedSseEnabled', 'sqs_managed_sse_enabled').replace(
  'KmsMasterKeyId',
  'kms_master_key_id',
);

/** A `.tf.json` queue whose body ends with `last`; `head` goes before the `resource` block. */
const tfQueue = (last: string, head = ''): string => `{
  ${head}
  "resource": {
    "aws_sqs_queue": {
      "jobs": {
        ${last}
      }
    }
  }
}
`;

/** A plan with one queue in a child module, its planned values and `after_unknown`. */
const planQueue = (values: string, unknown: string): string => `{
  "format_version": "1.2",
  "terraform_version": "1.9.0",
  "planned_values": {
    "root_module": {
      "child_modules": [
        {
          "address": "module.queues",
          "resources": [
            {
              "address": "module.queues.aws_sqs_queue.jobs",
              "mode": "managed",
              "type": "aws_sqs_queue",
              "name": "jobs",
              "values": ${values}
            }
          ]
        }
      ]
    }
  },
  "resource_changes": [
    {
      "address": "module.queues.aws_sqs_queue.jobs",
      "change": { "actions": ["create"], "after": ${values}, "after_unknown": ${unknown} }
    }
  ]
}
`;

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
    { name: 'Terraform: SSE-SQS declared', tf: tfQueue('"sqs_managed_sse_enabled": true') },
    { name: 'Terraform: a KMS key from another resource', tf: tfQueue('"kms_master_key_id": "${aws_kms_key.k.arn}"') },
    {
      name: 'Terraform: a variable whose default enables it',
      tf: tfQueue('"sqs_managed_sse_enabled": "${var.sse}"', '"variable": {"sse": {"default": true}},'),
    },
    {
      name: 'Terraform: a variable without default is unknown',
      tf: tfQueue('"sqs_managed_sse_enabled": "${var.sse}"'),
    },
    { name: 'plan: the key is known only after apply', plan: planQueue('{}', '{"kms_master_key_id": true}') },
    { name: 'plan: SSE-SQS planned', plan: planQueue('{"sqs_managed_sse_enabled": true}', '{}') },
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
      name: 'Terraform: neither attribute, reported on the resource name; the fix declares SSE-SQS',
      tf: tfQueue('"name": "jobs"'),
      errors: [{ messageId: 'missing', message: TF_MISSING, underline: '"jobs": {\n~~~~~~', line: 5 }],
      output: tfQueue('"name": "jobs",\n        "sqs_managed_sse_enabled": true'),
    },
    {
      name: 'Terraform: disabled by a variable default names the variable, and leaves the fix to a person',
      tf: tfQueue('"sqs_managed_sse_enabled": "${var.sse}"', '"variable": {"sse": {"default": false}},'),
      errors: [
        {
          messageId: 'disabled',
          message: under(TF_DISABLED, 'by the default of variable sse'),
          text: '"${var.sse}"',
        },
      ],
      output: null,
    },
    {
      name: 'plan: judged by the planned values, with no fix (a plan is output)',
      plan: planQueue('{"name": "jobs", "sqs_managed_sse_enabled": false}', '{}'),
      errors: [
        {
          messageId: 'disabled',
          message: `${TF_DISABLED} This is a plan: fix module.queues.aws_sqs_queue.jobs in the Terraform configuration and plan again.`,
          text: 'false',
          line: 15,
        },
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
