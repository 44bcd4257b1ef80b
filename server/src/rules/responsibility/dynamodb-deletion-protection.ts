import type { Change, FixProposal } from '../../edits/changes';
import { editableMap, isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf, type Outcome } from '../../model/values';
import { itemValues } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

export const dynamodbDeletionProtection = {
  meta: {
    id: 'responsibility/dynamodb-deletion-protection',
    title: 'DynamoDB tables refuse deletion until protection is turned off',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        'DeletionProtectionEnabled is not set, and DynamoDB defaults it to false: a stack deletion, a replacing update ' +
        'or one API call deletes this {{kind}} and its data. Keeping data recoverable is the customer’s job.',
      disabled:
        'DeletionProtectionEnabled is false: a stack deletion, a replacing update or one API call deletes this {{kind}} ' +
        'and its data. Keeping data recoverable is the customer’s job.',
    },
    rationale:
      'AWS never deletes a table on its own; deleting one by mistake is the customer’s risk in the shared-responsibility ' +
      'model. With deletion protection on, DynamoDB refuses DeleteTable until someone turns it off on purpose.',
    remediation:
      'Set DeletionProtectionEnabled: true (on AWS::DynamoDB::GlobalTable, on every replica). Deleting or replacing the ' +
      'table then needs an update that turns it off first.',
    references: [{ tool: 'checkov', id: 'CKV_AWS_394', match: 'equivalent', name: 'Terraform aws_dynamodb_table' }],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::DynamoDB::Table': checkTable,
      'AWS::DynamoDB::GlobalTable': checkGlobalTable,
    },
  },
} satisfies Rule<MessageId>;

const KEY = 'DeletionProtectionEnabled';
const FIX_TITLE = 'Protect the table from deletion (DeletionProtectionEnabled: true) — stack deletion will then fail';

function checkTable(resource: Resource, context: RuleContext<MessageId>): void {
  const properties = context.values.resolve(resource.properties, resource.anchor);
  const outcomes = context.values.lookup(properties, KEY);
  const fixable = isUnconditional(outcomes);
  for (const value of outcomes) {
    const fixes = fixable ? propertyFix(resource, KEY, value, true, { title: FIX_TITLE, safe: false }) : [];
    judge(value, 'table', fixes, context);
  }
}

/** Each replica of a global table carries its own setting. */
function checkGlobalTable(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  for (const replicas of values.lookup(properties, 'Replicas')) {
    if (replicas.kind !== 'seq') continue;
    for (const items of itemValues(values, replicas.seq, replicas.node, replicas.via)) {
      for (const item of items) {
        if (item.kind !== 'map') continue;
        const outcomes = values.lookup([item], KEY);
        const fixable = isUnconditional(outcomes) && item.via.length === 0 && editableMap(item, resource);
        for (const value of outcomes) {
          judge(value, 'global table replica', fixable ? replicaFix(item, value) : [], context);
        }
      }
    }
  }
}

function judge(value: Outcome, kind: string, fixes: FixProposal[], context: RuleContext<MessageId>): void {
  const absent = value.kind === 'absent';
  if (!absent && truthOf(value) !== false) return;
  context.report({
    node: value.node,
    messageId: absent ? 'missing' : 'disabled',
    data: { kind },
    via: value.via,
    fixes,
  });
}

/** Sets the key in the replica's own map, or replaces the literal written there; nothing else is edited. */
function replicaFix(item: Outcome & { kind: 'map' }, value: Outcome): FixProposal[] {
  let change: Change | undefined;
  if (value.kind === 'absent') change = { kind: 'set', map: item.map, path: [KEY], value: true };
  else if (value.kind === 'scalar' && value.source === value.node)
    change = { kind: 'replace', node: value.node, value: true };
  return change === undefined ? [] : [{ title: FIX_TITLE, safe: false, changes: [change] }];
}
