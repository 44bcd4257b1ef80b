import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf, type Outcome } from '../../model/values';
import { combinations } from '../branches';
import { ebsEncryptionByDefault } from '../ebs-default-encryption';
import { attributeValues } from '../terraform-computed';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

export const ebsVolumeEncryption = {
  meta: {
    id: 'encryption/ebs-volume-encryption',
    title: 'EBS volumes are encrypted',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'The volume is not encrypted: {{setting}} is not set, and EC2 creates the volume unencrypted unless the account ' +
        'has turned on EBS encryption by default, which the template cannot know. Encryption cannot be added to an ' +
        'existing volume.',
      disabled:
        'The volume is not encrypted: {{setting}} is false (EBS encryption by default, if the account has turned it on, ' +
        'would still encrypt it, but the template cannot know). Encryption cannot be added to an existing volume.',
    },
    rationale:
      'Data stored on volumes is the customer’s side of the shared-responsibility model. An unencrypted EBS volume leaves ' +
      'its blocks, every snapshot taken of it and every volume restored from those snapshots readable to anyone who ' +
      'obtains a copy — a snapshot shared with the wrong account, or made public, is the classic leak. EBS encryption ' +
      'costs nothing and has no measurable performance impact, but it can only be chosen when the volume is created.',
    remediation:
      'Set Encrypted: true (with KmsKeyId for a customer-managed key). For a volume that already exists this gives a new, ' +
      'empty volume: snapshot the old one, copy the snapshot with encryption, and create the volume from the copy ' +
      '(SnapshotId). Turning on EBS encryption by default in every Region of the account covers volumes a template forgets.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_3', match: 'equivalent' },
      { tool: 'cfnNag', id: 'F1', match: 'equivalent' },
      { tool: 'kics', id: '80b7ac3f-d2b7-4577-9b10-df7913497162', match: 'equivalent' },
      {
        tool: 'cdkNag',
        id: 'AwsSolutions-EC26',
        match: 'equivalent',
        name: 'also covers instance and launch-template block devices',
      },
      { tool: 'trivy', id: 'AVD-AWS-0026', match: 'equivalent', name: 'aws-ec2-enable-volume-encryption' },
    ],
    fix: 'suggestion',
    cdk: 'encrypted: true',
  },
  visitors: {
    cloudformation: {
      'AWS::EC2::Volume': (resource, context) => {
        const properties = context.values.resolve(resource.properties, resource.anchor);
        const lookup = (key: string): Outcome[] => context.values.lookup(properties, key);
        checkVolume(resource, context, ['SnapshotId', 'SourceVolumeId'].map(lookup), lookup('Encrypted'), 'Encrypted');
      },
    },
    terraform: {
      aws_ebs_volume: (resource, context) => {
        // EC2 encrypts every new volume of the Region once the configuration turns the account default on.
        if (ebsEncryptionByDefault(context) !== false) return;
        const [snapshots, encrypted] = ['snapshot_id', 'encrypted'].map((key) =>
          attributeValues(resource, context, key),
        );
        checkVolume(resource, context, [snapshots ?? []], encrypted ?? [], 'encrypted');
      },
    },
  },
} satisfies Rule<MessageId>;

/**
 * A volume restored from a snapshot (`SnapshotId`, `snapshot_id`) or copied from another volume (`SourceVolumeId`) is
 * at least as encrypted as its source, which the template does not show, so it is never reported: an encrypted
 * snapshot gives an encrypted volume even beside `Encrypted: false`. `setting` is the dialect's name for the flag.
 */
function checkVolume(
  resource: Resource,
  context: RuleContext<MessageId>,
  sources: readonly (readonly Outcome[])[],
  encryptedValues: readonly Outcome[],
  setting: string,
): void {
  // Create-only in both dialects (ForceNew in the AWS provider).
  const title = `Encrypt the volume (${setting}: true) — replaces the volume; copy its data over first`;
  const data = { setting };
  // A fix is offered only where the finding holds in every deployment; otherwise which ones change is a person's call.
  const fixable = isUnconditional(encryptedValues) && sources.every((list) => list.every((v) => v.kind === 'absent'));
  for (const combination of combinations([...sources, encryptedValues])) {
    const encrypted = combination.at(-1);
    if (encrypted === undefined || combination.slice(0, -1).some((source) => source.kind !== 'absent')) continue;
    const fixes = fixable ? propertyFix(resource, setting, encrypted, true, { title, safe: false }) : [];
    if (encrypted.kind === 'absent')
      context.report({ node: encrypted.node, messageId: 'missing', data, via: encrypted.via, fixes });
    else if (truthOf(encrypted) === false)
      context.report({ node: encrypted.node, messageId: 'disabled', data, via: encrypted.via, fixes });
  }
}
