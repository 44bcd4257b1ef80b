import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf } from '../../model/values';
import { along } from '../branches';
import {
  CLOUDFORMATION_GROUP,
  engineName,
  groupSetting,
  replicationGroupEngines,
  supportsEncryption,
  TERRAFORM_GROUP,
  type ReplicationGroupNames,
} from '../elasticache';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled' | 'cacheCluster';

const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';

export const elasticacheEncryptionAtRest = {
  meta: {
    id: 'encryption/elasticache-encryption-at-rest',
    title: 'ElastiCache Redis OSS replication groups encrypt their data at rest',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'Cached data is not encrypted at rest: {{setting}} is not set, and ElastiCache leaves Redis OSS ' +
        'data on disk and in backups unencrypted by default. Encryption can only be chosen when the group is created.',
      disabled:
        'Cached data is not encrypted at rest: {{setting}} is false, so data on disk and in backups is ' +
        'unencrypted. Encryption can only be chosen when the group is created.',
      cacheCluster:
        'Cached data is not encrypted at rest: a Redis OSS cache cluster cannot encrypt its disk and backups; only a ' +
        'replication group ({{setting}}: true) or a serverless cache can.',
    },
    rationale:
      'Data stored on volumes is the customer’s side of the shared-responsibility model. Redis OSS writes cached data ' +
      'to disk during synchronisation, swap and backups, and exports snapshots to S3; without encryption at rest those ' +
      'copies — often sessions, tokens and personal data — are readable to anyone who obtains them. The choice is made ' +
      'when the replication group is created and cannot be changed afterwards.',
    remediation:
      'Create the replication group with AtRestEncryptionEnabled: true (and KmsKeyId for a customer-managed key). An ' +
      'existing group is replaced: take a backup, create an encrypted group from it and move the clients. A Redis OSS ' +
      'AWS::ElastiCache::CacheCluster cannot be encrypted: use a replication group or a serverless cache instead.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_29', match: 'equivalent' },
      { tool: 'cfnNag', id: 'F25', match: 'equivalent' },
      {
        tool: 'kics',
        id: 'e4ee3903-9225-4b6a-bdfb-e62dbadef821',
        match: 'equivalent',
        name: 'ElastiCache With Disabled at Rest Encryption',
      },
      { tool: 'cdkNag', id: 'AwsSolutions-AEC3', match: 'related', name: 'requires transit and at-rest together' },
      { tool: 'trivy', id: 'AVD-AWS-0045', match: 'equivalent', name: 'aws-elasticache-enable-at-rest-encryption' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      [REPLICATION_GROUP]: (resource, context) => checkReplicationGroup(resource, context, CLOUDFORMATION_GROUP),
      'AWS::ElastiCache::CacheCluster': (resource, context) =>
        checkCacheCluster(resource, context, CLOUDFORMATION_GROUP, []),
    },
    terraform: {
      aws_elasticache_replication_group: (resource, context) =>
        checkReplicationGroup(resource, context, TERRAFORM_GROUP),
      // A cluster that joins a replication group is encrypted, or not, by the group.
      aws_elasticache_cluster: (resource, context) =>
        checkCacheCluster(resource, context, TERRAFORM_GROUP, ['replication_group_id']),
    },
  },
} satisfies Rule<MessageId>;

/**
 * The setting is create-only (ForceNew in the AWS provider): the group is replaced, and with it every cached key,
 * so the fix says so and is only ever a suggestion.
 */
function fixOf(names: ReplicationGroupNames): { title: string; safe: boolean } {
  return { title: `Set ${names.atRest}: true (replaces the replication group: a new, empty cache)`, safe: false };
}

function checkReplicationGroup(
  resource: Resource,
  context: RuleContext<MessageId>,
  names: ReplicationGroupNames,
): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const engines = replicationGroupEngines(values, properties, names);
  const settings = groupSetting(values, properties, names.atRest, names);
  const versions = groupSetting(values, properties, names.version, names);
  const fixable = isUnconditional(settings) && isUnconditional(engines) && versions.every(supportsEncryption);
  const data = { setting: names.atRest };
  for (const engine of engines) {
    // Valkey groups are encrypted at rest unless told otherwise; Redis OSS (also when the engine is absent) is not.
    const name = engineName(engine);
    if (name !== 'redis' && name !== 'valkey') continue;
    for (const value of along(settings, engine.via)) {
      const fixes = fixable ? propertyFix(resource, names.atRest, value, true, fixOf(names)) : [];
      if (value.kind === 'absent' && name === 'redis')
        context.report({ node: value.node, messageId: 'missing', data, via: value.via, fixes });
      else if (value.kind !== 'absent' && truthOf(value) === false)
        context.report({ node: value.node, messageId: 'disabled', data, via: value.via, fixes });
    }
  }
}

/**
 * Memcached keeps nothing on disk and has no backups; a Redis OSS cache cluster does, and cannot encrypt them.
 * Valkey cache clusters are left alone: what they encrypt could not be confirmed. `members`: settings that make
 * the cluster part of a replication group, judged there.
 */
function checkCacheCluster(
  resource: Resource,
  context: RuleContext<MessageId>,
  names: ReplicationGroupNames,
  members: readonly string[],
): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  if (members.some((key) => groupSetting(values, properties, key, names).some((value) => value.kind !== 'absent')))
    return;
  for (const engine of values.lookup(properties, names.engine)) {
    if (stringOf(engine)?.toLowerCase() !== 'redis') continue;
    context.report({ node: engine.node, messageId: 'cacheCluster', data: { setting: names.atRest }, via: engine.via });
  }
}
