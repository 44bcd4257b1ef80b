import type { Change, FixProposal } from '../../edits/changes';
import { editableMap, literalIn } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome } from '../../model/values';
import { along, combinations, itemValues } from '../branches';
import type { RelatedLocation, Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

export const blockDeviceEncryption = {
  meta: {
    id: 'encryption/block-device-encryption',
    title: 'EBS block devices of instances, launch templates and launch configurations are encrypted',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'Block device {{device}} is not encrypted: Ebs.Encrypted is not set, and EC2 creates the volume unencrypted ' +
        'unless the account has turned on EBS encryption by default, which the template cannot know. Encryption cannot ' +
        'be added to an existing volume.',
      disabled:
        'Block device {{device}} is not encrypted: Ebs.Encrypted is false (EBS encryption by default, if the account has ' +
        'turned it on, would still encrypt it, but the template cannot know). Encryption cannot be added to an existing ' +
        'volume.',
    },
    rationale:
      'Data stored on volumes is the customer’s side of the shared-responsibility model. The volumes an instance, a launch ' +
      'template or a launch configuration creates are ordinary EBS volumes: unencrypted, their blocks, every snapshot ' +
      'taken of them and every volume restored from those snapshots are readable to anyone who obtains a copy — and an ' +
      'auto-scaling group creates a new one with every instance it launches. EBS encryption costs nothing, but it can ' +
      'only be chosen when the volume is created.',
    remediation:
      'Set Encrypted: true in each block device’s Ebs map (with KmsKeyId for a customer-managed key). An instance is ' +
      'replaced; a launch template gets a new version and a launch configuration is replaced, and only instances ' +
      'launched afterwards get encrypted volumes — roll the auto-scaling group to replace the running ones. Turning ' +
      'on EBS encryption by default in every Region of the account covers volumes a template forgets.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_8', match: 'equivalent', name: 'launch configuration block devices' },
      {
        tool: 'cdkNag',
        id: 'AwsSolutions-EC26',
        match: 'equivalent',
        name: 'volumes, and instance, launch-template and launch-configuration block devices',
      },
      {
        tool: 'trivy',
        id: 'AVD-AWS-0008',
        match: 'equivalent',
        name: 'aws-autoscaling-enable-at-rest-encryption',
      },
      { tool: 'trivy', id: 'AVD-AWS-0131', match: 'equivalent', name: 'aws-ec2-enable-at-rest-encryption' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::EC2::Instance': (resource, context) => check(resource, context, [], INSTANCE_FIX),
      'AWS::EC2::LaunchTemplate': (resource, context) =>
        check(resource, context, ['LaunchTemplateData'], TEMPLATE_FIX, groupsUsing(resource, context)),
      'AWS::AutoScaling::LaunchConfiguration': (resource, context) =>
        check(resource, context, [], CONFIGURATION_FIX, groupsUsing(resource, context)),
    },
  },
} satisfies Rule<MessageId>;

/** Changing an instance's block devices (other than DeleteOnTermination) replaces the instance. */
const INSTANCE_FIX = 'Encrypt the block device (Encrypted: true) — replaces the instance; copy its data over first';
/** A launch template gets a new version: nothing running changes, but every later launch does. */
const TEMPLATE_FIX =
  'Encrypt the block device (Encrypted: true) — new launch-template version; only instances launched afterwards get encrypted volumes';
/** BlockDeviceMappings is create-only on a launch configuration. */
const CONFIGURATION_FIX =
  'Encrypt the block device (Encrypted: true) — replaces the launch configuration; only instances launched afterwards get encrypted volumes';

/**
 * Device names AMIs use for their root volume. A mapping that names the AMI's root device resizes or retypes the
 * volume EC2 restores from the AMI's snapshot, which has that snapshot's encryption: unknown, unless the AMI is one of
 * AWS's public ones, whose snapshots are never encrypted (AWS refuses to make an AMI with encrypted snapshots public).
 */
