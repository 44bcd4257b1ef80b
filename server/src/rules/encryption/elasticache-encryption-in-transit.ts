import { isUnconditional, literalIn, propertyFix } from '../../edits/propose';
import type { FixProposal } from '../../edits/changes';
import type { Resource } from '../../model/template';
import { stringOf, truthOf } from '../../model/values';
import { along } from '../branches';
import type { Rule, RuleContext } from '../types';
import { replicationGroupEngines, supportsEncryption } from './elasticache-encryption-at-rest';

type MessageId = 'missing' | 'disabled' | 'preferred';

export const elasticacheEncryptionInTransit = {
  meta: {
    id: 'encryption/elasticache-encryption-in-transit',
    title: 'ElastiCache replication groups accept only TLS connections',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'Cache traffic is not encrypted: TransitEncryptionEnabled is not set, and ElastiCache then serves clients and ' +
        'replicates between nodes in plaintext.',
      disabled:
        'Cache traffic is not encrypted: TransitEncryptionEnabled is false, so clients and replicas exchange data in ' +
        'plaintext.',
      preferred:
        'Cache traffic can be unencrypted: TransitEncryptionMode is preferred, so the group still accepts clients ' +
        'that connect without TLS.',
    },
    rationale:
      'Data in transit is the customer’s side of the shared-responsibility model. Without in-transit encryption, ' +
      'every command, cached value and AUTH token crosses the network in plaintext, readable and changeable by ' +
      'anyone on the path, and Redis OSS AUTH and RBAC cannot be used at all. The preferred mode exists only to ' +
      'migrate clients: while it is set, plaintext connections are still accepted.',
    remediation:
      'Set TransitEncryptionEnabled: true (TransitEncryptionMode then defaults to required) and connect every client ' +
      'with TLS. To switch an existing group without downtime, first set TransitEncryptionMode: preferred, move the ' +
      'clients to TLS, then set it to required.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_30', match: 'equivalent' },
      { tool: 'cfnNag', id: 'F33', match: 'equivalent' },
      { tool: 'cdkNag', id: 'AwsSolutions-AEC3', match: 'related', name: 'requires transit and at-rest together' },
      {
        tool: 'trivy',
        id: 'AVD-AWS-0051',
        match: 'equivalent',
        name: 'aws-elasticache-enable-in-transit-encryption',
      },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::ElastiCache::ReplicationGroup': checkReplicationGroup,
    },
  },
} satisfies Rule<MessageId>;

/**
 * Either change updates the group in place on engines that support it, but clients that do not speak TLS are
 * refused from then on, so both are suggestions.
 */
const ENABLE = {
  title: 'Set TransitEncryptionEnabled: true (clients must then connect with TLS)',
  safe: false,
};
const REQUIRE_TITLE = 'Set TransitEncryptionMode: required (clients that connect without TLS are refused)';

function checkReplicationGroup(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const engines = replicationGroupEngines(values, properties);
  const enabled = values.lookup(properties, 'TransitEncryptionEnabled');
  const modes = values.lookup(properties, 'TransitEncryptionMode');
  const versions = values.lookup(properties, 'EngineVersion');
  const fixable = isUnconditional(engines) && versions.every(supportsEncryption);
  for (const engine of engines) {
    const name = engine.kind === 'absent' ? 'redis' : stringOf(engine)?.toLowerCase();
    if (name !== 'redis' && name !== 'valkey') continue;
    for (const setting of along(enabled, engine.via)) {
      const truth = setting.kind === 'absent' ? false : truthOf(setting);
      if (truth === 'unknown') continue;
      if (!truth) {
        const fixes =
          fixable && isUnconditional(enabled)
            ? propertyFix(resource, 'TransitEncryptionEnabled', setting, true, ENABLE)
            : [];
        const messageId = setting.kind === 'absent' ? 'missing' : 'disabled';
        context.report({ node: setting.node, messageId, via: setting.via, fixes });
        continue;
      }
      // The mode matters only where encryption is on; absent, it is required.
      for (const mode of along(modes, setting.via)) {
        if (stringOf(mode)?.toLowerCase() !== 'preferred') continue;
        const literal = literalIn(mode, resource);
        const fixes: FixProposal[] =
          literal !== undefined && isUnconditional(modes) && isUnconditional(enabled)
            ? [{ title: REQUIRE_TITLE, safe: false, changes: [{ kind: 'replace', node: literal, value: 'required' }] }]
            : [];
        context.report({ node: mode.node, messageId: 'preferred', via: mode.via, fixes });
      }
    }
  }
}
