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
      missing: `{{setting}} is not set, and CloudTrail leaves validation off unless asked, ${EFFECT}`,
      disabled: `{{setting}} is false, ${EFFECT}`,
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
    cdk: 'enableFileValidation: true',
  },
  visitors: {
    cloudformation: {
      'AWS::CloudTrail::Trail': (trail, context) => checkTrail(trail, context, 'EnableLogFileValidation'),
    },
    // The AWS provider leaves enable_log_file_validation false when it is absent, as CloudTrail does.
    terraform: {
      aws_cloudtrail: (trail, context) => checkTrail(trail, context, 'enable_log_file_validation'),
    },
  },
} satisfies Rule<MessageId>;

/** `setting`: the property as the template's dialect names it. */
function checkTrail(trail: Resource, context: RuleContext<MessageId>, setting: string): void {
  const values = context.values;
  const validations = values.lookup(values.resolve(trail.properties, trail.anchor), setting);
  const fixable = isUnconditional(validations);
  const title = `Validate log files (${setting}: true)`;
  for (const validation of validations) {
    if (validation.kind === 'absent') {
      // Adding the setting only adds digest files: safe in bulk.
      const fixes = fixable ? propertyFix(trail, setting, validation, true, { title, safe: true }) : [];
      context.report({ node: validation.node, messageId: 'missing', data: { setting }, via: validation.via, fixes });
    } else if (truthOf(validation) === false) {
      // An explicit false is someone's choice: turning it over is a suggestion, offered one at a time.
      const fixes = fixable ? propertyFix(trail, setting, validation, true, { title, safe: false }) : [];
      context.report({ node: validation.node, messageId: 'disabled', data: { setting }, via: validation.via, fixes });
    }
  }
}
