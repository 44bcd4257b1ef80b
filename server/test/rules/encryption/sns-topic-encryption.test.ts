import { snsTopicEncryption } from '../../../src/rules/encryption/sns-topic-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'The topic is not encrypted: KmsMasterKeyId is not set, and SNS has no default server-side encryption, so ' +
  'messages are stored unencrypted until they are delivered.';

const TF_MISSING = MISSING.replace('KmsMasterKeyId', 'kms_master_key_id');

const tfTopic = (body: string, head = ''): string => tfResource('aws_sns_topic', 'alerts', body, head);

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A topic in block style whose properties end with `last`. */
const topic = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Alerts:
      Type: AWS::SNS::Topic
      Properties:
        DisplayName: alerts
        ${last}
  `);

new RuleTester().run(snsTopicEncryption, {
  valid: [
    { name: 'Terraform: the AWS-managed key', tf: tfTopic('"kms_master_key_id": "alias/aws/sns"') },
    {
      name: 'Terraform: a key of the configuration',
      tf: tfTopic('"kms_master_key_id": "${aws_kms_key.topics.arn}"'),
    },
    {
      name: 'Terraform: a key from a variable without default is unknown',
      tf: tfTopic('"kms_master_key_id": "${var.key}"'),
    },
    {
      name: 'plan: a key known only after apply',
      plan: planOf([
        {
          type: 'aws_sns_topic',
          name: 'alerts',
          values: '{ "name": "alerts" }',
          unknown: '{ "kms_master_key_id": true }',
        },
      ]),
    },
    { name: 'the AWS-managed key', yaml: topic('KmsMasterKeyId: alias/aws/sns') },
    { name: 'a customer-managed key', yaml: topic('KmsMasterKeyId: !Ref Key') },
    {
      name: 'a key from a parameter without default is unknown, and unknown is never reported',
      yaml: topic('KmsMasterKeyId: !Ref KeyArn', 'Parameters:\n  KeyArn:\n    Type: String\n'),
    },
    {
      name: 'JSON, with a key',
      json: '{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": "alias/aws/sns"}}}}',
    },
    {
      name: 'other SNS resources',
      yaml: resourcesYaml(
        'Sub:\n  Type: AWS::SNS::Subscription\n  Properties:\n    TopicArn: arn\n    Protocol: email\n    Endpoint: a@b.c\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: no key, on the resource name; the fix adds the AWS-managed key',
      tf: tfTopic('"name": "alerts"'),
      errors: [
        {
          messageId: 'missing',
          message: TF_MISSING,
          data: { setting: 'kms_master_key_id' },
          text: '"alerts"',
          line: 5,
        },
      ],
      output: tfTopic('"name": "alerts",\n        "kms_master_key_id": "alias/aws/sns"'),
    },
    {
      name: 'Terraform: an empty key is no key; the fix replaces it',
      tf: tfTopic('"kms_master_key_id": ""'),
      errors: [{ messageId: 'missing', text: '""' }],
      output: tfTopic('"kms_master_key_id": "alias/aws/sns"'),
    },
    {
      name: 'Terraform: a variable whose default is empty names the variable',
      tf: tfTopic('"kms_master_key_id": "${var.key}"', '"variable": { "key": { "default": "" } },'),
      errors: [
        { messageId: 'missing', message: under(TF_MISSING, 'by the default of variable key'), text: '"${var.key}"' },
      ],
      output: null,
    },
    {
      name: 'plan: the planned topic has no key (the state writes none as "")',
      plan: planOf([
        { type: 'aws_sns_topic', name: 'alerts', values: '{ "name": "alerts", "kms_master_key_id": "" }' },
      ]),
      errors: [{ messageId: 'missing', message: inPlan(TF_MISSING, 'aws_sns_topic.alerts'), text: '""', line: 6 }],
      output: null,
    },
    {
      name: 'no Properties: on the logical id, and the fix adds them',
      yaml: resourcesYaml('Alerts:\n  Type: AWS::SNS::Topic\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Alerts:\n~~~~~~' }],
      output: resourcesYaml('Alerts:\n  Type: AWS::SNS::Topic\n  Properties:\n    KmsMasterKeyId: alias/aws/sns\n'),
    },
    {
      name: 'block style without KmsMasterKeyId',
      yaml: topic('TopicName: alerts'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: topic('TopicName: alerts\n        KmsMasterKeyId: alias/aws/sns'),
    },
    {
      name: 'flow style without KmsMasterKeyId',
      yaml: resourcesYaml(`
        Alerts:
          Type: AWS::SNS::Topic
          Properties: { DisplayName: alerts }
      `),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(`
        Alerts:
          Type: AWS::SNS::Topic
          Properties: { DisplayName: alerts, KmsMasterKeyId: alias/aws/sns }
      `),
    },
    {
      name: 'JSON without KmsMasterKeyId',
      json: `
        {
          "Resources": {
            "Alerts": {
              "Type": "AWS::SNS::Topic",
              "Properties": {
                "DisplayName": "alerts"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Alerts": {
              "Type": "AWS::SNS::Topic",
              "Properties": {
                "DisplayName": "alerts",
                "KmsMasterKeyId": "alias/aws/sns"
              }
            }
          }
        }
      `,
    },
    {
      name: 'KmsMasterKeyId: !Ref AWS::NoValue is absence; the fix replaces it',
      yaml: topic('KmsMasterKeyId: !Ref AWS::NoValue'),
      errors: [{ messageId: 'missing', underline: 'KmsMasterKeyId: !Ref AWS::NoValue\n~~~~~~~~~~~~~~' }],
      output: topic('KmsMasterKeyId: alias/aws/sns'),
    },
    {
      name: 'a key on one branch only: the other branch is named, and left to a person',
      yaml: topic('KmsMasterKeyId: !If [Prod, alias/aws/sns, !Ref AWS::NoValue]', ENV),
      errors: [
        { messageId: 'missing', message: under(MISSING, 'when condition Prod is false'), text: 'KmsMasterKeyId' },
      ],
      output: null,
    },
  ],
});
