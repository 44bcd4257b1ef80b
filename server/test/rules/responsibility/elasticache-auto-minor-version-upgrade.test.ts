import { elasticacheAutoMinorVersionUpgrade } from '../../../src/rules/responsibility/elasticache-auto-minor-version-upgrade';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const disabled = (kind: string): string =>
  `AutoMinorVersionUpgrade is false, so the ${kind} opts out of the minor engine upgrades AWS rolls out, which ` +
  'carry security fixes; patching the cache engine is the customer’s job, and nothing else will do it.';

const tfDisabled = (kind: string): string =>
  disabled(kind).replace('AutoMinorVersionUpgrade', 'auto_minor_version_upgrade');

/** A `.tf.json` replication group whose body ends with `last`; `engine` defaults to Redis OSS when absent. */
const tfGroup = (last: string): string =>
  tfResource('aws_elasticache_replication_group', 'sessions', `"description": "sessions",\n        ${last}`);

/** A `.tf.json` cache cluster whose body ends with `last`. */
const tfCluster = (last: string): string =>
  tfResource('aws_elasticache_cluster', 'sessions', `"node_type": "cache.t4g.small",\n        ${last}`);

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A replication group in block style whose properties end with `last`. */
const group = (last: string, header = '', engine = 'valkey'): string =>
  header +
  resourcesYaml(`
    Cache:
      Type: AWS::ElastiCache::ReplicationGroup
      Properties:
        ReplicationGroupDescription: sessions
        Engine: ${engine}
        CacheNodeType: cache.t4g.small
        ${last}
  `);

/** A cache cluster in block style. */
const cluster = (engine: string, version: string, upgrade: string): string =>
  resourcesYaml(`
    Cache:
      Type: AWS::ElastiCache::CacheCluster
      Properties:
        Engine: ${engine}
        EngineVersion: '${version}'
        CacheNodeType: cache.t4g.small
        NumCacheNodes: 1
        AutoMinorVersionUpgrade: ${upgrade}
  `);

