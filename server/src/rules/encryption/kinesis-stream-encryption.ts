import { setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing';

/** The key Kinesis Data Streams manages for the account; `KeyId` accepts its alias. */
const AWS_MANAGED = { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' };
const FIX_TITLE =
  'Encrypt the stream with the AWS-managed key (StreamEncryption: KMS, alias/aws/kinesis) — producers that cannot use ' +
  'the key start failing';

export const kinesisStreamEncryption = {
  meta: {
    id: 'encryption/kinesis-stream-encryption',
    title: 'Kinesis data streams encrypt records at rest',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'The stream is not encrypted: StreamEncryption is not set, and Kinesis Data Streams stores records ' +
        'unencrypted unless server-side encryption is turned on.',
    },
    rationale:
      'Protecting data at rest is the customer’s side of the shared-responsibility model. A Kinesis data stream keeps ' +
      'every record for its retention period — 24 hours by default, up to a year — and Kinesis encrypts them only ' +
      'when the stream is given a KMS key: there is no default encryption. Clickstreams, logs and change feeds ' +
      'carried by streams routinely hold personal data.',
    remediation:
      'Add StreamEncryption with EncryptionType: KMS and KeyId: alias/aws/kinesis (the AWS-managed key), or the ARN of a ' +
      'customer-managed key whose policy lets producers call kms:GenerateDataKey and consumers kms:Decrypt. The stream ' +
      'is updated without interruption; records written before the change stay unencrypted until they expire.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_43', match: 'equivalent' },
      { tool: 'cfnNag', id: 'W49', match: 'equivalent' },
      {
        tool: 'kics',
        id: '7f65be75-90ab-4036-8c2a-410aef7bb650',
        match: 'equivalent',
        name: 'Kinesis SSE Not Configured',
      },
      { tool: 'cdkNag', id: 'AwsSolutions-KDS1', match: 'equivalent' },
      {
        tool: 'cdkNag',
        id: 'AwsSolutions-KDS3',
        match: 'related',
        name: 'requires a customer-managed key instead of aws/kinesis',
      },
      { tool: 'trivy', id: 'AVD-AWS-0064', match: 'equivalent', name: 'aws-kinesis-enable-in-transit-encryption' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::Kinesis::Stream': checkStream,
    },
  },
} satisfies Rule<MessageId>;

function checkStream(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  for (const encryption of values.lookup(values.resolve(resource.properties, resource.anchor), 'StreamEncryption')) {
    // EncryptionType has one valid value, KMS, so any StreamEncryption is encryption (cfn-lint checks the shape).
    if (encryption.kind !== 'absent') continue;
    // Encryption adds KMS requests (cost, quota) and key permissions for a customer key: a person applies it.
    const change = encryption.via.length === 0 ? setProperty(resource, ['StreamEncryption'], AWS_MANAGED) : undefined;
    const fixes = change === undefined ? [] : [{ title: FIX_TITLE, safe: false, changes: [change] }];
    context.report({ node: encryption.node, messageId: 'missing', via: encryption.via, fixes });
  }
}
