import { elasticacheEncryptionInTransit } from '../../../src/rules/encryption/elasticache-encryption-in-transit';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'Cache traffic is not encrypted: TransitEncryptionEnabled is not set, and ElastiCache then serves clients and ' +
  'replicates between nodes in plaintext.';
const DISABLED =
  'Cache traffic is not encrypted: TransitEncryptionEnabled is false, so clients and replicas exchange data in ' +
  'plaintext.';
const PREFERRED =
  'Cache traffic can be unencrypted: TransitEncryptionMode is preferred, so the group still accepts clients ' +
  'that connect without TLS.';

const TF_MISSING = MISSING.replace('TransitEncryptionEnabled', 'transit_encryption_enabled');
const TF_DISABLED = DISABLED.replace('TransitEncryptionEnabled', 'transit_encryption_enabled');
const TF_PREFERRED = PREFERRED.replace('TransitEncryptionMode', 'transit_encryption_mode');

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
        AtRestEncryptionEnabled: true
        ${last}
  `);

new RuleTester().run(elasticacheEncryptionInTransit, {
  valid: [
    { name: 'Terraform: TLS on', tf: tfGroup('"transit_encryption_enabled": true') },
    {
      name: 'Terraform: TLS required',
      tf: tfGroup('"transit_encryption_enabled": true,\n        "transit_encryption_mode": "required"'),
    },
    {
      name: 'plan: the setting is known only after apply',
      plan: planGroup(
        '{ "engine": "redis", "global_replication_group_id": "" }',
        '{ "transit_encryption_enabled": true }',
      ),
    },
    { name: 'TransitEncryptionEnabled: true', yaml: group('TransitEncryptionEnabled: true') },
    {
      name: 'mode required',
      yaml: group('TransitEncryptionEnabled: true\n        TransitEncryptionMode: required'),
    },
    { name: 'a member of a global datastore follows its primary', yaml: group('GlobalReplicationGroupId: ldgnf-s') },
    {
      name: 'a value from a parameter without default is unknown',
      yaml: group('TransitEncryptionEnabled: !Ref Tls', 'Parameters:\n  Tls:\n    Type: String\n'),
    },
    {
      name: 'serverless caches always use TLS',
      yaml: resourcesYaml(
        'S:\n  Type: AWS::ElastiCache::ServerlessCache\n  Properties: { Engine: valkey, ServerlessCacheName: s }\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: not set, on the resource name; the fix turns TLS on',
      tf: tfGroup('"engine_version": "7.1"'),
      errors: [
        {
          messageId: 'missing',
          message: TF_MISSING,
          data: { setting: 'transit_encryption_enabled', mode: 'transit_encryption_mode' },
          text: '"sessions"',
          line: 5,
        },
      ],
      output: tfGroup('"engine_version": "7.1",\n        "transit_encryption_enabled": true'),
    },
    {
      name: 'Terraform: false, with the provider’s "6.x" version; the fix turns it true',
      tf: tfGroup('"engine_version": "6.x",\n        "transit_encryption_enabled": false'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: 'false' }],
      output: tfGroup('"engine_version": "6.x",\n        "transit_encryption_enabled": true'),
    },
    {
      name: 'Terraform: the preferred mode; the fix requires TLS',
      tf: tfGroup('"transit_encryption_enabled": true,\n        "transit_encryption_mode": "preferred"'),
      errors: [{ messageId: 'preferred', message: TF_PREFERRED, text: '"preferred"' }],
      output: tfGroup('"transit_encryption_enabled": true,\n        "transit_encryption_mode": "required"'),
    },
    {
      name: 'plan: TLS off in the planned values',
      plan: planGroup(
        '{ "engine": "redis", "transit_encryption_enabled": false, "global_replication_group_id": null }',
      ),
      errors: [
        {
          messageId: 'disabled',
          message: inPlan(TF_DISABLED, 'aws_elasticache_replication_group.sessions'),
          text: 'false',
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
        'Cache:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties:\n    TransitEncryptionEnabled: true\n',
      ),
    },
    {
      name: 'block style without TransitEncryptionEnabled',
      yaml: group('Engine: valkey'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: group('Engine: valkey\n        TransitEncryptionEnabled: true'),
    },
    {
      name: 'block style, false',
      yaml: group('TransitEncryptionEnabled: false'),
      errors: [
        {
          messageId: 'disabled',
          message: DISABLED,
          underline: 'TransitEncryptionEnabled: false\n                          ~~~~~',
        },
      ],
      output: group('TransitEncryptionEnabled: true'),
    },
    {
      name: 'block style, mode preferred: the fix requires TLS',
      yaml: group('TransitEncryptionEnabled: true\n        TransitEncryptionMode: preferred'),
      errors: [{ messageId: 'preferred', message: PREFERRED, text: 'preferred' }],
      output: group('TransitEncryptionEnabled: true\n        TransitEncryptionMode: required'),
    },
    {
      name: 'flow style without TransitEncryptionEnabled',
      yaml: resourcesYaml(
        'C:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties: { ReplicationGroupDescription: s }\n',
      ),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(
        'C:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties: { ReplicationGroupDescription: s, TransitEncryptionEnabled: true }\n',
      ),
    },
    {
      name: 'flow style, preferred',
      yaml: resourcesYaml(
        'C:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties: { TransitEncryptionEnabled: true, TransitEncryptionMode: preferred }\n',
      ),
      errors: [{ messageId: 'preferred', text: 'preferred' }],
      output: resourcesYaml(
        'C:\n  Type: AWS::ElastiCache::ReplicationGroup\n  Properties: { TransitEncryptionEnabled: true, TransitEncryptionMode: required }\n',
      ),
    },
    {
      name: 'JSON, "false"',
      json: `
        {
          "Resources": {
            "C": {
              "Type": "AWS::ElastiCache::ReplicationGroup",
              "Properties": {
                "ReplicationGroupDescription": "sessions",
                "TransitEncryptionEnabled": "false"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output: `
        {
          "Resources": {
            "C": {
              "Type": "AWS::ElastiCache::ReplicationGroup",
              "Properties": {
                "ReplicationGroupDescription": "sessions",
                "TransitEncryptionEnabled": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, preferred',
      json: '{"Resources": {"C": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"TransitEncryptionEnabled": true, "TransitEncryptionMode": "preferred"}}}}',
      errors: [{ messageId: 'preferred', text: '"preferred"' }],
      output:
        '{"Resources": {"C": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"TransitEncryptionEnabled": true, "TransitEncryptionMode": "required"}}}}',
    },
    {
      name: 'Redis 2.8 cannot use TLS: reported, but no fix that would fail',
      yaml: group('EngineVersion: 2.8.24'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: null,
    },
    {
      name: 'a parameter default of false is what deploys; no fix rewrites the parameter',
      yaml: group(
        'TransitEncryptionEnabled: !Ref Tls',
        "Parameters:\n  Tls:\n    Type: String\n    Default: 'false'\n",
      ),
      errors: [
        {
          messageId: 'disabled',
          text: '!Ref Tls',
          message: `${DISABLED.replace(/\.$/, '')} (by the default of parameter Tls).`,
        },
      ],
      output: null,
    },
    {
      name: 'mode chosen by a condition: the branch is named, no fix',
      yaml: group(
        'TransitEncryptionEnabled: true\n        TransitEncryptionMode: !If [Prod, required, preferred]',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n',
      ),
      errors: [
        {
          messageId: 'preferred',
          text: 'preferred',
          line: 14,
          message: `${PREFERRED.replace(/\.$/, '')} (when condition Prod is false).`,
        },
      ],
      output: null,
    },
  ],
});
