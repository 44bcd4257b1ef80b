import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome, type ValueResolver } from '../../model/values';
import { along } from '../branches';
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
        'Cached data is not encrypted at rest: AtRestEncryptionEnabled is not set, and ElastiCache leaves Redis OSS ' +
        'data on disk and in backups unencrypted by default. Encryption can only be chosen when the group is created.',
      disabled:
        'Cached data is not encrypted at rest: AtRestEncryptionEnabled is false, so data on disk and in backups is ' +
        'unencrypted. Encryption can only be chosen when the group is created.',
      cacheCluster:
        'Cached data is not encrypted at rest: a Redis OSS cache cluster cannot encrypt its disk and backups; only a ' +
        'replication group (AtRestEncryptionEnabled: true) or a serverless cache can.',
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
      [REPLICATION_GROUP]: checkReplicationGroup,
      'AWS::ElastiCache::CacheCluster': checkCacheCluster,
    },
  },
} satisfies Rule<MessageId>;

/**
 * AtRestEncryptionEnabled is create-only: CloudFormation replaces the group, and with it every cached key, so the
 * fix says so and is only ever a suggestion.
 */
const FIX = {
  title: 'Set AtRestEncryptionEnabled: true (replaces the replication group: a new, empty cache)',
  safe: false,
};

/**
 * The replication group's engine on each branch, or none when the group takes its settings from elsewhere: a
 * member of a global datastore follows its primary, and a group built on an existing cluster (PrimaryClusterId)
 * keeps that cluster's settings.
 */
export function replicationGroupEngines(values: ValueResolver, properties: readonly Outcome[]): Outcome[] {
  const inherited = ['GlobalReplicationGroupId', 'PrimaryClusterId'].some((key) =>
    values.lookup(properties, key).some((value) => value.kind !== 'absent'),
  );
  return inherited ? [] : values.lookup(properties, 'Engine');
}

/**
 * Whether a Redis OSS engine version can encrypt at rest and in transit: 3.2.6, 4.0.10 and later. An absent
 * version is the current default, which can; a version that cannot be read gets no fix.
 */
export function supportsEncryption(version: Outcome | undefined): boolean {
  if (version === undefined || version.kind === 'absent') return true;
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(stringOf(version) ?? '');
  if (match === null) return false;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (major === 3) return minor > 2 || (minor === 2 && patch >= 6);
  if (major === 4) return minor > 0 || patch >= 10;
  return major >= 5;
}

function checkReplicationGroup(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const engines = replicationGroupEngines(values, properties);
  const settings = values.lookup(properties, 'AtRestEncryptionEnabled');
  const versions = values.lookup(properties, 'EngineVersion');
  const fixable = isUnconditional(settings) && isUnconditional(engines) && versions.every(supportsEncryption);
  for (const engine of engines) {
    // Valkey groups are encrypted at rest unless told otherwise; Redis OSS (also when Engine is absent) is not.
    const name = engine.kind === 'absent' ? 'redis' : stringOf(engine)?.toLowerCase();
    if (name !== 'redis' && name !== 'valkey') continue;
    for (const value of along(settings, engine.via)) {
      const fixes = fixable ? propertyFix(resource, 'AtRestEncryptionEnabled', value, true, FIX) : [];
      if (value.kind === 'absent' && name === 'redis')
        context.report({ node: value.node, messageId: 'missing', via: value.via, fixes });
      else if (value.kind !== 'absent' && truthOf(value) === false)
        context.report({ node: value.node, messageId: 'disabled', via: value.via, fixes });
    }
  }
}

/**
 * Memcached keeps nothing on disk and has no backups; a Redis OSS cache cluster does, and cannot encrypt them.
 * Valkey cache clusters are left alone: what they encrypt could not be confirmed.
 */
function checkCacheCluster(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  for (const engine of values.lookup(properties, 'Engine')) {
    const name = stringOf(engine)?.toLowerCase();
    if (name !== 'redis') continue;
    context.report({ node: engine.node, messageId: 'cacheCluster', via: engine.via });
  }
}
