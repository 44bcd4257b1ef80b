import type { Resource } from '../../model/template';
import { blankAsAbsent } from '../terraform-attributes';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing';

export const logGroupKms = {
  meta: {
    id: 'encryption/log-group-kms',
    title: 'CloudWatch Logs log groups use a customer-managed KMS key',
    severity: 'info',
    responsibility: 'data',
    messages: {
      missing:
        'The log group is encrypted with CloudWatch Logs’ service-managed keys: {{setting}} is not set. A customer-managed ' +
        'KMS key would let you decide and audit who can read the log data, and revoke that access by disabling the key.',
    },
    rationale:
      'CloudWatch Logs always encrypts log data at rest, so nothing is stored in plaintext; what the customer controls ' +
      'is who can decrypt it. Logs often carry personal data, tokens and request bodies. With the service-managed ' +
      'keys, anyone with logs:GetLogEvents reads them; a customer-managed key adds kms:Decrypt as a second, ' +
      'separately granted permission, records every use in CloudTrail, and can be disabled to cut off access at once. ' +
      'Advice rather than a gap, hence info — as requiring a customer key is for S3.',
    remediation:
      'Create a KMS key whose key policy allows logs.<region>.amazonaws.com to use it (kms:Encrypt*, kms:Decrypt*, ' +
      'kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*), scoped with kms:EncryptionContext:aws:logs:arn, then set ' +
      'KmsKeyId to the key’s ARN. New log events are encrypted with it; existing ones keep their key.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_158', match: 'equivalent' },
      { tool: 'cfnNag', id: 'W84', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0017', match: 'equivalent', name: 'aws-cloudwatch-log-group-customer-key' },
    ],
    // The key's policy must name the logs service principal of the Region: not for a fix to invent.
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::Logs::LogGroup': (resource, context) => checkLogGroup(resource, context, 'KmsKeyId'),
    },
    terraform: {
      aws_cloudwatch_log_group: (resource, context) => checkLogGroup(resource, context, 'kms_key_id'),
    },
  },
} satisfies Rule<MessageId>;

/** `setting`: the key attribute as the dialect names it; an empty one (Terraform state's unset) is none. */
function checkLogGroup(resource: Resource, context: RuleContext<MessageId>, setting: string): void {
  const values = context.values;
  for (const key of blankAsAbsent(values.lookup(values.resolve(resource.properties, resource.anchor), setting))) {
    if (key.kind === 'absent')
      context.report({ node: key.node, messageId: 'missing', data: { setting }, via: key.via });
  }
}