const ROOT_DEVICES = new Set(['/dev/xvda', '/dev/sda1', '/dev/sda', 'xvda', 'sda1', '/dev/nvme0n1']);

/** AWS's public SSM parameters for its own AMIs (Amazon Linux, Windows, ECS, EKS, Bottlerocket, Ubuntu, …). */
const PUBLIC_IMAGE = /^(?:\{\{resolve:ssm:)?\/aws\/service\//;

function check(
  resource: Resource,
  context: RuleContext<MessageId>,
  prefix: readonly string[],
  title: string,
  related: readonly RelatedLocation[] = [],
): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const images = values.lookup(properties, ...prefix, 'ImageId');
  for (const mappings of values.lookup(properties, ...prefix, 'BlockDeviceMappings')) {
    if (mappings.kind !== 'seq') continue;
    for (const mapping of itemValues(values, mappings.seq, mappings.node, mappings.via).flat()) {
      if (mapping.kind !== 'map') continue;
      const lookup = (...keys: string[]): Outcome[] => values.lookup([mapping], ...keys);
      for (const [device, ebs] of combinations([lookup('DeviceName'), lookup('Ebs')], mapping.via)) {
        const name = device === undefined ? undefined : stringOf(device);
        if (name === undefined || ebs?.kind !== 'map') continue;
        if (!ROOT_DEVICES.has(name)) {
          checkEbs(ebs, name, resource, context, title, related);
          continue;
        }
        // The AMI's own root volume has its snapshot's encryption; only AWS's public AMIs tell us it is none.
        for (const image of along(images, ebs.via)) {
          if (isPublicImage(image)) checkEbs({ ...ebs, via: image.via }, name, resource, context, title, related);
        }
      }
    }
  }
}

function checkEbs(
  ebs: Outcome & { kind: 'map' },
  device: string,
  resource: Resource,
  context: RuleContext<MessageId>,
  title: string,
  related: readonly RelatedLocation[],
): void {
  const lookup = (key: string): Outcome[] => context.values.lookup([ebs], key);
  for (const [snapshot, encrypted] of combinations([lookup('SnapshotId'), lookup('Encrypted')], ebs.via)) {
    // A volume restored from a snapshot is at least as encrypted as the snapshot, which the template does not show.
    if (snapshot?.kind !== 'absent' || encrypted === undefined) continue;
    const messageId = encrypted.kind === 'absent' ? 'missing' : truthOf(encrypted) === false ? 'disabled' : undefined;
    if (messageId === undefined) continue;
    // A fix only where every deployment has this finding: no condition or parameter on the way to the value.
    const change = encrypted.via.length === 0 ? encrypt(ebs, encrypted, resource) : undefined;
    const fixes: FixProposal[] = change === undefined ? [] : [{ title, safe: false, changes: [change] }];
    context.report({ node: encrypted.node, messageId, data: { device }, via: encrypted.via, related, fixes });
  }
}

function encrypt(ebs: Outcome & { kind: 'map' }, encrypted: Outcome, resource: Resource): Change | undefined {
  if (encrypted.kind === 'absent')
    return editableMap(ebs, resource) ? { kind: 'set', map: ebs.map, path: ['Encrypted'], value: true } : undefined;
  const literal = literalIn(encrypted, resource);
  return literal === undefined ? undefined : { kind: 'replace', node: literal, value: true };
}

function isPublicImage(image: Outcome): boolean {
  const text = stringOf(image);
  return text !== undefined && PUBLIC_IMAGE.test(text);
}

/**
 * The template's auto-scaling groups that launch instances from this launch template or configuration: the finding
 * stays on the template (once), and points at each group that creates the volumes.
 */
function groupsUsing(resource: Resource, context: RuleContext<MessageId>): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  for (const reference of context.template.references.to(resource.id)) {
    const group = reference.from;
    if (group.type !== 'AWS::AutoScaling::AutoScalingGroup' || related.some((known) => known.node === group.idNode))
      continue;
    related.push({ node: group.idNode, message: `Auto-scaling group ${group.id}, which launches instances from it` });
  }
  return related;
}
