import { isUnconditional, literalIn, propertyFix } from '../../edits/propose';
import type { FixProposal } from '../../edits/changes';
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

type MessageId = 'missing' | 'disabled' | 'preferred';

export const elasticacheEncryptionInTransit = {
  meta: {
    id: 'encryption/elasticache-encryption-in-transit',
    title: 'ElastiCache replication groups accept only TLS connections',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'Cache traffic is not encrypted: {{setting}} is not set, and ElastiCache then serves clients and ' +
        'replicates between nodes in plaintext.',
      disabled:
        'Cache traffic is not encrypted: {{setting}} is false, so clients and replicas exchange data in ' +
        'plaintext.',
      preferred:
        'Cache traffic can be unencrypted: {{mode}} is preferred, so the group still accepts clients ' +
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
      'AWS::ElastiCache::ReplicationGroup': (resource, context) =>
        checkReplicationGroup(resource, context, CLOUDFORMATION_GROUP),
    },
    terraform: {
      aws_elasticache_replication_group: (resource, context) =>
        checkReplicationGroup(resource, context, TERRAFORM_GROUP),
    },
  },
} satisfies Rule<MessageId>;

/**
 * Either change updates the group in place on engines that support it, but clients that do not speak TLS are
 * refused from then on, so both are suggestions. The AWS provider replaces a group older than 7.0.5 to turn
 * encryption on, which its fix title says.
 */
function enableFix(names: ReplicationGroupNames): { title: string; safe: boolean } {
  const replaces = names === TERRAFORM_GROUP ? '; replaces a group whose engine is older than 7.0.5' : '';
  return { title: `Set ${names.transit}: true (clients must then connect with TLS${replaces})`, safe: false };
}

function requireTitle(names: ReplicationGroupNames): string {
  return `Set ${names.mode}: required (clients that connect without TLS are refused)`;
}

function checkReplicationGroup(
  resource: Resource,
  context: RuleContext<MessageId>,
  names: ReplicationGroupNames,
): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const engines = replicationGroupEngines(values, properties, names);
  const enabled = groupSetting(values, properties, names.transit, names);
  const modes = groupSetting(values, properties, names.mode, names);
  const versions = groupSetting(values, properties, names.version, names);
  const fixable = isUnconditional(engines) && versions.every(supportsEncryption);
  const data = { setting: names.transit, mode: names.mode };
  for (const engine of engines) {
    const name = engineName(engine);
    if (name !== 'redis' && name !== 'valkey') continue;
    for (const setting of along(enabled, engine.via)) {
      const truth = setting.kind === 'absent' ? false : truthOf(setting);
      if (truth === 'unknown') continue;
      if (!truth) {
        const fixes =
          fixable && isUnconditional(enabled)
            ? propertyFix(resource, names.transit, setting, true, enableFix(names))
            : [];
        const messageId = setting.kind === 'absent' ? 'missing' : 'disabled';
        context.report({ node: setting.node, messageId, data, via: setting.via, fixes });
        continue;
      }
      // The mode matters only where encryption is on; absent, it is required.
      for (const mode of along(modes, setting.via)) {
        if (stringOf(mode)?.toLowerCase() !== 'preferred') continue;
        const literal = literalIn(mode, resource);
        const fixes: FixProposal[] =
          literal !== undefined && isUnconditional(modes) && isUnconditional(enabled)
            ? [
                {
                  title: requireTitle(names),
                  safe: false,
                  changes: [{ kind: 'replace', node: literal, value: 'required' }],
                },
              ]
            : [];
        context.report({ node: mode.node, messageId: 'preferred', data, via: mode.via, fixes });
      }
    }
  }
}
