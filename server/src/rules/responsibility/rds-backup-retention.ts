import type { FixProposal } from '../../edits/changes';
import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { integerOf, stringOf, type Outcome } from '../../model/values';
import { combinations } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'disabled' | 'missing' | 'short';

/** AWS Backup and the RDS console's default, and what CIS-style baselines ask for: a week of restore points. */
const MINIMUM_DAYS = 7;

export const rdsBackupRetention = {
  meta: {
    id: 'responsibility/rds-backup-retention',
    title: 'RDS databases keep automated backups for at least 7 days',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      disabled:
        'BackupRetentionPeriod is 0, so automated backups of this DB instance are off: after a failure or a bad write ' +
        'there is no point-in-time restore, and the data is unrecoverable. Keeping data recoverable is the customer’s job.',
      missing:
        'BackupRetentionPeriod is not set, so CloudFormation keeps automated backups of this {{kind}} for 1 day only: a ' +
        'bad write noticed after a day cannot be undone. Keeping data recoverable is the customer’s job.',
      short:
        'BackupRetentionPeriod is {{days}} day(s), shorter than 7: a bad write noticed later than that cannot be undone. ' +
        'Keeping data recoverable is the customer’s job.',
    },
    rationale:
      'AWS keeps the storage under RDS durable, but restoring data after a failed deployment, a dropped table or ' +
      'ransomware is the customer’s side of the shared-responsibility model. Automated backups give point-in-time ' +
      'restore within the retention period only; CloudFormation’s default is 1 day, and 0 turns them off altogether.',
    remediation:
      'Set BackupRetentionPeriod to 7 or more (up to 35). Turning backups on from 0 briefly suspends I/O on some ' +
      'engines, and longer retention costs backup storage beyond the database’s size.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_133', match: 'related', name: 'Terraform: backups on, any retention' },
      { tool: 'cdkNag', id: 'AwsSolutions-RDS13', match: 'related', name: 'backups on, any retention' },
      { tool: 'trivy', id: 'AVD-AWS-0077', match: 'related', name: 'aws-rds-specify-backup-retention' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::RDS::DBInstance': checkDatabase,
      'AWS::RDS::DBCluster': checkDatabase,
    },
  },
} satisfies Rule<MessageId>;

function checkDatabase(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const isCluster = resource.type === 'AWS::RDS::DBCluster';
  const kind = isCluster ? 'DB cluster' : 'DB instance';
  // A cluster member's backups are the cluster's, and a read replica's restore point is its source: not judged.
  const owners = isCluster
    ? []
    : [
        values.lookup(properties, 'DBClusterIdentifier'),
        values.lookup(properties, 'SourceDBInstanceIdentifier'),
        values.lookup(properties, 'SourceDBClusterIdentifier'),
      ];
  const engines = values.lookup(properties, 'Engine');
  const retentions = values.lookup(properties, 'BackupRetentionPeriod');
  const fixable = isUnconditional(retentions) && owners.every(isUnconditional) && isUnconditional(engines);
  for (const combination of combinations([retentions, engines, ...owners])) {
    const [retention, engine, ...others] = combination;
    if (retention === undefined || engine === undefined) continue;
    if (others.some((owner) => owner.kind !== 'absent') || !standalone(engine, isCluster)) continue;
    const fixes = fixable ? retentionFix(resource, retention) : [];
    if (retention.kind === 'absent') {
      context.report({ node: retention.node, messageId: 'missing', data: { kind }, via: retention.via, fixes });
      continue;
    }
    const days = integerOf(retention);
    if (days === undefined || days >= MINIMUM_DAYS) continue;
    // A cluster cannot turn backups off (its minimum is 1), so 0 there is a short period, not "off".
    if (days === 0 && !isCluster) {
      context.report({ node: retention.node, messageId: 'disabled', via: retention.via, fixes });
    } else {
      context.report({ node: retention.node, messageId: 'short', data: { days }, via: retention.via, fixes });
    }
  }
}

/**
 * An instance is judged unless it is an Aurora member (its engine names Aurora: the cluster keeps the backups); an
 * engine that cannot be known might be Aurora, so it is not judged. Absent means the default, which is not Aurora.
 */
function standalone(engine: Outcome, isCluster: boolean): boolean {
  if (isCluster || engine.kind === 'absent') return true;
  const name = stringOf(engine);
  return name !== undefined && !name.toLowerCase().startsWith('aurora');
}

/**
 * BackupRetentionPeriod updates in place, but from 0 to a positive value RDS takes a snapshot and some engines
 * suspend I/O briefly; and longer retention costs storage. So a person decides: the fix is a suggestion.
 */
function retentionFix(resource: Resource, retention: Outcome): FixProposal[] {
  const title =
    retention.kind === 'scalar' && integerOf(retention) === 0
      ? `Keep automated backups for ${MINIMUM_DAYS} days (turning backups on briefly suspends I/O on some engines)`
      : `Keep automated backups for ${MINIMUM_DAYS} days (more backup storage)`;
  return propertyFix(resource, 'BackupRetentionPeriod', retention, MINIMUM_DAYS, { title, safe: false });
}
