import { elasticacheEncryptionAtRest } from '../../../src/rules/encryption/elasticache-encryption-at-rest';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'Cached data is not encrypted at rest: AtRestEncryptionEnabled is not set, and ElastiCache leaves Redis OSS ' +
  'data on disk and in backups unencrypted by default. Encryption can only be chosen when the group is created.';
const DISABLED =
  'Cached data is not encrypted at rest: AtRestEncryptionEnabled is false, so data on disk and in backups is ' +
  'unencrypted. Encryption can only be chosen when the group is created.';
const CACHE_CLUSTER =
  'Cached data is not encrypted at rest: a Redis OSS cache cluster cannot encrypt its disk and backups; only a ' +
  'replication group (AtRestEncryptionEnabled: true) or a serverless cache can.';

const TF_MISSING = MISSING.replace('AtRestEncryptionEnabled', 'at_rest_encryption_enabled');
const TF_DISABLED = DISABLED.replace('AtRestEncryptionEnabled', 'at_rest_encryption_enabled');
const TF_CACHE_CLUSTER = CACHE_CLUSTER.replace('AtRestEncryptionEnabled', 'at_rest_encryption_enabled');

/** A replication group in `.tf.json` whose body ends with `body`. */
const tfGroup = (body: string): string =>
  tfResource(
    'aws_elasticache_replication_group',
    'sessions',
    `"replication_group_id": "sessions",\n        "description": "sessions",\n        ${body}`,
  );

/** A planned replication group with these values. */
const planGroup = (values: string, unknown = '{}'): string =>
  planOf([{ type: 'aws_elasticache_replication_group', name: 'sessions', values, unknown }]);

