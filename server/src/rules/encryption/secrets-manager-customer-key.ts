import type { Resource } from '../../model/template';
import { stringOf } from '../../model/values';
import { blankAsAbsent } from '../terraform-attributes';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'awsManaged';

/** How a template can name the AWS managed key of Secrets Manager, which is what an absent KmsKeyId means. */
const AWS_MANAGED = /(^|:)(alias\/)?aws\/secretsmanager$/;

export const secretsManagerCustomerKey = {
  meta: {
    id: 'encryption/secrets-manager-customer-key',
    title: 'Secrets Manager secrets use a customer-managed KMS key',
    severity: 'info',
    responsibility: 'data',
    messages: {
      missing:
        'The secret is encrypted with the AWS managed key aws/secretsmanager: {{setting}} is not set. A customer-managed ' +
        'key lets you decide and audit who can decrypt it, and is required to share the secret with another account.',
      awsManaged:
        'The secret is encrypted with the AWS managed key aws/secretsmanager. A customer-managed key lets you decide and ' +
        'audit who can decrypt it, and is required to share the secret with another account.',
    },
    rationale:
      'Secrets Manager always encrypts secrets, so nothing is stored in plaintext; what the customer controls is who ' +
      'can decrypt them. The AWS managed key’s policy cannot be changed: every principal of the account that may call ' +
      'secretsmanager:GetSecretValue can decrypt, no principal of another account ever can, and the key cannot be ' +
      'disabled to cut off access. A customer-managed key adds a policy you write and cross-account use. Advice ' +
      'rather than a gap, hence info.',
    remediation:
      'Create a customer-managed KMS key whose key policy lets the secret’s readers call kms:Decrypt (through ' +
      'kms:ViaService secretsmanager.<region>.amazonaws.com), then set KmsKeyId to it. Secrets Manager re-encrypts ' +
      'the current version with the new key; readers without kms:Decrypt on it lose access.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_149', match: 'equivalent' },
      { tool: 'cfnNag', id: 'W77', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0098', match: 'equivalent', name: 'aws-ssm-secret-use-customer-key' },
    ],
    // A key for a secret needs a key policy that names its readers: not for a fix to invent.
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::SecretsManager::Secret': (resource, context) => checkSecret(resource, context, 'KmsKeyId'),
    },
    terraform: {
      aws_secretsmanager_secret: (resource, context) => checkSecret(resource, context, 'kms_key_id'),
    },
  },
} satisfies Rule<MessageId>;

/** `setting`: the key attribute as the dialect names it; an empty one (Terraform state's unset) is none. */
function checkSecret(resource: Resource, context: RuleContext<MessageId>, setting: string): void {
  const values = context.values;
  for (const key of blankAsAbsent(values.lookup(values.resolve(resource.properties, resource.anchor), setting))) {
    if (key.kind === 'absent')
      context.report({ node: key.node, messageId: 'missing', data: { setting }, via: key.via });
    else if (AWS_MANAGED.test(stringOf(key) ?? ''))
      context.report({ node: key.node, messageId: 'awsManaged', via: key.via });
  }
}
