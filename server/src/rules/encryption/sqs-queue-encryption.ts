import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf } from '../../model/values';
import { combinations } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

const DECLARE_DEFAULT = 'Declare the default encryption (SSE-SQS, SqsManagedSseEnabled: true) explicitly';
const ENABLE = 'Encrypt the queue with SQS-managed keys (SqsManagedSseEnabled: true)';

export const sqsQueueEncryption = {
  meta: {
    id: 'encryption/sqs-queue-encryption',
    title: 'SQS queues declare their encryption at rest',
    // One severity per rule: `missing` is the common case and AWS's default covers it (DESIGN: warning); the rarer
    // explicit opt-out says in its message that the queue is unencrypted.
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        'Neither {{managed}} nor {{key}} is set. Since October 2022 SQS encrypts new queues with ' +
        'SQS-managed keys (SSE-SQS) by default; the setting should be explicit, so the template rather than a service ' +
        'default says how messages are encrypted.',
      disabled:
        'The queue is not encrypted: {{managed}} is false and no {{key}} is set, so messages are stored ' +
        'in plaintext until they are consumed.',
    },
    rationale:
      'Protecting data at rest is the customer’s side of the shared-responsibility model. Messages wait in a queue for ' +
      'up to 14 days, often carrying the payloads of orders, events and personal data. Since October 2022 SQS encrypts ' +
      'queues created over HTTPS with SQS-managed keys by default, but a queue created earlier, or one that opts out ' +
      'with SqsManagedSseEnabled: false, stores messages unencrypted. An explicit setting makes the choice reviewable.',
    remediation:
      'Set SqsManagedSseEnabled: true (SSE-SQS: no keys to manage, no cost), or KmsMasterKeyId for SSE-KMS with the ' +
      'aws/sqs key or a customer-managed key (producers and consumers then need kms:GenerateDataKey and kms:Decrypt, ' +
      'and AWS services that send to the queue need a key policy granting them). Either updates the queue without ' +
      'interruption; requests to an encrypted queue must use HTTPS and Signature Version 4.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_27', match: 'equivalent' },
      { tool: 'cfnNag', id: 'W48', match: 'related', name: 'requires KmsMasterKeyId; SSE-SQS does not satisfy it' },
      { tool: 'kics', id: '12726829-93ed-4d51-9cbe-13423f4299e1', match: 'equivalent', name: 'SQS With SSE Disabled' },
      { tool: 'cdkNag', id: 'AwsSolutions-SQS2', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0096', match: 'equivalent', name: 'aws-sqs-enable-queue-encryption' },
    ],
    fix: 'safe',
    cdk: 'encryption: sqs.QueueEncryption.SQS_MANAGED',
  },
  visitors: {
    cloudformation: {
      'AWS::SQS::Queue': (resource, context) => checkQueue(resource, context, CLOUDFORMATION),
    },
    terraform: {
      aws_sqs_queue: (resource, context) => checkQueue(resource, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/** The two settings, as each dialect names them. */
interface Names {
  readonly managed: string;
  readonly key: string;
}

const CLOUDFORMATION: Names = { managed: 'SqsManagedSseEnabled', key: 'KmsMasterKeyId' };
const TERRAFORM: Names = { managed: 'sqs_managed_sse_enabled', key: 'kms_master_key_id' };

function checkQueue(resource: Resource, context: RuleContext<MessageId>, names: Names): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const keyValues = values.lookup(properties, names.key);
  const managedValues = values.lookup(properties, names.managed);
  const data = { managed: names.managed, key: names.key };
  // A fix is offered only where the finding holds in every deployment.
  const fixable = isUnconditional(keyValues) && isUnconditional(managedValues);
  for (const [key, managed] of combinations([keyValues, managedValues])) {
    // Any KMS key, even one the linter cannot read, means SSE-KMS: SQS ignores SqsManagedSseEnabled then.
    if (key === undefined || managed === undefined || key.kind !== 'absent') continue;
    if (managed.kind === 'absent') {
      // SSE-SQS is what SQS applies to a new queue anyway, so writing it down is safe in bulk.
      const fixes = fixable
        ? propertyFix(resource, names.managed, managed, true, { title: title(DECLARE_DEFAULT, names), safe: true })
        : [];
      // Both are absent; the key's node is the more telling one when a branch or `AWS::NoValue` removed it.
      context.report({ node: key.node, messageId: 'missing', data, via: managed.via, fixes });
    } else if (truthOf(managed) === false) {
      // Overrules an explicit opt-out, so a person decides.
      const fixes = fixable
        ? propertyFix(resource, names.managed, managed, true, { title: title(ENABLE, names), safe: false })
        : [];
      context.report({ node: managed.node, messageId: 'disabled', data, via: managed.via, fixes });
    }
  }
}

function title(text: string, names: Names): string {
  return text.replace('SqsManagedSseEnabled', names.managed);
}
