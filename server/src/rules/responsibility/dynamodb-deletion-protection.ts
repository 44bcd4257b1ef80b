import type { Change, FixProposal } from '../../edits/changes';
import { editableMap, isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf, type Outcome } from '../../model/values';
import { itemValues } from '../branches';
import { attributes, blocks } from '../terraform';
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
        '{{setting}} is not set, and DynamoDB defaults it to false: {{teardown}}, a replacing update ' +
        'or one API call deletes this {{kind}} and its data. Keeping data recoverable is the customer’s job.',
      disabled:
        '{{setting}} is false: {{teardown}}, a replacing update or one API call deletes this {{kind}} ' +
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
      'AWS::DynamoDB::Table': (resource, context) => checkTable(resource, context, CLOUDFORMATION),
      'AWS::DynamoDB::GlobalTable': checkGlobalTable,
    },
    terraform: {
      // The table's own setting, and each `replica` block's (Global Tables version 2019.11.21).
      aws_dynamodb_table: (resource, context) => {
        checkTable(resource, context, TERRAFORM);
        for (const replica of blocks(context.values, attributes(resource, context.values), 'replica'))
          judgeReplica(resource, replica, TERRAFORM, context);
      },
      aws_dynamodb_table_replica: (resource, context) =>
        checkTable(resource, context, TERRAFORM, 'global table replica'),
    },
  },
} satisfies Rule<MessageId>;

/** The setting and what deletes a table wholesale, as each dialect names them. */
interface Names {
  readonly setting: string;
  readonly teardown: string;
}

const CLOUDFORMATION: Names = { setting: 'DeletionProtectionEnabled', teardown: 'a stack deletion' };
const TERRAFORM: Names = { setting: 'deletion_protection_enabled', teardown: 'terraform destroy' };

function fixTitle(names: Names): string {
  return `Protect the table from deletion (${names.setting}: true) — ${names.teardown} will then fail`;
}

function checkTable(resource: Resource, context: RuleContext<MessageId>, names: Names, kind = 'table'): void {
  const properties = context.values.resolve(resource.properties, resource.anchor);
  const outcomes = context.values.lookup(properties, names.setting);
  const fixable = isUnconditional(outcomes);
  const fix = { title: fixTitle(names), safe: false };
  for (const value of outcomes) {
    const fixes = fixable ? propertyFix(resource, names.setting, value, true, fix) : [];
    judge(value, kind, names, fixes, context);
  }
}

/** Each replica of a global table carries its own setting. */
function checkGlobalTable(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  for (const replicas of values.lookup(properties, 'Replicas')) {
    if (replicas.kind !== 'seq') continue;
    for (const items of itemValues(values, replicas.seq, replicas.node, replicas.via)) {
      for (const item of items) judgeReplica(resource, item, CLOUDFORMATION, context);
    }
  }
}

function judgeReplica(resource: Resource, item: Outcome, names: Names, context: RuleContext<MessageId>): void {
  if (item.kind !== 'map') return;
  const outcomes = context.values.lookup([item], names.setting);
  const fixable = isUnconditional(outcomes) && item.via.length === 0 && editableMap(item, resource);
  for (const value of outcomes) {
    judge(value, 'global table replica', names, fixable ? replicaFix(item, value, names) : [], context);
  }
}

function judge(
  value: Outcome,
  kind: string,
  names: Names,
  fixes: FixProposal[],
  context: RuleContext<MessageId>,
): void {
  const absent = value.kind === 'absent';
  if (!absent && truthOf(value) !== false) return;
  context.report({
    node: value.node,
    messageId: absent ? 'missing' : 'disabled',
    data: { kind, setting: names.setting, teardown: names.teardown },
    via: value.via,
    fixes,
  });
}

/** Sets the key in the replica's own map, or replaces the literal written there; nothing else is edited. */
function replicaFix(item: Outcome & { kind: 'map' }, value: Outcome, names: Names): FixProposal[] {
  let change: Change | undefined;
  if (value.kind === 'absent') change = { kind: 'set', map: item.map, path: [names.setting], value: true };
  else if (value.kind === 'scalar' && value.source === value.node)
    change = { kind: 'replace', node: value.node, value: true };
  return change === undefined ? [] : [{ title: fixTitle(names), safe: false, changes: [change] }];
}