new RuleTester().run(elasticacheAutoMinorVersionUpgrade, {
  valid: [
    { name: 'Terraform: absent is the AWS provider’s default, true', tf: tfGroup('"engine": "valkey"') },
    {
      name: 'Terraform: Memcached ignores the setting',
      tf: tfCluster('"engine": "memcached",\n        "auto_minor_version_upgrade": "false"'),
    },
    {
      name: 'Terraform: a cache cluster that joins a replication group takes its engine: unknown',
      tf: tfCluster(
        '"replication_group_id": "${aws_elasticache_replication_group.sessions.id}",\n        "auto_minor_version_upgrade": "false"',
      ),
    },
    {
      name: 'plan: true in the planned values',
      plan: planOf([
        {
          type: 'aws_elasticache_replication_group',
          name: 'sessions',
          values: '{ "engine": "redis", "engine_version": "7.1", "auto_minor_version_upgrade": true }',
        },
      ]),
    },
    { name: 'absent means true, AWS’s default', yaml: group('NumCacheClusters: 2') },
    { name: 'true, said outright', yaml: group('AutoMinorVersionUpgrade: true') },
    { name: 'Memcached: AWS ignores the setting', yaml: cluster('memcached', '1.6.22', 'false') },
    { name: 'Redis OSS before 6.0: AWS ignores the setting', yaml: cluster('redis', '5.0.6', 'false') },
    {
      name: 'an engine from a parameter without default may be Memcached: unknown',
      yaml: group('AutoMinorVersionUpgrade: false', 'Parameters:\n  Engine:\n    Type: String\n', '!Ref Engine'),
    },
    {
      name: 'a Redis OSS version that cannot be known may be one before 6.0: unknown',
      yaml: group(
        'EngineVersion: !Ref Version\n        AutoMinorVersionUpgrade: false',
        'Parameters:\n  Version:\n    Type: String\n',
        'redis',
      ),
    },
    {
      name: 'a parameter with neither default nor allowed values is unknown',
      yaml: group('AutoMinorVersionUpgrade: !Ref Upgrade', 'Parameters:\n  Upgrade:\n    Type: String\n'),
    },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"Cache": {"Type": "AWS::ElastiCache::CacheCluster", "Properties": {"Engine": "redis", "CacheNodeType": "cache.t4g.small", "NumCacheNodes": 1, "AutoMinorVersionUpgrade": "true"}}}}',
    },
  ],
  invalid: [
    {
      name: 'block style, a Valkey replication group',
      yaml: group('AutoMinorVersionUpgrade: false'),
      errors: [
        {
          messageId: 'disabled',
          message: disabled('replication group'),
          data: { kind: 'replication group', setting: 'AutoMinorVersionUpgrade' },
          underline: 'AutoMinorVersionUpgrade: false\n                         ~~~~~',
        },
      ],
      output: group('AutoMinorVersionUpgrade: true'),
    },
    {
      name: 'a replication group without Engine runs Redis OSS, current version',
      yaml: resourcesYaml(
        'Cache:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties:\n    ReplicationGroupDescription: x\n    AutoMinorVersionUpgrade: "false"\n',
      ),
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output: resourcesYaml(
        'Cache:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties:\n    ReplicationGroupDescription: x\n    AutoMinorVersionUpgrade: true\n',
      ),
    },
    {
      name: 'block style, a Redis OSS 7 cache cluster',
      yaml: cluster('redis', '7.1', 'false'),
      errors: [
        {
          messageId: 'disabled',
          message: disabled('cache cluster'),
          data: { kind: 'cache cluster', setting: 'AutoMinorVersionUpgrade' },
          text: 'false',
        },
      ],
      output: cluster('redis', '7.1', 'true'),
    },
    {
      name: 'flow style',
      yaml: resourcesYaml(`
        Cache:
          Type: AWS::ElastiCache::CacheCluster
          Properties: { Engine: valkey, CacheNodeType: cache.t4g.small, NumCacheNodes: 1, AutoMinorVersionUpgrade: false }
      `),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(`
        Cache:
          Type: AWS::ElastiCache::CacheCluster
          Properties: { Engine: valkey, CacheNodeType: cache.t4g.small, NumCacheNodes: 1, AutoMinorVersionUpgrade: true }
      `),
    },
    {
      name: 'JSON',
      json: `
        {
          "Resources": {
            "Cache": {
              "Type": "AWS::ElastiCache::ReplicationGroup",
              "Properties": {
                "ReplicationGroupDescription": "sessions",
                "Engine": "redis",
                "EngineVersion": "7.1",
                "AutoMinorVersionUpgrade": false
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: `
        {
          "Resources": {
            "Cache": {
              "Type": "AWS::ElastiCache::ReplicationGroup",
              "Properties": {
                "ReplicationGroupDescription": "sessions",
                "Engine": "redis",
                "EngineVersion": "7.1",
                "AutoMinorVersionUpgrade": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'a parameter default of false is what deploys; a person decides the fix',
      yaml: group(
        'AutoMinorVersionUpgrade: !Ref Upgrade',
        "Parameters:\n  Upgrade:\n    Type: String\n    AllowedValues: ['true', 'false']\n    Default: 'false'\n",
      ),
      errors: [
        {
          messageId: 'disabled',
          message: under(disabled('replication group'), 'by the default of parameter Upgrade'),
          text: '!Ref Upgrade',
        },
      ],
      output: null,
    },
    {
      name: 'the disabled branch of an undecided !If is named, and left to a person',
      yaml: group('AutoMinorVersionUpgrade: !If [Prod, false, true]', ENV),
      errors: [
        {
          messageId: 'disabled',
          message: under(disabled('replication group'), 'when condition Prod is true'),
          text: 'false',
        },
      ],
      output: null,
    },
    {
      name: 'an engine that is Memcached on one branch only: judged on the other, no fix',
      yaml:
        ENV +
        resourcesYaml(`
        Cache:
          Type: AWS::ElastiCache::CacheCluster
          Properties:
            Engine: !If [Prod, redis, memcached]
            CacheNodeType: cache.t4g.small
            NumCacheNodes: 1
            AutoMinorVersionUpgrade: false
      `),
      errors: [
        {
          messageId: 'disabled',
          message: under(disabled('cache cluster'), 'when condition Prod is true'),
          text: 'false',
        },
      ],
      output: null,
    },
    {
      name: 'Terraform: a replication group without engine runs Redis OSS; false is replaced',
      tf: tfGroup('"auto_minor_version_upgrade": false'),
      errors: [
        {
          messageId: 'disabled',
          message: tfDisabled('replication group'),
          data: { kind: 'replication group', setting: 'auto_minor_version_upgrade' },
          text: 'false',
        },
      ],
      output: tfGroup('"auto_minor_version_upgrade": true'),
    },
    {
      name: 'Terraform: a Redis OSS 7 cache cluster, "false" as the provider’s string',
      tf: tfCluster(
        '"engine": "redis",\n        "engine_version": "7.1",\n        "auto_minor_version_upgrade": "false"',
      ),
      errors: [{ messageId: 'disabled', message: tfDisabled('cache cluster'), text: '"false"' }],
      output: tfCluster(
        '"engine": "redis",\n        "engine_version": "7.1",\n        "auto_minor_version_upgrade": true',
      ),
    },
    {
      name: 'plan: false in the planned values, without a fix',
      plan: planOf([
        {
          type: 'aws_elasticache_cluster',
          name: 'sessions',
          values: '{ "engine": "valkey", "engine_version": "8.0", "auto_minor_version_upgrade": "false" }',
        },
      ]),
      errors: [
        {
          messageId: 'disabled',
          message: inPlan(tfDisabled('cache cluster'), 'aws_elasticache_cluster.sessions'),
          text: '"false"',
          line: 6,
        },
      ],
      output: null,
    },
  ],
});
