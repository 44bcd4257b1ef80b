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
        'PendingWindowInDays is {{days}}, shorter than the 30 days KMS allows and uses by default, so a deletion ' +
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
      'Remove PendingWindowInDays, or set it to 30. The window applies only after a deletion is requested; it changes ' +
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
      'AWS::KMS::Key': checkKey,
      'AWS::KMS::ReplicaKey': checkKey,
    },
  },
} satisfies Rule<MessageId>;

/**
 * PendingWindowInDays can be updated without replacing the key and acts only after a deletion request, but a
 * window below 30 is always written on purpose (absent means 30), so raising it is a suggestion, never a bulk fix.
 */
const FIX = { title: 'Wait the longest period before deleting the key (PendingWindowInDays: 30)', safe: false };

function checkKey(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const windows = values.lookup(values.resolve(resource.properties, resource.anchor), 'PendingWindowInDays');
  const fixable = isUnconditional(windows);
  for (const window of windows) {
    const days = integerOf(window);
    if (days === undefined || days >= MAXIMUM) continue;
    const fixes = fixable ? propertyFix(resource, 'PendingWindowInDays', window, MAXIMUM, FIX) : [];
    context.report({ node: window.node, messageId: 'short', data: { days: String(days) }, via: window.via, fixes });
  }
}
