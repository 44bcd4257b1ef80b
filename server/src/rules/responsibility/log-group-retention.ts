import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { integerOf } from '../../model/values';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'short';

/** One year: the shortest retention CIS, PCI DSS (10.5.1) and checkov's CKV_AWS_338 accept for audit evidence. */
const YEAR = 365;

export const logGroupRetention = {
  meta: {
    id: 'responsibility/log-group-retention',
    title: 'CloudWatch log groups keep logs for a bounded time of at least a year',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        'RetentionInDays is not set, and CloudWatch Logs then keeps every event forever: storage cost grows without ' +
        'bound, and personal data in the logs outlives any retention policy the customer has to enforce.',
      short:
        'RetentionInDays is {{days}}, less than a year, so the events are deleted before most intrusions are ' +
        'discovered, and the evidence an investigation needs is gone.',
    },
    rationale:
      'Deciding how long logs are kept is the customer’s side of the shared-responsibility model: AWS keeps what it is ' +
      'told to keep. Too short, and the evidence is gone before an intrusion is found — attackers often stay unnoticed ' +
      'for months, and PCI DSS and CIS ask for a year of logs. Unbounded, and storage cost grows forever while personal ' +
      'data in the logs outlives the retention the customer has promised to enforce.',
    remediation:
      'Set RetentionInDays: 365 (or a longer allowed value: 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653). ' +
      'Export to S3 with a lifecycle rule for cheaper long-term storage.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_66', match: 'equivalent', name: 'reports an absent retention' },
      { tool: 'checkov', id: 'CKV_AWS_338', match: 'related', name: 'retention of at least 1 year' },
      { tool: 'cfnNag', id: 'W86', match: 'equivalent', name: 'reports an absent retention' },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod', match: 'related' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::Logs::LogGroup': checkLogGroup,
    },
  },
} satisfies Rule<MessageId>;

const ADD_TITLE = 'Keep logs for a year (RetentionInDays: 365) — events older than a year are then deleted';
const RAISE_TITLE = 'Keep logs for a year (RetentionInDays: 365) — more storage to pay for';

function checkLogGroup(group: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const retentions = values.lookup(values.resolve(group.properties, group.anchor), 'RetentionInDays');
  const fixable = isUnconditional(retentions);
  for (const retention of retentions) {
    if (retention.kind === 'absent') {
      // Bounding retention deletes history someone may rely on: a suggestion, never applied in bulk.
      const fixes = fixable
        ? propertyFix(group, 'RetentionInDays', retention, YEAR, { title: ADD_TITLE, safe: false })
        : [];
      context.report({ node: retention.node, messageId: 'missing', via: retention.via, fixes });
      continue;
    }
    const days = integerOf(retention);
    if (days === undefined || days >= YEAR) continue;
    const fixes = fixable
      ? propertyFix(group, 'RetentionInDays', retention, YEAR, { title: RAISE_TITLE, safe: false })
      : [];
    context.report({ node: retention.node, messageId: 'short', data: { days }, via: retention.via, fixes });
  }
}