/** A replication group in block style whose properties end with `last`. */
const group = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Cache:
      Type: AWS::ElastiCache::ReplicationGroup
      Properties:
        ReplicationGroupDescription: sessions
        CacheNodeType: cache.t4g.small
        ${last}
  `);

new RuleTester().run(elasticacheEncryptionAtRest, {
  valid: [
    { name: 'Terraform: encrypted at rest', tf: tfGroup('"at_rest_encryption_enabled": true') },
    { name: 'Terraform: Valkey is encrypted at rest by default', tf: tfGroup('"engine": "valkey"') },
    {
      name: 'Terraform: a member of a global datastore follows its primary',
      tf: tfGroup(
        '"global_replication_group_id": "${aws_elasticache_global_replication_group.g.global_replication_group_id}"',
      ),
    },
    {
      name: 'Terraform: a Memcached cluster keeps nothing on disk',
      tf: tfResource('aws_elasticache_cluster', 'memo', '"cluster_id": "memo",\n        "engine": "memcached"'),
    },
    {
      name: 'Terraform: a cluster that joins a replication group is judged by the group',
      tf: tfResource(
        'aws_elasticache_cluster',
        'replica',
        '"replication_group_id": "sessions",\n        "engine": "redis"',
      ),
    },
    {
      name: 'plan: the setting is known only after apply',
      plan: planGroup(
        '{ "engine": "redis" }',
        '{ "at_rest_encryption_enabled": true, "global_replication_group_id": true }',
      ),
    },
    { name: 'AtRestEncryptionEnabled: true', yaml: group('AtRestEncryptionEnabled: true') },
    { name: 'Valkey is encrypted at rest by default', yaml: group('Engine: valkey') },
    {
      name: 'a member of a global datastore follows its primary',
      yaml: group('GlobalReplicationGroupId: ldgnf-sessions'),
    },
    { name: 'a group built on an existing cluster keeps its settings', yaml: group('PrimaryClusterId: sessions-001') },
    {
      name: 'an engine from a parameter without default is unknown',
      yaml: group('Engine: !Ref Engine', 'Parameters:\n  Engine:\n    Type: String\n'),
    },
    {
      name: 'serverless caches are always encrypted',
      yaml: resourcesYaml(
        'S:\n  Type: AWS::ElastiCache::ServerlessCache\n  Properties: { Engine: redis, ServerlessCacheName: s }\n',
      ),
    },
    {
      name: 'a Memcached cache cluster keeps nothing on disk',
      yaml: resourcesYaml(
        'M:\n  Type: AWS::ElastiCache::CacheCluster\n  Properties: { Engine: memcached, CacheNodeType: cache.t4g.small, NumCacheNodes: 1 }\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: not set, on the resource name; the fix sets it and says the group is replaced',
      tf: tfGroup('"node_type": "cache.t4g.small"'),
      errors: [
        {
          messageId: 'missing',
          message: TF_MISSING,
          data: { setting: 'at_rest_encryption_enabled' },
          text: '"sessions"',
          line: 5,
        },
      ],
      output: tfGroup('"node_type": "cache.t4g.small",\n        "at_rest_encryption_enabled": true'),
    },
    {
      name: 'Terraform: false, and the fix turns it true',
      tf: tfGroup('"at_rest_encryption_enabled": false'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: 'false' }],
      output: tfGroup('"at_rest_encryption_enabled": true'),
    },
    {
      name: 'Terraform: an engine too old to encrypt gets no fix',
      tf: tfGroup('"engine_version": "3.2.4"'),
      errors: [{ messageId: 'missing', text: '"sessions"', line: 5 }],
      output: null,
    },
    {
      name: 'Terraform: a Redis OSS cache cluster cannot encrypt at rest',
      tf: tfResource('aws_elasticache_cluster', 'single', '"cluster_id": "single",\n        "engine": "redis"'),
      errors: [{ messageId: 'cacheCluster', message: TF_CACHE_CLUSTER, text: '"redis"' }],
      output: null,
    },
    {
      name: 'plan: the provider’s nullable boolean "false"; an empty global datastore id is none',
      plan: planGroup(
        '{ "engine": "redis", "at_rest_encryption_enabled": "false", "global_replication_group_id": "" }',
      ),
      errors: [
        {
          messageId: 'disabled',
          message: inPlan(TF_DISABLED, 'aws_elasticache_replication_group.sessions'),
          text: '"false"',
          line: 6,
        },
      ],
      output: null,
    },
    {
      name: 'no Properties: on the logical id, and the fix adds them',
      yaml: resourcesYaml('Cache:\n  Type: AWS::ElastiCache::ReplicationGroup\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Cache:\n~~~~~' }],
      output: resourcesYaml(
        'Cache:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties:\n    AtRestEncryptionEnabled: true\n',
      ),
    },
    {
      name: 'block style without AtRestEncryptionEnabled',
      yaml: group('Engine: redis'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: group('Engine: redis\n        AtRestEncryptionEnabled: true'),
    },
    {
      name: 'block style, false, on Valkey',
      yaml: group('Engine: valkey\n        AtRestEncryptionEnabled: false'),
      errors: [
        {
          messageId: 'disabled',
          message: DISABLED,
          underline: 'AtRestEncryptionEnabled: false\n                         ~~~~~',
        },
      ],
      output: group('Engine: valkey\n        AtRestEncryptionEnabled: true'),
    },
    {
      name: 'flow style without AtRestEncryptionEnabled',
      yaml: resourcesYaml(
        'C:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties: { ReplicationGroupDescription: s, Engine: redis }\n',
      ),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(
        'C:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties: { ReplicationGroupDescription: s, Engine: redis, AtRestEncryptionEnabled: true }\n',
      ),
    },
    {
      name: 'flow style, false',
      yaml: resourcesYaml(
        'C:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties: { AtRestEncryptionEnabled: false }\n',
      ),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(
        'C:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties: { AtRestEncryptionEnabled: true }\n',
      ),
    },
    {
      name: 'JSON without AtRestEncryptionEnabled',
      json: `
        {
          "Resources": {
            "C": {
              "Type": "AWS::ElastiCache::ReplicationGroup",
              "Properties": {
                "ReplicationGroupDescription": "sessions"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "C": {
              "Type": "AWS::ElastiCache::ReplicationGroup",
              "Properties": {
                "ReplicationGroupDescription": "sessions",
                "AtRestEncryptionEnabled": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'Redis 2.8 cannot encrypt: reported, but no fix that would fail',
      yaml: group('EngineVersion: 2.8.24'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: null,
    },
    {
      name: 'one branch of a condition: the branch is named, no fix',
      yaml: group(
        'AtRestEncryptionEnabled: !If [Prod, true, false]',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n',
      ),
      errors: [
        {
          messageId: 'disabled',
          text: 'false',
          message: `${DISABLED.replace(/\.$/, '')} (when condition Prod is false).`,
        },
      ],
      output: null,
    },
    {
      name: 'a Redis OSS cache cluster cannot encrypt at rest',
      yaml: resourcesYaml(
        'R:\n  Type: AWS::ElastiCache::CacheCluster\n  Properties: { Engine: redis, CacheNodeType: cache.t4g.small, NumCacheNodes: 1 }\n',
      ),
      errors: [{ messageId: 'cacheCluster', message: CACHE_CLUSTER, text: 'redis' }],
      output: null,
    },
  ],
});
