import type { FixProposal } from '../../edits/changes';
import { isUnconditional } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome } from '../../model/values';
import { combinations } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'disabled';

export const rdsAutoMinorVersionUpgrade = {
  meta: {
    id: 'responsibility/rds-auto-minor-version-upgrade',
    title: 'RDS databases take minor engine upgrades automatically',
    severity: 'warning',
    responsibility: 'guest-os',
    messages: {
      disabled:
        'AutoMinorVersionUpgrade is false, so the {{kind}} will not receive the minor engine versions AWS releases, ' +
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
  },
} satisfies Rule<MessageId>;

const FIX_TITLE = 'Let RDS apply minor engine upgrades (AutoMinorVersionUpgrade: true) — changes a deliberate setting';

function checkDatabase(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const kind = resource.type === 'AWS::RDS::DBCluster' ? 'DB cluster' : 'DB instance';
  const engines = values.lookup(properties, 'Engine');
  const upgrades = values.lookup(properties, 'AutoMinorVersionUpgrade');
  // A fix is offered only where the finding holds in every deployment: true would break an RDS Custom branch.
  const fixable = isUnconditional(upgrades) && engines.every(patchable);
  for (const [engine, upgrade] of combinations([engines, upgrades])) {
    if (engine === undefined || upgrade === undefined || truthOf(upgrade) !== false || !patchable(engine)) continue;
    const fixes = fixable ? replaceFix(upgrade) : [];
    context.report({ node: upgrade.node, messageId: 'disabled', data: { kind }, via: upgrade.via, fixes });
  }
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

/** Replaces a literal `false` written on the property itself; a parameter's value is a person's call. */
function replaceFix(value: Outcome): FixProposal[] {
  if (value.kind !== 'scalar' || value.source !== value.node) return [];
  return [{ title: FIX_TITLE, safe: false, changes: [{ kind: 'replace', node: value.source, value: true }] }];
}
