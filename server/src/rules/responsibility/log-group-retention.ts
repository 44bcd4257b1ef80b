import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { integerOf } from '../../model/values';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'forever' | 'short';

/** One year: the shortest retention CIS, PCI DSS (10.5.1) and checkov's CKV_AWS_338 accept for audit evidence. */
const YEAR = 365;

const UNBOUNDED =
  'storage cost grows without bound, and personal data in the logs outlives any retention policy the customer has ' +
  'to enforce.';

export const logGroupRetention = {
  meta: {
    id: 'responsibility/log-group-retention',
    title: 'CloudWatch log groups keep logs for a bounded time of at least a year',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing: `{{setting}} is not set, and CloudWatch Logs then keeps every event forever: ${UNBOUNDED}`,
      forever: `{{setting}} is 0, which CloudWatch Logs reads as never expire: ${UNBOUNDED}`,
      short:
        '{{setting}} is {{days}}, less than a year, so the events are deleted before most intrusions are ' +
        'discovered, and the evidence an investigation needs is gone.',
    },
    rationale:
      'Deciding how long logs are kept is the customer’s side of the shared-responsibility model: AWS keeps what it is ' +
      'told to keep. Too short, and the evidence is gone before an intrusion is found — attackers often stay unnoticed ' +
      'for months, and PCI DSS and CIS ask for a year of logs. Unbounded, and storage cost grows forever while personal ' +
      'data in the logs outlives the retention the customer has promised to enforce.',
    remediation:
      'Set RetentionInDays (retention_in_days in Terraform) to 365 (or a longer allowed value: 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653). ' +
      'Export to S3 with a lifecycle rule for cheaper long-term storage.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_66', match: 'equivalent', name: 'reports an absent retention' },
      { tool: 'checkov', id: 'CKV_AWS_338', match: 'related', name: 'retention of at least 1 year' },
      { tool: 'cfnNag', id: 'W86', match: 'equivalent', name: 'reports an absent retention' },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod', match: 'related' },
    ],
    fix: 'suggestion',
    cdk: 'retention: logs.RetentionDays.ONE_YEAR',
  },
  visitors: {
    cloudformation: {
      'AWS::Logs::LogGroup': (group, context) => checkLogGroup(group, context, 'RetentionInDays'),
    },
    terraform: {
      aws_cloudwatch_log_group: (group, context) => checkLogGroup(group, context, 'retention_in_days'),
    },
  },
} satisfies Rule<MessageId>;

const addTitle = (setting: string): string =>
  `Keep logs for a year (${setting}: 365) — events older than a year are then deleted`;
const raiseTitle = (setting: string): string => `Keep logs for a year (${setting}: 365) — more storage to pay for`;

/**
 * `setting` is the dialect's name for the retention. Terraform's provider writes 0 for "never expire" (its default,
 * and what a plan shows when nothing is set), so 0 is the unbounded case, not a short one.
 */
function checkLogGroup(group: Resource, context: RuleContext<MessageId>, setting: string): void {
  const values = context.values;
  const retentions = values.lookup(values.resolve(group.properties, group.anchor), setting);
  const fixable = isUnconditional(retentions);
  for (const retention of retentions) {
    const days = integerOf(retention);
    const unbounded = retention.kind === 'absent' || (days === 0 && group.type === 'aws_cloudwatch_log_group');
    if (unbounded) {
      // Bounding retention deletes history someone may rely on: a suggestion, never applied in bulk.
      const fixes = fixable
        ? propertyFix(group, setting, retention, YEAR, { title: addTitle(setting), safe: false })
        : [];
      const messageId = retention.kind === 'absent' ? 'missing' : 'forever';
      context.report({ node: retention.node, messageId, data: { setting }, via: retention.via, fixes });
      continue;
    }
    if (days === undefined || days >= YEAR) continue;
    const fixes = fixable
      ? propertyFix(group, setting, retention, YEAR, { title: raiseTitle(setting), safe: false })
      : [];
    context.report({ node: retention.node, messageId: 'short', data: { days, setting }, via: retention.via, fixes });
  }
}
