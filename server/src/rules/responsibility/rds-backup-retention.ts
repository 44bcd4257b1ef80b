import type { FixProposal } from '../../edits/changes';
import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { integerOf, stringOf, type Outcome } from '../../model/values';
import { combinations, unwritten } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'disabled' | 'missing' | 'missingOff' | 'short';

/** AWS Backup and the RDS console's default, and what CIS-style baselines ask for: a week of restore points. */
const MINIMUM_DAYS = 7;

const OFF =
  'after a failure or a bad write there is no point-in-time restore, and the data is unrecoverable. Keeping data ' +
  'recoverable is the customer’s job.';

export const rdsBackupRetention = {
  meta: {
    id: 'responsibility/rds-backup-retention',
    title: 'RDS databases keep automated backups for at least 7 days',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      disabled: `{{setting}} is 0, so automated backups of this DB instance are off: ${OFF}`,
      missing:
        '{{setting}} is not set, so {{deployer}} keeps automated backups of this {{kind}} for 1 day only: a ' +
        'bad write noticed after a day cannot be undone. Keeping data recoverable is the customer’s job.',
      missingOff: `{{setting}} is not set, and {{deployer}} then creates this DB instance with 0: automated backups are off: ${OFF}`,
      short:
        '{{setting}} is {{days}} day(s), shorter than 7: a bad write noticed later than that cannot be undone. ' +
        'Keeping data recoverable is the customer’s job.',
    },
    rationale:
      'AWS keeps the storage under RDS durable, but restoring data after a failed deployment, a dropped table or ' +
      'ransomware is the customer’s side of the shared-responsibility model. Automated backups give point-in-time ' +
      'restore within the retention period only; CloudFormation’s default is 1 day, and 0 turns them off altogether.',
    remediation:
      'Set BackupRetentionPeriod (backup_retention_period in Terraform) to 7 or more (up to 35). Turning backups on from 0 briefly suspends I/O on some ' +
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
      'AWS::RDS::DBInstance': (resource, context) => checkDatabase(resource, context, CFN_INSTANCE),
      'AWS::RDS::DBCluster': (resource, context) => checkDatabase(resource, context, CFN_CLUSTER),
    },
    terraform: {
      aws_db_instance: (resource, context) => checkDatabase(resource, context, TF_INSTANCE),
      aws_rds_cluster: (resource, context) => checkDatabase(resource, context, TF_CLUSTER),
    },
  },
} satisfies Rule<MessageId>;

/** One kind of database as a dialect writes it, and what deploys when the period is not set. */
interface Shape {
  readonly isCluster: boolean;
  readonly setting: string;
  readonly engine: string;
  /** A cluster member's backups are the cluster's, and a read replica's restore point is its source: not judged. */
  readonly owners: readonly string[];
  /** Who applies the default, for messages. */
  readonly deployer: string;
  /** The period deployed when the setting is absent. */
  readonly absentDays: 0 | 1;
}

const CFN_INSTANCE: Shape = {
  isCluster: false,
  setting: 'BackupRetentionPeriod',
  engine: 'Engine',
  owners: ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'],
  deployer: 'CloudFormation',
  absentDays: 1,
};
const CFN_CLUSTER: Shape = { ...CFN_INSTANCE, isCluster: true, owners: [] };
/**
 * The AWS provider sends `backup_retention_period` on every aws_db_instance it creates, 0 when unset — backups off —
 * while an aws_rds_cluster defaults to 1. Aurora members are aws_rds_cluster_instance, a type of their own.
 */
const TF_INSTANCE: Shape = {
  isCluster: false,
  setting: 'backup_retention_period',
  engine: 'engine',
  owners: ['replicate_source_db'],
  deployer: 'the AWS provider',
  absentDays: 0,
};
const TF_CLUSTER: Shape = { ...TF_INSTANCE, isCluster: true, owners: [], absentDays: 1 };

function checkDatabase(resource: Resource, context: RuleContext<MessageId>, shape: Shape): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  // In a plan the provider computes a period the configuration leaves out: that is the default, judged as absent.
  const retentions = values.lookup(properties, shape.setting);
  // A period of a week or more on every branch reports nothing: the engine and owners are not read, nor combined.
  if (!retentions.some(mayReport)) return;
  const kind = shape.isCluster ? 'DB cluster' : 'DB instance';
  // Owners not written are absent on every branch, which fails no combination: only written ones are read.
  const owners = shape.owners
    .filter((key) => !unwritten(properties, key, context.template))
    .map((key) => values.lookup(properties, key));
  const engines = values.lookup(properties, shape.engine);
  const fixable = isUnconditional(retentions) && owners.every(isUnconditional) && isUnconditional(engines);
  const { setting, deployer } = shape;
  for (const combination of combinations([retentions, engines, ...owners])) {
    const retention = combination[0];
    const engine = combination[1];
    if (retention === undefined || engine === undefined) continue;
    if (!ownersAbsent(combination) || !standalone(engine, shape.isCluster)) continue;
    if (retention.kind === 'absent') {
      const fixes = fixable ? retentionFix(resource, retention, shape, shape.absentDays) : [];
      const messageId = shape.absentDays === 0 ? 'missingOff' : 'missing';
      context.report({ node: retention.node, messageId, data: { kind, setting, deployer }, via: retention.via, fixes });
      continue;
    }
    const days = integerOf(retention);
    if (days === undefined || days >= MINIMUM_DAYS) continue;
    const fixes = fixable ? retentionFix(resource, retention, shape, days) : [];
    // A cluster cannot turn backups off (its minimum is 1), so 0 there is a short period, not "off".
    if (days === 0 && !shape.isCluster) {
      context.report({ node: retention.node, messageId: 'disabled', data: { setting }, via: retention.via, fixes });
    } else {
      context.report({ node: retention.node, messageId: 'short', data: { days, setting }, via: retention.via, fixes });
    }
  }
}

/** Whether a period can earn a report: absent, or a whole number of days under the minimum. */
function mayReport(retention: Outcome): boolean {
  if (retention.kind === 'absent') return true;
  const days = integerOf(retention);
  return days !== undefined && days < MINIMUM_DAYS;
}

/** Whether the owners' values (after the period and the engine) are all absent: a database of its own. */
function ownersAbsent(combination: readonly Outcome[]): boolean {
  for (let i = 2; i < combination.length; i++) if (combination[i]?.kind !== 'absent') return false;
  return true;
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
function retentionFix(resource: Resource, retention: Outcome, shape: Shape, days: number): FixProposal[] {
  const title =
    days === 0
      ? `Keep automated backups for ${MINIMUM_DAYS} days (turning backups on briefly suspends I/O on some engines)`
      : `Keep automated backups for ${MINIMUM_DAYS} days (more backup storage)`;
  return propertyFix(resource, shape.setting, retention, MINIMUM_DAYS, { title, safe: false });
}
