import type { Change, FixProposal } from '../../edits/changes';
import { editableMap, isUnconditional, literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf, type Outcome } from '../../model/values';
import { itemValues } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

export const dynamodbPointInTimeRecovery = {
  meta: {
    id: 'responsibility/dynamodb-point-in-time-recovery',
    title: 'DynamoDB tables have point-in-time recovery',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        'Point-in-time recovery is not enabled (PointInTimeRecoveryEnabled is not set; DynamoDB defaults it to false), ' +
        'so a bad write or delete in this {{kind}} cannot be undone. Keeping data recoverable is the customer’s job.',
      disabled:
        'PointInTimeRecoveryEnabled is false, so a bad write or delete in this {{kind}} cannot be undone. Keeping data ' +
        'recoverable is the customer’s job.',
    },
    rationale:
      'DynamoDB replicates a table’s storage, but it replicates bad writes too: restoring the data as it was before a ' +
      'faulty deployment or a malicious delete is the customer’s side of the shared-responsibility model. Point-in-time ' +
      'recovery keeps continuous backups for up to 35 days; without it only on-demand backups someone took exist.',
    remediation:
      'Set PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } (on a global table, per replica). ' +
      'It takes effect without interruption and is billed per GB of table data.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_28', match: 'equivalent', name: 'AWS::DynamoDB::Table' },
      { tool: 'checkov', id: 'CKV_AWS_165', match: 'equivalent', name: 'Terraform aws_dynamodb_global_table' },
      { tool: 'cdkNag', id: 'AwsSolutions-DDB3', match: 'equivalent' },
      { tool: 'cdkNag', id: 'HIPAA.Security-DynamoDBPITREnabled', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0024', match: 'equivalent', name: 'aws-dynamodb-enable-recovery' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::DynamoDB::Table': checkTable,
      'AWS::DynamoDB::GlobalTable': checkGlobalTable,
    },
  },
} satisfies Rule<MessageId>;

const SPEC = 'PointInTimeRecoverySpecification';
const KEY = 'PointInTimeRecoveryEnabled';
const FIX_TITLE = 'Turn on point-in-time recovery (billed per GB of table data)';

function checkTable(resource: Resource, context: RuleContext<MessageId>): void {
  const properties = context.values.resolve(resource.properties, resource.anchor);
  judgeOwner(resource, properties, 'table', context, () => setProperty(resource, [SPEC, KEY], true));
}

/** Each replica of a global table carries its own specification. */
function checkGlobalTable(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  for (const replicas of values.lookup(properties, 'Replicas')) {
    if (replicas.kind !== 'seq') continue;
    for (const items of itemValues(values, replicas.seq, replicas.node, replicas.via)) {
      for (const item of items) {
        if (item.kind !== 'map') continue;
        const editable = item.via.length === 0 && editableMap(item, resource);
        judgeOwner(resource, [item], 'global table replica', context, () =>
          editable ? { kind: 'set', map: item.map, path: [SPEC, KEY], value: true } : undefined,
        );
      }
    }
  }
}

/**
 * Judges the specification under `owner` (a table's properties or a replica's map). `addSpec` gives the change
 * that adds the whole specification; a specification that is present is edited in place.
 */
function judgeOwner(
  resource: Resource,
  owner: readonly Outcome[],
  kind: string,
  context: RuleContext<MessageId>,
  addSpec: () => Change | undefined,
): void {
  const values = context.values;
  const specs = values.lookup(owner, SPEC);
  const specFixable = isUnconditional(specs);
  for (const spec of specs) {
    if (spec.kind === 'absent') {
      report(spec, 'missing', kind, specFixable ? addSpec() : undefined, context);
      continue;
    }
    if (spec.kind !== 'map') continue;
    const enabled = values.lookup([spec], KEY);
    const fixable = specFixable && isUnconditional(enabled);
    for (const value of enabled) {
      let change: Change | undefined;
      if (value.kind === 'absent') {
        if (fixable && editableMap(spec, resource)) change = { kind: 'set', map: spec.map, path: [KEY], value: true };
        report(value, 'missing', kind, change, context);
        continue;
      }
      if (truthOf(value) !== false) continue;
      const literal = fixable ? literalIn(value, resource) : undefined;
      if (literal !== undefined) change = { kind: 'replace', node: literal, value: true };
      report(value, 'disabled', kind, change, context);
    }
  }
}

function report(
  value: Outcome,
  messageId: MessageId,
  kind: string,
  change: Change | undefined,
  context: RuleContext<MessageId>,
): void {
  const fixes: FixProposal[] = change === undefined ? [] : [{ title: FIX_TITLE, safe: false, changes: [change] }];
  context.report({ node: value.node, messageId, data: { kind }, via: value.via, fixes });
}
