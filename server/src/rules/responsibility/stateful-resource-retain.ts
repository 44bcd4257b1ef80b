import type { FixProposal } from '../../edits/changes';
import { isUnconditional } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome } from '../../model/values';
import { getValue } from '../../parsing/nodes';
import { combinations } from '../branches';
import { preventDestroy, preventDestroyFix } from '../prevent-destroy';
import { attributes } from '../terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'neither' | 'oneMissing' | 'notKept' | 'destroyed';

type Attribute = 'DeletionPolicy' | 'UpdateReplacePolicy';

const ATTRIBUTES: readonly Attribute[] = ['DeletionPolicy', 'UpdateReplacePolicy'];

/**
 * The resource types that hold data of their own, and whether CloudFormation can snapshot them on deletion
 * (its DeletionPolicy documentation, and cfn-lint's list). Left out on purpose: KMS keys (their own rule,
 * responsibility/kms-key-retain); S3 buckets, which CloudFormation cannot delete while they hold objects (cfn-lint
 * leaves them out of I3011 for the same reason); log groups and queues, whose contents expire by design.
 */
const STATEFUL: Readonly<Record<string, { readonly snapshot: boolean }>> = {
  'AWS::RDS::DBInstance': { snapshot: true },
  'AWS::RDS::DBCluster': { snapshot: true },
  'AWS::DocDB::DBCluster': { snapshot: true },
  'AWS::Neptune::DBCluster': { snapshot: true },
  'AWS::Redshift::Cluster': { snapshot: true },
  'AWS::EC2::Volume': { snapshot: true },
  'AWS::ElastiCache::ReplicationGroup': { snapshot: true },
  'AWS::ElastiCache::CacheCluster': { snapshot: true },
  'AWS::DynamoDB::Table': { snapshot: false },
  'AWS::DynamoDB::GlobalTable': { snapshot: false },
  'AWS::EFS::FileSystem': { snapshot: false },
};

/** Types whose DeletionPolicy defaults to Snapshot (for a DB instance, one outside a cluster): absent keeps the data. */
const SNAPSHOT_BY_DEFAULT: readonly string[] = ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'];

const LOST = 'deletes the {{type}} and the data in it for good.';

/**
 * Terraform: the same kinds of resource, and the final snapshot the AWS provider can take when it destroys one —
 * `skipped` names an attribute that skips it when true (the provider's default is false: a snapshot is taken, or the
 * destroy fails for want of its name, which keeps the data either way), `taken` one that takes it when true or set.
 * Where there is none, only `lifecycle.prevent_destroy` keeps the data.
 */
const TF_STATEFUL: Readonly<Record<string, { readonly skipped?: string; readonly taken?: string }>> = {
  aws_db_instance: { skipped: 'skip_final_snapshot' },
  aws_rds_cluster: { skipped: 'skip_final_snapshot' },
  aws_docdb_cluster: { skipped: 'skip_final_snapshot' },
  aws_neptune_cluster: { skipped: 'skip_final_snapshot' },
  aws_redshift_cluster: { skipped: 'skip_final_snapshot' },
  aws_ebs_volume: { taken: 'final_snapshot' },
  aws_elasticache_replication_group: { taken: 'final_snapshot_identifier' },
  aws_elasticache_cluster: { taken: 'final_snapshot_identifier' },
  aws_dynamodb_table: {},
  aws_efs_file_system: {},
};

