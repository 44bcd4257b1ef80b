import type { Resource } from '../../model/template';
import { blankAsAbsent } from '../terraform-attributes';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing';

export const cloudtrailKms = {
  meta: {
    id: 'encryption/cloudtrail-kms',
    title: 'CloudTrail trails encrypt their log files with a KMS key',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        'The trail’s log files are protected only by S3 permissions: {{setting}} is not set, so CloudTrail falls back to ' +
        'its default, SSE-S3 (S3-managed keys), and anyone who can read the bucket can read the audit trail.',
    },
    rationale:
      'The audit trail is the customer’s record of who did what in the account, and protecting it is the customer’s ' +
      'side of the shared-responsibility model. By default CloudTrail log files are encrypted with SSE-S3, which ' +
      'guards against lost disks but not against a reader with s3:GetObject on the bucket — a broad bucket policy, a ' +
      'replication target or a leaked role is enough to read every API call. SSE-KMS adds a second, separate ' +
      'permission (kms:Decrypt) and logs every use of the key; CIS AWS Foundations requires it for trails.',
    remediation:
      'Create a customer-managed KMS key whose key policy lets cloudtrail.amazonaws.com call kms:GenerateDataKey* ' +
      '(scoped with aws:SourceArn to the trail) and lets the log readers call kms:Decrypt, then set KMSKeyId to the ' +
      'key’s ARN or alias. The update needs no interruption; files already delivered stay SSE-S3.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_35', match: 'equivalent' },
      { tool: 'kics', id: '050a9ba8-d1cb-4c61-a5e8-8805a70d3b85', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0015', match: 'equivalent', name: 'aws-cloudtrail-enable-at-rest-encryption' },
    ],
    // A key the trail can use needs a key policy written for this account and its readers: not for a fix to invent.
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::CloudTrail::Trail': (resource, context) => checkTrail(resource, context, 'KMSKeyId'),
    },
    terraform: {
      aws_cloudtrail: (resource, context) => checkTrail(resource, context, 'kms_key_id'),
    },
  },
} satisfies Rule<MessageId>;

/** `setting`: the key attribute as the dialect names it; an empty one (Terraform state's unset) is none. */
function checkTrail(resource: Resource, context: RuleContext<MessageId>, setting: string): void {
  const values = context.values;
  for (const key of blankAsAbsent(values.lookup(values.resolve(resource.properties, resource.anchor), setting))) {
    if (key.kind === 'absent')
      context.report({ node: key.node, messageId: 'missing', data: { setting }, via: key.via });
  }
}
