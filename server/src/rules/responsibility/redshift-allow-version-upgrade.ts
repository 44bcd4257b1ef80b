import type { Resource } from '../../model/template';
import type { Rule, RuleContext } from '../types';
import { reportUpgradeTurnedOff } from '../version-upgrade';

type MessageId = 'disabled';

export const redshiftAllowVersionUpgrade = {
  meta: {
    id: 'responsibility/redshift-allow-version-upgrade',
    title: 'Redshift clusters take engine upgrades in their maintenance window',
    severity: 'warning',
    responsibility: 'guest-os',
    messages: {
      disabled:
        '{{setting}} is false, so the Redshift cluster will not receive the engine versions AWS releases, ' +
        'which carry security fixes; keeping the warehouse engine patched is the customer’s job, and nothing else will do it.',
    },
    rationale:
      'AWS runs the hardware under a provisioned Redshift cluster, but whether the cluster takes new engine versions — ' +
      'and so their security fixes — is the customer’s side of the shared-responsibility model. With version upgrades ' +
      'off, the cluster stays on the version it runs until someone upgrades it by hand.',
    remediation:
      'Remove AllowVersionUpgrade: false (AWS’s default is true) or set it to true, choose a ' +
      'PreferredMaintenanceWindow that suits the workload, and use MaintenanceTrackName (current or trailing) to control ' +
      'how soon new versions arrive.',
    references: [
      {
        tool: 'checkov',
        id: 'CKV_AWS_141',
        match: 'equivalent',
        name: 'Terraform aws_redshift_cluster allow_version_upgrade',
      },
      { tool: 'cdkNag', id: 'AwsSolutions-RS9', match: 'equivalent' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: { 'AWS::Redshift::Cluster': checkCluster },
    // The AWS provider defaults allow_version_upgrade to true, as AWS does: only an explicit false reports.
    terraform: { aws_redshift_cluster: checkCluster },
  },
} satisfies Rule<MessageId>;

function checkCluster(resource: Resource, context: RuleContext<MessageId>): void {
  const setting = context.template.dialect === 'terraform' ? 'allow_version_upgrade' : 'AllowVersionUpgrade';
  reportUpgradeTurnedOff(resource, context, {
    property: setting,
    messageId: 'disabled',
    fixTitle: `Let Redshift apply engine upgrades (${setting}: true) — changes a deliberate setting`,
  });
}