export const statefulResourceRetain = {
  meta: {
    id: 'responsibility/stateful-resource-retain',
    title: 'Resources that hold data are retained or snapshotted when the stack deletes or replaces them',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      neither:
        'Neither DeletionPolicy nor UpdateReplacePolicy is set, so deleting the stack, removing the resource from the ' +
        `template or a change that replaces it ${LOST}`,
      oneMissing: `{{attribute}} is not set, and CloudFormation’s default is Delete, so {{event}} ${LOST}`,
      notKept: `{{attribute}} is '{{value}}', so {{event}} ${LOST}`,
      destroyed:
        '{{reason}}, so terraform destroy, or a change that replaces the resource, deletes the {{type}} and the data ' +
        'in it for good.',
    },
    rationale:
      'Keeping data recoverable is the customer’s side of the shared-responsibility model. CloudFormation deletes what ' +
      'a stack stops managing: deleting the stack, renaming a logical id or changing a property that requires ' +
      'replacement deletes the database, table, volume or file system, and with it every byte not backed up elsewhere. ' +
      'DeletionPolicy and UpdateReplacePolicy decide whether CloudFormation keeps the resource or a final snapshot.',
    remediation:
      'Add DeletionPolicy and UpdateReplacePolicy as siblings of Type: Snapshot where the type supports it (RDS, ' +
      'Aurora, DocumentDB, Neptune, Redshift, EBS volumes, ElastiCache), Retain elsewhere (DynamoDB, EFS). Delete a ' +
      'retained resource, or a snapshot, deliberately once its data is no longer needed. In Terraform, add lifecycle ' +
      '{ prevent_destroy = true }, or keep the final snapshot the provider takes on destroy (skip_final_snapshot, ' +
      'final_snapshot, final_snapshot_identifier).',
    references: [
      {
        tool: 'cdkNag',
        id: 'NIST.800.53.R5-DynamoDBPITREnabled',
        match: 'related',
        name: 'point-in-time recovery for tables, another way to survive a deletion',
      },
      {
        tool: 'checkov',
        id: 'CKV_AWS_28',
        match: 'related',
        name: 'DynamoDB point-in-time recovery',
      },
    ],
    fix: 'safe',
  },
  visitors: {
    cloudformation: Object.fromEntries(Object.keys(STATEFUL).map((type) => [type, checkResource])),
    terraform: Object.fromEntries(Object.keys(TF_STATEFUL).map((type) => [type, checkTerraformResource])),
  },
} satisfies Rule<MessageId>;

/** What each attribute guards against, for messages. */
const EVENT: Readonly<Record<Attribute, string>> = {
  DeletionPolicy: 'deleting the stack or removing the resource from the template',
  UpdateReplacePolicy: 'a change that replaces the resource',
};

function checkResource(resource: Resource, context: RuleContext<MessageId>): void {
  if (holdsNoData(resource, context)) return;
  const values = context.values;
  const deletions = values.resolve(getValue(resource.node, 'DeletionPolicy'), resource.idNode);
  const replaces = values.resolve(getValue(resource.node, 'UpdateReplacePolicy'), resource.idNode);
  // Each attribute is fixed only where its own value is the same in every deployment.
  const fixable = { DeletionPolicy: isUnconditional(deletions), UpdateReplacePolicy: isUnconditional(replaces) };
  const deletionDefaultKeeps = SNAPSHOT_BY_DEFAULT.includes(resource.type);
  for (const [deletion, replace] of combinations([deletions, replaces])) {
    if (deletion === undefined || replace === undefined) continue;
    if (deletion.kind === 'absent' && replace.kind === 'absent' && !deletionDefaultKeeps) {
      const fixes = fixable.DeletionPolicy && fixable.UpdateReplacePolicy ? [keepFix(resource, ATTRIBUTES)] : [];
      context.report({
        node: resource.idNode,
        messageId: 'neither',
        data: { type: resource.type },
        via: deletion.via,
        fixes,
      });
      continue;
    }
    const deletionByDefault = deletion.kind === 'absent' && deletionDefaultKeeps;
    if (!deletionByDefault) judge(resource, context, 'DeletionPolicy', deletion, fixable.DeletionPolicy);
    // The fix writes the default DeletionPolicy out too: the same behaviour, and cfn-lint (W3011) asks for both.
    const alongside: Attribute[] = deletionByDefault && fixable.DeletionPolicy ? ['DeletionPolicy'] : [];
    judge(resource, context, 'UpdateReplacePolicy', replace, fixable.UpdateReplacePolicy, alongside);
  }
}

/**
 * Resources of a stateful type that keep nothing of their own: an instance of an Aurora/RDS cluster (the cluster
 * holds the data), a read replica (a copy), a Memcached cache (no persistence). An unknown engine is not judged.
 */
function holdsNoData(resource: Resource, context: RuleContext<MessageId>): boolean {
  const properties = resource.properties;
  if (resource.type === 'AWS::RDS::DBInstance') {
    return ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'].some(
      (key) => properties !== undefined && getValue(properties, key) !== undefined,
    );
  }
  if (resource.type === 'AWS::ElastiCache::CacheCluster') {
    const engines = context.values.resolve(properties && getValue(properties, 'Engine'), resource.anchor);
    return engines.some((engine) => {
      const name = stringOf(engine)?.toLowerCase();
      return name !== 'redis' && name !== 'valkey';
    });
  }
  return false;
}

const TF_FIX_TITLE = 'Refuse to destroy the resource (lifecycle.prevent_destroy: true) — terraform destroy then fails';

/**
 * Terraform: the data survives a destroy when `lifecycle.prevent_destroy` refuses it or the provider takes a final
 * snapshot first. A plan records no lifecycle, so a plan is not judged.
 */
