import { setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { blankAsAbsent } from '../terraform-attributes';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing';

/**
 * The AWS-managed key needs no key of the customer's, but its key policy cannot be changed, so AWS services that
 * publish to the topic lose access: the title says so, and a person decides.
 */
const FIX_TITLE =
  'Encrypt the topic with the AWS-managed key (KmsMasterKeyId: alias/aws/sns) — AWS services that publish to it ' +
  '(CloudWatch alarms, S3 events, EventBridge) need a customer-managed key instead';

export const snsTopicEncryption = {
  meta: {
    id: 'encryption/sns-topic-encryption',
    title: 'SNS topics encrypt messages at rest',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'The topic is not encrypted: {{setting}} is not set, and SNS has no default server-side encryption, so ' +
        'messages are stored unencrypted until they are delivered.',
    },
    rationale:
      'Protecting data at rest is the customer’s side of the shared-responsibility model. SNS stores each published ' +
      'message across several Availability Zones until every subscription has received it, and retries deliveries ' +
      'for hours or days. Unlike S3, SQS and DynamoDB, SNS applies no encryption by default: server-side encryption ' +
      'is opt-in, with a KMS key named in KmsMasterKeyId.',
    remediation:
      'Set KmsMasterKeyId to a customer-managed KMS key whose key policy grants kms:GenerateDataKey* and kms:Decrypt ' +
      'to the publishers — including AWS service principals such as cloudwatch.amazonaws.com, s3.amazonaws.com or ' +
      'events.amazonaws.com — or to alias/aws/sns when only IAM principals of the account publish. The change updates ' +
      'the topic without interruption.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_26', match: 'equivalent' },
      { tool: 'cfnNag', id: 'W47', match: 'equivalent' },
      { tool: 'cdkNag', id: 'AwsSolutions-SNS2', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0095', match: 'equivalent', name: 'aws-sns-enable-topic-encryption' },
    ],
    fix: 'suggestion',
    cdk: 'masterKey: <a kms.Key>',
  },
  visitors: {
    cloudformation: {
      'AWS::SNS::Topic': (resource, context) => checkTopic(resource, context, 'KmsMasterKeyId'),
    },
    terraform: {
      aws_sns_topic: (resource, context) => checkTopic(resource, context, 'kms_master_key_id'),
    },
  },
} satisfies Rule<MessageId>;

/** `setting`: the key attribute as the dialect names it. */
function checkTopic(resource: Resource, context: RuleContext<MessageId>, setting: string): void {
  const values = context.values;
  // Terraform state writes an unset key as "", which is no key.
  for (const key of blankAsAbsent(values.lookup(values.resolve(resource.properties, resource.anchor), setting))) {
    // Any key, even one the linter cannot read, is server-side encryption.
    if (key.kind !== 'absent') continue;
    // Absent on one branch only is the author's choice of branch, not a place to write a key.
    const change = key.via.length === 0 ? setProperty(resource, [setting], 'alias/aws/sns') : undefined;
    const title = FIX_TITLE.replace('KmsMasterKeyId', setting);
    const fixes = change === undefined ? [] : [{ title, safe: false, changes: [change] }];
    context.report({ node: key.node, messageId: 'missing', data: { setting }, via: key.via, fixes });
  }
}
