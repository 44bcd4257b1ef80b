import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import type { Rule, RuleContext } from '../types';
import { reportUpgradeTurnedOff, type UpgradeSetting } from '../version-upgrade';

type MessageId = 'disabled';

export const rdsAutoMinorVersionUpgrade = {
  meta: {
    id: 'responsibility/rds-auto-minor-version-upgrade',
    title: 'RDS databases take minor engine upgrades automatically',
    severity: 'warning',
    responsibility: 'guest-os',
    messages: {
      disabled:
        '{{setting}} is false, so the {{kind}} will not receive the minor engine versions AWS releases, ' +
        'which carry security fixes; patching the database engine is the customer’s job, and nothing else will do it.',
    },
    rationale:
      'AWS patches the hosts under RDS, but which engine version runs — and so whether its security fixes are applied — ' +
      'is the customer’s side of the shared-responsibility model. Minor versions are where engine vendors ship fixes ' +
      'for published vulnerabilities; with automatic minor upgrades off, a database stays on the version it was created ' +
      'with until someone upgrades it by hand, and RDS eventually forces the upgrade when that version reaches its end ' +
      'of standard support, at a time of its choosing.',
    remediation:
      'Remove AutoMinorVersionUpgrade: false (AWS’s default is true) or set it to true, and choose a ' +
      'PreferredMaintenanceWindow that suits the workload. If upgrades must be tested first, keep the setting off only ' +
      'with a written patching process, and say so in a suppression.',
    references: [
      {
        tool: 'checkov',
        id: 'CKV_AWS_226',
        match: 'equivalent',
        name: 'Terraform aws_db_instance and aws_rds_cluster_instance',
      },
      {
        tool: 'kics',
        id: 'f0104061-8bfc-4b45-8a7d-630eb502f281',
        match: 'equivalent',
        name: 'also reports the property absent',
      },
      { tool: 'cdkNag', id: 'HIPAA.Security-RDSAutomaticMinorVersionUpgradeEnabled', match: 'equivalent' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::RDS::DBInstance': checkDatabase,
      // The property exists on Multi-AZ DB clusters; Aurora clusters take it per instance.
      'AWS::RDS::DBCluster': checkDatabase,
    },
    // The AWS provider defaults auto_minor_version_upgrade to true, as AWS does: only an explicit false reports.
    terraform: {
      aws_db_instance: checkDatabase,
      aws_rds_cluster_instance: checkDatabase,
      aws_rds_cluster: checkDatabase,
    },
  },
} satisfies Rule<MessageId>;

/** The setting and the engine, as each dialect names them. */
const CLOUDFORMATION = { setting: 'AutoMinorVersionUpgrade', engine: 'Engine' };
const TERRAFORM = { setting: 'auto_minor_version_upgrade', engine: 'engine' };
const CLUSTERS: readonly string[] = ['AWS::RDS::DBCluster', 'aws_rds_cluster'];

/** What `reportUpgradeTurnedOff` reads, per dialect and kind of database: made once rather than per visit. */
function upgradeSetting(names: typeof CLOUDFORMATION, kind: string): UpgradeSetting<MessageId> {
  return {
    property: names.setting,
    messageId: 'disabled',
    data: { kind },
    fixTitle: `Let RDS apply minor engine upgrades (${names.setting}: true) — changes a deliberate setting`,
    // A fix is offered only where the finding holds in every deployment: true would break an RDS Custom branch.
    scope: [names.engine],
    applies: ([engine]) => (engine !== undefined && patchable(engine) ? 'yes' : 'unknown'),
  };
}

const SETTINGS = {
  cloudformation: {
    instance: upgradeSetting(CLOUDFORMATION, 'DB instance'),
    cluster: upgradeSetting(CLOUDFORMATION, 'DB cluster'),
  },
  terraform: { instance: upgradeSetting(TERRAFORM, 'DB instance'), cluster: upgradeSetting(TERRAFORM, 'DB cluster') },
};

function checkDatabase(resource: Resource, context: RuleContext<MessageId>): void {
  const settings = context.template.dialect === 'terraform' ? SETTINGS.terraform : SETTINGS.cloudformation;
  reportUpgradeTurnedOff(resource, context, CLUSTERS.includes(resource.type) ? settings.cluster : settings.instance);
}

/**
 * RDS Custom engines (`custom-oracle-ee`, `custom-sqlserver-se`, …) require AutoMinorVersionUpgrade: false — the
 * customer patches them by design — so an engine that is one, or may be one (unknown), is not judged. An absent
 * Engine (a replica or a restore takes its source's) is judged: an RDS Custom replica left unnamed is the rare case,
 * and a suppression covers it.
 */
function patchable(engine: Outcome): boolean {
  if (engine.kind === 'absent') return true;
  const name = stringOf(engine);
  return name !== undefined && !name.toLowerCase().startsWith('custom-');
}
