import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf } from '../../model/values';
import { combinations } from '../branches';
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
        'DeletionProtection is not set, and RDS defaults it to false: a stack deletion, a replacing update or one API ' +
        'call deletes this {{kind}}. Keeping data recoverable is the customer’s job.',
      disabled:
        'DeletionProtection is false: a stack deletion, a replacing update or one API call deletes this {{kind}}. ' +
        'Keeping data recoverable is the customer’s job.',
    },
    rationale:
      'AWS never deletes a database on its own; deleting one by mistake — a stack torn down in the wrong account, an ' +
      'update that replaces the resource — is the customer’s risk in the shared-responsibility model. With deletion ' +
      'protection on, RDS refuses the deletion until someone turns it off on purpose.',
    remediation:
      'Set DeletionProtection: true. Deleting or replacing the database then needs an update that turns it off first.',
    references: [
      { tool: 'cfnNag', id: 'F80', match: 'equivalent', name: 'DB instances only' },
      { tool: 'cdkNag', id: 'AwsSolutions-RDS10', match: 'equivalent' },
      { tool: 'checkov', id: 'CKV_AWS_293', match: 'equivalent', name: 'Terraform aws_db_instance' },
      { tool: 'trivy', id: 'AVD-AWS-0177', match: 'equivalent', name: 'aws-rds-enable-deletion-protection' },
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

const FIX_TITLE = 'Protect the database from deletion (DeletionProtection: true) — stack deletion will then fail';

function checkDatabase(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const isCluster = resource.type === 'AWS::RDS::DBCluster';
  const kind = isCluster ? 'DB cluster' : 'DB instance';
  // An Aurora member is deleted with, and protected by, its cluster: RDS ignores the setting on it. Deleting a read
  // replica loses no data — its source keeps it — so replicas are not judged either.
  const members = isCluster
    ? []
    : ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'].map((key) =>
        values.lookup(properties, key),
      );
  const protections = values.lookup(properties, 'DeletionProtection');
  const fixable = isUnconditional(protections) && members.every(isUnconditional);
  for (const [protection, ...others] of combinations([protections, ...members])) {
    if (protection === undefined || others.some((other) => other.kind !== 'absent')) continue;
    const absent = protection.kind === 'absent';
    if (!absent && truthOf(protection) !== false) continue;
    const fixes = fixable
      ? propertyFix(resource, 'DeletionProtection', protection, true, { title: FIX_TITLE, safe: false })
      : [];
    const messageId = absent ? 'missing' : 'disabled';
    context.report({ node: protection.node, messageId, data: { kind }, via: protection.via, fixes });
  }
}
