import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf, type Outcome } from '../../model/values';
import { attributeValues } from '../terraform-computed';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

export const redshiftEncryption = {
  meta: {
    id: 'encryption/redshift-encryption',
    title: 'Redshift clusters encrypt their data at rest',
    // Warning, per the absent-default policy: since January 2025 Redshift encrypts every new provisioned cluster.
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        '{{setting}} is not set. Since January 2025 Redshift encrypts new provisioned clusters by default (with an ' +
        'AWS-owned key), but a cluster created earlier from this template is unencrypted; the setting should be explicit.',
      disabled:
        'The data warehouse is not encrypted at rest: {{setting}} is false, so its disks, backups and snapshots are ' +
        'readable to anyone who obtains them, despite Redshift’s encrypted default.',
    },
    rationale:
      'Data stored on volumes is the customer’s side of the shared-responsibility model. A data warehouse holds the ' +
      'most data in one place; unencrypted, its node storage, automated and manual snapshots and cross-Region copies ' +
      'are plaintext. Redshift has encrypted new provisioned clusters by default since January 2025, but clusters ' +
      'created before then stay unencrypted until someone asks, and a template that leaves the choice out hides it ' +
      'from review.',
    remediation:
      'Set Encrypted: true (with KmsKeyId for a customer-managed key). On an existing unencrypted cluster Redshift ' +
      'migrates the data to encrypted storage in place: the cluster stays available read-only while it does, so plan ' +
      'the change for a quiet period.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_64', match: 'equivalent' },
      { tool: 'cfnNag', id: 'F28', match: 'equivalent' },
      { tool: 'kics', id: '3b316b05-564c-44a7-9c3f-405bb95e211e', match: 'equivalent', name: 'Redshift Not Encrypted' },
      { tool: 'cdkNag', id: 'AwsSolutions-RS6', match: 'equivalent' },
      {
        tool: 'cdkNag',
        id: 'NIST.800.53.R5-RedshiftClusterConfiguration',
        match: 'related',
        name: 'encryption and audit logging together',
      },
      // Related: trivy also requires a customer-managed key.
      { tool: 'trivy', id: 'AVD-AWS-0084', match: 'related', name: 'aws-redshift-encryption-customer-key' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::Redshift::Cluster': (resource, context) => {
        const properties = context.values.resolve(resource.properties, resource.anchor);
        const lookup = (key: string): Outcome[] => context.values.lookup(properties, key);
        checkCluster(resource, context, lookup('SnapshotIdentifier'), lookup('Encrypted'), 'Encrypted');
      },
    },
    terraform: {
      aws_redshift_cluster: (resource, context) => {
        const snapshots = attributeValues(resource, context, 'snapshot_identifier');
        checkCluster(resource, context, snapshots, attributeValues(resource, context, 'encrypted'), 'encrypted');
      },
    },
  },
} satisfies Rule<MessageId>;

/**
 * Encrypted updates the cluster in place (no replacement), but on a cluster created unencrypted Redshift then
 * migrates every block to encrypted storage and the cluster is read-only meanwhile, so the fix is a suggestion
 * even where it only writes down today's default.
 */
function fixFor(setting: string): { title: string; safe: boolean } {
  return {
    title: `Set ${setting}: true (an existing unencrypted cluster is migrated in place and read-only meanwhile)`,
    safe: false,
  };
}

/** `setting` is the dialect's name for the flag (`Encrypted`, `encrypted`), for messages and the fix. */
function checkCluster(
  resource: Resource,
  context: RuleContext<MessageId>,
  snapshots: readonly Outcome[],
  encrypted: readonly Outcome[],
  setting: string,
): void {
  // A cluster restored from a snapshot takes the snapshot's encryption, which the template cannot show.
  if (snapshots.some((value) => value.kind !== 'absent')) return;
  const fixable = isUnconditional(encrypted);
  const data = { setting };
  for (const value of encrypted) {
    const fixes = fixable ? propertyFix(resource, setting, value, true, fixFor(setting)) : [];
    if (value.kind === 'absent')
      context.report({ node: value.node, messageId: 'missing', data, via: value.via, fixes });
    else if (truthOf(value) === false)
      context.report({ node: value.node, messageId: 'disabled', data, via: value.via, fixes });
  }
}