function checkTerraformResource(resource: Resource, context: RuleContext<MessageId>): void {
  if (holdsNoTerraformData(resource, context)) return;
  const found = preventDestroy(context.template, resource);
  if (found.state === 'on' || found.state === 'unknown') return;
  const snapshot = TF_STATEFUL[resource.type] ?? {};
  const attribute = snapshot.skipped ?? snapshot.taken;
  const reasons = [`lifecycle.prevent_destroy is ${found.state === 'off' ? 'false' : 'not set'}`];
  if (attribute !== undefined) {
    const values = context.values.lookup(attributes(resource, context.values), attribute);
    const skips = values.map((value) => {
      if (value.kind === 'unknown') return false;
      if (snapshot.skipped !== undefined) return truthOf(value) === true;
      return value.kind === 'absent' || truthOf(value) === false || stringOf(value) === '';
    });
    if (!skips.every(Boolean)) return;
    reasons.push(snapshot.skipped !== undefined ? `${attribute} is true` : `${attribute} is not set`);
  }
  const fixes = preventDestroyFix(resource, found, TF_FIX_TITLE);
  const data = { reason: reasons.join(' and '), type: resource.type };
  context.report({ node: found.node, messageId: 'destroyed', data, fixes });
}

/**
 * Terraform's resources that keep nothing of their own: a read replica (`replicate_source_db`), a cache node of a
 * replication group (the group is judged), a Memcached cache or one whose engine cannot be known.
 */
function holdsNoTerraformData(resource: Resource, context: RuleContext<MessageId>): boolean {
  const properties = attributes(resource, context.values);
  const present = (key: string): boolean =>
    context.values.lookup(properties, key).some((value) => value.kind !== 'absent');
  if (resource.type === 'aws_db_instance') return present('replicate_source_db');
  if (resource.type === 'aws_elasticache_cluster') {
    if (present('replication_group_id')) return true;
    return context.values.lookup(properties, 'engine').some((engine) => {
      const name = stringOf(engine)?.toLowerCase();
      return name !== 'redis' && name !== 'valkey';
    });
  }
  return false;
}

/** The values that keep the data for this type. `RetainExceptOnCreate` is valid for DeletionPolicy only. */
function keeps(resource: Resource, attribute: Attribute): readonly string[] {
  const kept = attribute === 'DeletionPolicy' ? ['Retain', 'RetainExceptOnCreate'] : ['Retain'];
  return STATEFUL[resource.type]?.snapshot === true ? [...kept, 'Snapshot'] : kept;
}

/** One attribute on a branch where it is judged alone: absent, a value that does not keep the data, or fine. */
function judge(
  resource: Resource,
  context: RuleContext<MessageId>,
  attribute: Attribute,
  value: Outcome,
  fixable: boolean,
  alongside: readonly Attribute[] = [],
): void {
  if (value.kind === 'absent') {
    const fixes = fixable ? [keepFix(resource, [...alongside, attribute])] : [];
    const data = { attribute, event: EVENT[attribute], type: resource.type };
    context.report({ node: resource.idNode, messageId: 'oneMissing', data, via: value.via, fixes });
    return;
  }
  const text = stringOf(value);
  if (text === undefined || keeps(resource, attribute).includes(text)) return;
  // Only a literal written on the attribute itself is rewritten; overriding an explicit Delete is a person's call.
  const literal = fixable && value.kind === 'scalar' && value.source === value.node;
  const fixes: FixProposal[] = literal
    ? [
        {
          title: titleFor(resource, [attribute]),
          safe: false,
          changes: [{ kind: 'replace', node: value.node, value: keptValue(resource) }],
        },
      ]
    : [];
  const data = { attribute, value: text, event: EVENT[attribute], type: resource.type };
  context.report({ node: value.node, messageId: 'notKept', data, via: value.via, fixes });
}

/** Snapshot where the type supports it: the data survives without a running resource left to pay for. */
function keptValue(resource: Resource): string {
  return STATEFUL[resource.type]?.snapshot === true ? 'Snapshot' : 'Retain';
}

/** Adding a missing policy changes nothing deployed, only a later deletion or replacement: safe in bulk. */
function keepFix(resource: Resource, attributes: readonly Attribute[]): FixProposal {
  return {
    title: titleFor(resource, attributes),
    safe: true,
    changes: attributes.map((attribute) => ({
      kind: 'set',
      map: resource.node,
      path: [attribute],
      value: keptValue(resource),
    })),
  };
}

function titleFor(resource: Resource, attributes: readonly Attribute[]): string {
  const value = keptValue(resource);
  return `Keep the data when CloudFormation would delete the resource (${attributes.map((a) => `${a}: ${value}`).join(', ')})`;
}
