import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { integerOf } from '../../model/values';
import type { Rule, RuleContext } from '../types';

type MessageId = 'short';

/** KMS's longest waiting period, and what it uses when PendingWindowInDays is not set. */
const MAXIMUM = 30;

export const kmsKeyDeletionWindow = {
  meta: {
    id: 'responsibility/kms-key-deletion-window',
    title: 'KMS keys keep the longest waiting period before deletion',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      short:
        '{{setting}} is {{days}}, shorter than the 30 days KMS allows and uses by default, so a deletion ' +
        'requested by mistake, by the stack or by an attacker leaves only {{days}} days to notice and cancel it before ' +
        'everything encrypted under the key becomes unreadable for good.',
    },
    rationale:
      'Keeping data recoverable is the customer’s side of the shared-responsibility model, and a deleted KMS key makes ' +
      'every object, volume, snapshot, database and backup encrypted under it unreadable — AWS cannot recover it. KMS ' +
      'never deletes a key at once: it waits PendingWindowInDays (7 to 30 days) and the deletion can be cancelled ' +
      'until then. The whole window is the only safety net once a deletion has been requested, and a short one is ' +
      'easily missed over a holiday or a weekend.',
    remediation:
      'Remove PendingWindowInDays (deletion_window_in_days in Terraform), or set it to 30. The window applies only after a deletion is requested; it changes ' +
      'nothing about how the key works and does not replace it.',
    references: [
      {
        tool: 'kics',
        id: '0b530315-0ea4-497f-b34c-4ff86268f59d',
        match: 'related',
        name: 'Terraform only: a KMS key states a valid deletion window (set, at most 30 days)',
      },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::KMS::Key': (resource, context) => checkKey(resource, context, CLOUDFORMATION),
      'AWS::KMS::ReplicaKey': (resource, context) => checkKey(resource, context, CLOUDFORMATION),
    },
    // The provider splits keys by origin; every kind waits deletion_window_in_days (7 to 30, KMS's 30 when unset).
    terraform: {
      aws_kms_key: (resource, context) => checkKey(resource, context, TERRAFORM),
      aws_kms_external_key: (resource, context) => checkKey(resource, context, TERRAFORM),
      aws_kms_replica_key: (resource, context) => checkKey(resource, context, TERRAFORM),
      aws_kms_replica_external_key: (resource, context) => checkKey(resource, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/**
 * PendingWindowInDays can be updated without replacing the key and acts only after a deletion request, but a
 * window below 30 is always written on purpose (absent means 30), so raising it is a suggestion, never a bulk fix.
 */
function fixFor(setting: string): { title: string; safe: boolean } {
  return { title: `Wait the longest period before deleting the key (${setting}: 30)`, safe: false };
}

/** The waiting period's name in each dialect. */
const CLOUDFORMATION = 'PendingWindowInDays';
const TERRAFORM = 'deletion_window_in_days';

function checkKey(resource: Resource, context: RuleContext<MessageId>, setting: string): void {
  const values = context.values;
  const windows = values.lookup(values.resolve(resource.properties, resource.anchor), setting);
  const fixable = isUnconditional(windows);
  for (const window of windows) {
    const days = integerOf(window);
    if (days === undefined || days >= MAXIMUM) continue;
    const fixes = fixable ? propertyFix(resource, setting, window, MAXIMUM, fixFor(setting)) : [];
    const data = { days: String(days), setting };
    context.report({ node: window.node, messageId: 'short', data, via: window.via, fixes });
  }
}
