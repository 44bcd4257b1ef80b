import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf } from '../../model/values';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

const EFFECT =
  'so CloudTrail writes no digest files and a log file altered or deleted in the bucket cannot be told from a genuine one.';

export const cloudtrailLogValidation = {
  meta: {
    id: 'responsibility/cloudtrail-log-validation',
    title: 'CloudTrail trails validate their log files',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing: `EnableLogFileValidation is not set, and CloudTrail leaves validation off unless asked, ${EFFECT}`,
      disabled: `EnableLogFileValidation is false, ${EFFECT}`,
    },
    rationale:
      'AWS records the API calls; keeping that record trustworthy is the customer’s side of the shared-responsibility ' +
      'model. An intruder with write access to the trail’s bucket edits or deletes the log files that show what they ' +
      'did. With validation on, CloudTrail signs an hourly digest of every log file it delivered, and ' +
      '`aws cloudtrail validate-logs` then proves which files were changed, deleted or forged.',
    remediation:
      'Set EnableLogFileValidation: true. CloudTrail then adds digest files under the same prefix; nothing else changes ' +
      'and the trail keeps running. Keep the digests where the intruder cannot reach them (Object Lock, another account).',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_36', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0016', match: 'equivalent', name: 'aws-cloudtrail-enable-log-validation' },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-CloudTrailLogFileValidationEnabled', match: 'equivalent' },
    ],
    fix: 'safe',
  },
  visitors: {
    cloudformation: {
      'AWS::CloudTrail::Trail': checkTrail,
    },
  },
} satisfies Rule<MessageId>;

const FIX_TITLE = 'Validate log files (EnableLogFileValidation: true)';

function checkTrail(trail: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const validations = values.lookup(values.resolve(trail.properties, trail.anchor), 'EnableLogFileValidation');
  const fixable = isUnconditional(validations);
  for (const validation of validations) {
    if (validation.kind === 'absent') {
      // Adding the setting only adds digest files: safe in bulk.
      const fixes = fixable
        ? propertyFix(trail, 'EnableLogFileValidation', validation, true, { title: FIX_TITLE, safe: true })
        : [];
      context.report({ node: validation.node, messageId: 'missing', via: validation.via, fixes });
    } else if (truthOf(validation) === false) {
      // An explicit false is someone's choice: turning it over is a suggestion, offered one at a time.
      const fixes = fixable
        ? propertyFix(trail, 'EnableLogFileValidation', validation, true, { title: FIX_TITLE, safe: false })
        : [];
      context.report({ node: validation.node, messageId: 'disabled', via: validation.via, fixes });
    }
  }
}
