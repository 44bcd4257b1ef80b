import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf, type Outcome } from '../../model/values';
import { attributeValues } from '../terraform-computed';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

export const efsEncryption = {
  meta: {
    id: 'encryption/efs-encryption',
    title: 'EFS file systems are encrypted at rest',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'The file system is not encrypted at rest: {{setting}} is not set, and {{creator}} creates the file system ' +
        'unencrypted when it is absent. Encryption cannot be added to an existing file system.',
      disabled:
        'The file system is not encrypted at rest: {{setting}} is false. Encryption cannot be added to an existing file ' +
        'system.',
    },
    rationale:
      'Data stored in file systems is the customer’s side of the shared-responsibility model. An unencrypted EFS file ' +
      'system keeps its files, and every backup and replica of it, in plaintext on AWS storage; encryption at rest ' +
      'is free, transparent to clients and required by most compliance baselines — but it can only be chosen when the ' +
      'file system is created, and CloudFormation, unlike the console, does not turn it on by default.',
    remediation:
      'Set Encrypted: true (with KmsKeyId for a customer-managed key). For a file system that already exists this ' +
      'creates a new, empty one: copy the data over (AWS DataSync, or a restore from AWS Backup into the new file ' +
      'system) and move the mount targets’ clients to it.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_42', match: 'equivalent' },
      { tool: 'cfnNag', id: 'F32', match: 'equivalent' },
      { tool: 'kics', id: '2ff8e83c-90e1-4d68-a300-6d652112e622', match: 'equivalent', name: 'EFS Not Encrypted' },
      { tool: 'cdkNag', id: 'AwsSolutions-EFS1', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0037', match: 'equivalent', name: 'aws-efs-enable-at-rest-encryption' },
    ],
    fix: 'suggestion',
    cdk: 'encrypted: true',
  },
  visitors: {
    cloudformation: {
      'AWS::EFS::FileSystem': (resource, context) =>
        checkFileSystem(resource, context, encryptedOf(resource, context, 'Encrypted'), CLOUDFORMATION),
    },
    terraform: {
      aws_efs_file_system: (resource, context) =>
        checkFileSystem(resource, context, attributeValues(resource, context, 'encrypted'), TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/** The setting and who creates the file system when it is absent, as each dialect says them. */
interface Names {
  readonly setting: string;
  readonly creator: string;
}

const CLOUDFORMATION: Names = { setting: 'Encrypted', creator: 'CloudFormation' };
// The AWS provider sends no Encrypted flag when the attribute is left out, and EFS's API default is unencrypted.
const TERRAFORM: Names = { setting: 'encrypted', creator: 'the AWS provider' };

function encryptedOf(resource: Resource, context: RuleContext<MessageId>, key: string): Outcome[] {
  return context.values.lookup(context.values.resolve(resource.properties, resource.anchor), key);
}

function checkFileSystem(
  resource: Resource,
  context: RuleContext<MessageId>,
  encryptedValues: readonly Outcome[],
  names: Names,
): void {
  // Create-only in both dialects (ForceNew in the AWS provider): the file system is replaced and starts empty.
  const title = `Encrypt the file system (${names.setting}: true) — replaces it with a new, empty one; copy the data over first`;
  // A fix is offered only where the finding holds in every deployment; otherwise which ones change is a person's call.
  const fixable = isUnconditional(encryptedValues);
  const data = { setting: names.setting, creator: names.creator };
  for (const encrypted of encryptedValues) {
    // KmsKeyId without Encrypted: true is refused by EFS; setting Encrypted is exactly what it asks for.
    const messageId = encrypted.kind === 'absent' ? 'missing' : truthOf(encrypted) === false ? 'disabled' : undefined;
    if (messageId === undefined) continue;
    const fixes = fixable ? propertyFix(resource, names.setting, encrypted, true, { title, safe: false }) : [];
    context.report({ node: encrypted.node, messageId, data, via: encrypted.via, fixes });
  }
}
