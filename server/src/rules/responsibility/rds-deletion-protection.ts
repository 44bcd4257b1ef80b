import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf, type Outcome } from '../../model/values';
import { combinations, unwritten } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

export const rdsDeletionProtection = {
  meta: {
    id: 'responsibility/rds-deletion-protection',
    title: 'RDS databases refuse deletion until protection is turned off',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        '{{setting}} is not set, and RDS defaults it to false: {{events}} deletes this {{kind}}. Keeping data ' +
        'recoverable is the customer’s job.',
      disabled:
        '{{setting}} is false: {{events}} deletes this {{kind}}. Keeping data recoverable is the customer’s job.',
    },
    rationale:
      'AWS never deletes a database on its own; deleting one by mistake — a stack torn down in the wrong account, an ' +
      'update that replaces the resource — is the customer’s risk in the shared-responsibility model. With deletion ' +
      'protection on, RDS refuses the deletion until someone turns it off on purpose.',
    remediation:
      'Set DeletionProtection: true (deletion_protection in Terraform). Deleting or replacing the database then needs an update that turns it off first.',
    references: [
      { tool: 'cfnNag', id: 'F80', match: 'equivalent', name: 'DB instances only' },
      { tool: 'cdkNag', id: 'AwsSolutions-RDS10', match: 'equivalent' },
      { tool: 'checkov', id: 'CKV_AWS_293', match: 'equivalent', name: 'Terraform aws_db_instance' },
      { tool: 'trivy', id: 'AVD-AWS-0177', match: 'equivalent', name: 'aws-rds-enable-deletion-protection' },
    ],
    fix: 'suggestion',
    cdk: 'deletionProtection: true',
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

/** One kind of database as a dialect writes it. */
interface Shape {
  readonly kind: 'DB instance' | 'DB cluster';
  readonly setting: string;
  /** What deletes the database in this dialect, for messages. */
  readonly events: string;
  /**
   * Settings that make an instance an Aurora member (deleted with, and protected by, its cluster: RDS ignores the
   * setting on it) or a read replica (deleting it loses no data — its source keeps it): either is not judged.
   */
  readonly members: readonly string[];
  readonly fixTitle: string;
  /** The data of every report, made once. */
  readonly data: { readonly kind: string; readonly setting: string; readonly events: string };
}

const CFN_EVENTS = 'a stack deletion, a replacing update or one API call';
const TF_EVENTS = 'terraform destroy, a replacing change or one API call';
const CFN_FIX = 'Protect the database from deletion (DeletionProtection: true) — stack deletion will then fail';
const TF_FIX = 'Protect the database from deletion (deletion_protection: true) — terraform destroy will then fail';

const CFN_INSTANCE: Shape = shape({
  kind: 'DB instance',
  setting: 'DeletionProtection',
  events: CFN_EVENTS,
  members: ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'],
  fixTitle: CFN_FIX,
});
const CFN_CLUSTER: Shape = shape({ ...CFN_INSTANCE, kind: 'DB cluster', members: [] });
// Aurora members are aws_rds_cluster_instance in Terraform, a type of their own; only replicas remain to leave out.
const TF_INSTANCE: Shape = shape({
  kind: 'DB instance',
  setting: 'deletion_protection',
  events: TF_EVENTS,
  members: ['replicate_source_db'],
  fixTitle: TF_FIX,
});
const TF_CLUSTER: Shape = shape({ ...TF_INSTANCE, kind: 'DB cluster', members: [] });

function shape(written: Omit<Shape, 'data'>): Shape {
  return { ...written, data: { kind: written.kind, setting: written.setting, events: written.events } };
}

function checkDatabase(resource: Resource, context: RuleContext<MessageId>, shape: Shape): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const protections = values.lookup(properties, shape.setting);
  // A database protected on every branch reports nothing: its members are not read, nor combined.
  if (!protections.some((protection) => protection.kind === 'absent' || truthOf(protection) === false)) return;
  // Members not written are absent on every branch, which fails no combination: only written ones are read.
  const members = shape.members
    .filter((key) => !unwritten(properties, key, context.template))
    .map((key) => values.lookup(properties, key));
  const fixable = isUnconditional(protections) && members.every(isUnconditional);
  for (const combination of combinations([protections, ...members])) {
    const protection = combination[0];
    if (protection === undefined || !allAbsent(combination)) continue;
    const absent = protection.kind === 'absent';
    if (!absent && truthOf(protection) !== false) continue;
    const fixes = fixable
      ? propertyFix(resource, shape.setting, protection, true, { title: shape.fixTitle, safe: false })
      : [];
    const messageId = absent ? 'missing' : 'disabled';
    context.report({ node: protection.node, messageId, data: shape.data, via: protection.via, fixes });
  }
}

/** Whether every value after the first (the members' settings) is absent. */
function allAbsent(combination: readonly Outcome[]): boolean {
  for (let i = 1; i < combination.length; i++) if (combination[i]?.kind !== 'absent') return false;
  return true;
}
