import type { Change, FixProposal } from '../../edits/changes';
import { isUnconditional, literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { blankAsAbsent } from '../terraform-attributes';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

/** The key Kinesis Data Streams manages for the account; `KeyId` accepts its alias. */
const AWS_MANAGED = { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' };
const AWS_MANAGED_ALIAS = 'alias/aws/kinesis';
const FIX_TITLE =
  'Encrypt the stream with the AWS-managed key (StreamEncryption: KMS, alias/aws/kinesis) — producers that cannot use ' +
  'the key start failing';
const TF_FIX_TITLE =
  'Encrypt the stream with the AWS-managed key (encryption_type: KMS, kms_key_id: alias/aws/kinesis) — producers ' +
  'that cannot use the key start failing';
const TF_KEY_FIX_TITLE =
  'Encrypt the stream with its KMS key (encryption_type: KMS) — producers that cannot use the key start failing';

export const kinesisStreamEncryption = {
  meta: {
    id: 'encryption/kinesis-stream-encryption',
    title: 'Kinesis data streams encrypt records at rest',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'The stream is not encrypted: {{setting}} is not set, and Kinesis Data Streams stores records ' +
        'unencrypted unless server-side encryption is turned on.',
      disabled:
        'The stream is not encrypted: {{setting}} is NONE, so Kinesis Data Streams stores its records unencrypted.',
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
    cdk: 'encryption: kinesis.StreamEncryption.MANAGED',
  },
  visitors: {
    cloudformation: {
      'AWS::Kinesis::Stream': checkStream,
    },
    terraform: {
      aws_kinesis_stream: checkTerraformStream,
    },
  },
} satisfies Rule<MessageId>;

/**
 * Whether one value of the stream's encryption setting leaves records unencrypted. CloudFormation's
 * StreamEncryption has one valid EncryptionType, KMS, so any StreamEncryption is encryption (cfn-lint checks its
 * shape); the AWS provider's `encryption_type` also takes NONE, its default, which is an explicit opt-out.
 */
function unencrypted(setting: Outcome): MessageId | undefined {
  if (setting.kind === 'absent') return 'missing';
  return stringOf(setting)?.toUpperCase() === 'NONE' ? 'disabled' : undefined;
}

function checkStream(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  for (const encryption of values.lookup(values.resolve(resource.properties, resource.anchor), 'StreamEncryption')) {
    const messageId = unencrypted(encryption);
    if (messageId === undefined) continue;
    // Encryption adds KMS requests (cost, quota) and key permissions for a customer key: a person applies it.
    const change = encryption.via.length === 0 ? setProperty(resource, ['StreamEncryption'], AWS_MANAGED) : undefined;
    const fixes = change === undefined ? [] : [{ title: FIX_TITLE, safe: false, changes: [change] }];
    context.report({
      node: encryption.node,
      messageId,
      data: { setting: 'StreamEncryption' },
      via: encryption.via,
      fixes,
    });
  }
}

/** Terraform: `encryption_type` (absent or NONE is unencrypted), with `kms_key_id` for the fix. */
function checkTerraformStream(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const keys = blankAsAbsent(values.lookup(properties, 'kms_key_id'));
  for (const encryption of values.lookup(properties, 'encryption_type')) {
    const messageId = unencrypted(encryption);
    if (messageId === undefined) continue;
    const fixes =
      encryption.via.length === 0 && isUnconditional(keys) ? terraformFix(resource, encryption, keys[0]) : [];
    context.report({
      node: encryption.node,
      messageId,
      data: { setting: 'encryption_type' },
      via: encryption.via,
      fixes,
    });
  }
}

/** `encryption_type: KMS`, with the AWS-managed key unless the stream already names a key. */
function terraformFix(resource: Resource, encryption: Outcome, key: Outcome | undefined): FixProposal[] {
  const literal = literalIn(encryption, resource);
  const type: Change | undefined =
    encryption.kind === 'absent'
      ? setProperty(resource, ['encryption_type'], 'KMS')
      : literal === undefined
        ? undefined
        : { kind: 'replace', node: literal, value: 'KMS' };
  if (type === undefined) return [];
  if (key?.kind !== 'absent') return [{ title: TF_KEY_FIX_TITLE, safe: false, changes: [type] }];
  const alias = setProperty(resource, ['kms_key_id'], AWS_MANAGED_ALIAS);
  return alias === undefined ? [] : [{ title: TF_FIX_TITLE, safe: false, changes: [type, alias] }];
}
