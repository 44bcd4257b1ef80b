import type { Change, FixProposal } from '../../edits/changes';
import { editableMap, isUnconditional, literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf, type Outcome } from '../../model/values';
import { itemValues } from '../branches';
import { attributes, blocks } from '../terraform';
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
        'Point-in-time recovery is not enabled ({{setting}} is not set; DynamoDB defaults it to false), ' +
        'so a bad write or delete in this {{kind}} cannot be undone. Keeping data recoverable is the customer’s job.',
      disabled:
        '{{setting}} is false, so a bad write or delete in this {{kind}} cannot be undone. Keeping data ' +
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
    cdk: 'pointInTimeRecovery: true',
  },
  visitors: {
    cloudformation: {
      'AWS::DynamoDB::Table': checkTable,
      'AWS::DynamoDB::GlobalTable': checkGlobalTable,
    },
    terraform: {
      aws_dynamodb_table: checkTerraformTable,
      aws_dynamodb_table_replica: (resource, context) => {
        const properties = context.values.resolve(resource.properties, resource.anchor);
        judgeFlag(resource, context.values.lookup(properties, TF_REPLICA), context, () =>
          setProperty(resource, [TF_REPLICA], true),
        );
      },
    },
  },
} satisfies Rule<MessageId>;

const SPEC = 'PointInTimeRecoverySpecification';
const KEY = 'PointInTimeRecoveryEnabled';
/** Terraform: a table's `point_in_time_recovery` block and its `enabled`; a replica's flat boolean. */
const TF_SPEC = 'point_in_time_recovery';
const TF_KEY = 'enabled';
const TF_REPLICA = 'point_in_time_recovery';
/** The flag inside a specification, and how messages name it. */
const CLOUDFORMATION_FLAG = { key: KEY, setting: KEY };
const TERRAFORM_FLAG = { key: TF_KEY, setting: `${TF_SPEC}.${TF_KEY}` };
const FIX_TITLE = 'Turn on point-in-time recovery (billed per GB of table data)';

function checkTable(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const specs = values.lookup(values.resolve(resource.properties, resource.anchor), SPEC);
  judgeSpecs(resource, specs, CLOUDFORMATION_FLAG, 'table', context, () => setProperty(resource, [SPEC, KEY], true));
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
        judgeSpecs(resource, values.lookup([item], SPEC), CLOUDFORMATION_FLAG, 'global table replica', context, () =>
          editable ? { kind: 'set', map: item.map, path: [SPEC, KEY], value: true } : undefined,
        );
      }
    }
  }
}

/** The table's `point_in_time_recovery` block, then each `replica` block's `point_in_time_recovery` flag. */
function checkTerraformTable(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const specs = blocks(values, attributes(resource, values), TF_SPEC);
  judgeSpecs(resource, specs, TERRAFORM_FLAG, 'table', context, () => setProperty(resource, [TF_SPEC, TF_KEY], true));
  for (const replica of blocks(values, attributes(resource, values), 'replica')) {
    if (replica.kind !== 'map') continue;
    const editable = editableMap(replica, resource);
    judgeFlag(resource, values.lookup([replica], TF_REPLICA), context, () =>
      editable ? { kind: 'set', map: replica.map, path: [TF_REPLICA], value: true } : undefined,
    );
  }
}

/**
 * Judges the specifications `specs` (CloudFormation's map, Terraform's block) and the flag inside them. `addSpec`
 * gives the change that adds the whole specification; a specification that is present is edited in place.
 */
function judgeSpecs(
  resource: Resource,
  specs: readonly Outcome[],
  flag: { readonly key: string; readonly setting: string },
  kind: string,
  context: RuleContext<MessageId>,
  addSpec: () => Change | undefined,
): void {
  const values = context.values;
  const specFixable = isUnconditional(specs);
  const { key, setting } = flag;
  for (const spec of specs) {
    if (spec.kind === 'absent') {
      report(spec, 'missing', kind, setting, specFixable ? addSpec() : undefined, context);
      continue;
    }
    if (spec.kind !== 'map') continue;
    const enabled = values.lookup([spec], key);
    const fixable = specFixable && isUnconditional(enabled);
    for (const value of enabled) {
      let change: Change | undefined;
      if (value.kind === 'absent') {
        if (fixable && editableMap(spec, resource)) change = { kind: 'set', map: spec.map, path: [key], value: true };
        report(value, 'missing', kind, setting, change, context);
        continue;
      }
      if (truthOf(value) !== false) continue;
      const literal = fixable ? literalIn(value, resource) : undefined;
      if (literal !== undefined) change = { kind: 'replace', node: literal, value: true };
      report(value, 'disabled', kind, setting, change, context);
    }
  }
}

/**
 * A Terraform replica's `point_in_time_recovery` flag (in a `replica` block, or on an `aws_dynamodb_table_replica`).
 * `add` gives the change that writes the flag where it is absent; a literal false is replaced in place.
 */
function judgeFlag(
  resource: Resource,
  flags: readonly Outcome[],
  context: RuleContext<MessageId>,
  add: () => Change | undefined,
): void {
  const fixable = isUnconditional(flags);
  for (const value of flags) {
    const absent = value.kind === 'absent';
    if (!absent && truthOf(value) !== false) continue;
    let change: Change | undefined;
    if (fixable && absent) change = add();
    else if (fixable) {
      const literal = literalIn(value, resource);
      if (literal !== undefined) change = { kind: 'replace', node: literal, value: true };
    }
    report(value, absent ? 'missing' : 'disabled', 'global table replica', TF_REPLICA, change, context);
  }
}

function report(
  value: Outcome,
  messageId: MessageId,
  kind: string,
  setting: string,
  change: Change | undefined,
  context: RuleContext<MessageId>,
): void {
  const fixes: FixProposal[] = change === undefined ? [] : [{ title: FIX_TITLE, safe: false, changes: [change] }];
  context.report({ node: value.node, messageId, data: { kind, setting }, via: value.via, fixes });
}
