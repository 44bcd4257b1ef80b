import { elasticacheEncryptionInTransit } from '../../../src/rules/encryption/elasticache-encryption-in-transit';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const MISSING =
  'Cache traffic is not encrypted: TransitEncryptionEnabled is not set, and ElastiCache then serves clients and ' +
  'replicates between nodes in plaintext.';
const DISABLED =
  'Cache traffic is not encrypted: TransitEncryptionEnabled is false, so clients and replicas exchange data in ' +
  'plaintext.';
const PREFERRED =
  'Cache traffic can be unencrypted: TransitEncryptionMode is preferred, so the group still accepts clients ' +
  'that connect without TLS.';

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
