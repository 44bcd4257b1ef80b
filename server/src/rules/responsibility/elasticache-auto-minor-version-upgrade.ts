import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import type { Rule, RuleContext } from '../types';
import { reportUpgradeTurnedOff, type Applies } from '../version-upgrade';

type MessageId = 'disabled';

export const elasticacheAutoMinorVersionUpgrade = {
  meta: {
    id: 'responsibility/elasticache-auto-minor-version-upgrade',
    title: 'ElastiCache Valkey and Redis OSS caches take minor engine upgrades automatically',
    severity: 'warning',
    responsibility: 'guest-os',
    messages: {
      disabled:
        '{{setting}} is false, so the {{kind}} opts out of the minor engine upgrades AWS rolls out, which ' +
        'carry security fixes; patching the cache engine is the customer’s job, and nothing else will do it.',
    },
    rationale:
      'AWS operates the nodes under ElastiCache, but which Valkey or Redis OSS version runs — and so whether its ' +
      'security fixes are applied — is the customer’s side of the shared-responsibility model. From Redis OSS 6.0 and ' +
      'in every Valkey version, AutoMinorVersionUpgrade opts a cache into AWS’s minor version upgrade campaigns; with ' +
      'it off, the cache stays on its minor version until someone upgrades it by hand.',
    remediation:
      'Remove AutoMinorVersionUpgrade: false (AWS’s default is true) or set it to true, and choose a ' +
      'PreferredMaintenanceWindow that suits the workload.',
    references: [
      {
        tool: 'checkov',
        id: 'CKV_AWS_322',
        match: 'equivalent',
        name: 'Terraform aws_elasticache_cluster auto_minor_version_upgrade',
      },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::ElastiCache::ReplicationGroup': checkCache,
      'AWS::ElastiCache::CacheCluster': checkCache,
    },
    // The AWS provider defaults auto_minor_version_upgrade to true (a string, "true", on aws_elasticache_cluster).
    terraform: {
      aws_elasticache_replication_group: checkCache,
      aws_elasticache_cluster: checkCache,
    },
  },
} satisfies Rule<MessageId>;

/** The setting, the engine and its version, as each dialect names them. */
const CLOUDFORMATION = { setting: 'AutoMinorVersionUpgrade', engine: 'Engine', version: 'EngineVersion' };
const TERRAFORM = { setting: 'auto_minor_version_upgrade', engine: 'engine', version: 'engine_version' };
const GROUPS: readonly string[] = ['AWS::ElastiCache::ReplicationGroup', 'aws_elasticache_replication_group'];

function checkCache(resource: Resource, context: RuleContext<MessageId>): void {
  const group = GROUPS.includes(resource.type);
  const names = context.template.dialect === 'terraform' ? TERRAFORM : CLOUDFORMATION;
  reportUpgradeTurnedOff(resource, context, {
    property: names.setting,
    messageId: 'disabled',
    data: { kind: group ? 'replication group' : 'cache cluster' },
    fixTitle: `Let ElastiCache apply minor engine upgrades (${names.setting}: true) — changes a deliberate setting`,
    scope: [names.engine, names.version],
    applies: ([engine, version]) => (engine && version ? judged(engine, version, group) : 'unknown'),
  });
}

/**
 * AWS honours the setting only for Valkey and for Redis OSS 6.0 and later; for Memcached and older Redis OSS it is
 * ignored, so a false there is no finding. A replication group without Engine runs Redis OSS; a cache cluster
 * must name its engine (a Terraform cache cluster that joins a replication group takes the group's, unknown here). An absent EngineVersion means the current version. An engine or version that cannot be
 * known may be one AWS ignores the setting for, so it is not judged.
 */
function judged(engine: Outcome, version: Outcome, group: boolean): Applies {
  const name = engine.kind === 'absent' && group ? 'redis' : stringOf(engine)?.toLowerCase();
  if (name === 'memcached') return 'no';
  if (name !== 'redis' && name !== 'valkey') return 'unknown';
  if (name === 'valkey' || version.kind === 'absent') return 'yes';
  const major = Number.parseInt(stringOf(version) ?? '', 10);
  if (Number.isNaN(major)) return 'unknown';
  return major >= 6 ? 'yes' : 'no';
}
