import type { Change, FixProposal } from '../../edits/changes';
import { editableMap, literalIn } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome, type ValueResolver } from '../../model/values';
import { entryOf } from '../../parsing/nodes';
import { along, combinations, itemOutcomes } from '../branches';
import { ebsEncryptionByDefault } from '../ebs-default-encryption';
import { attributes, blocks } from '../terraform';
import { blankAsAbsent } from '../terraform-attributes';
import type { RelatedLocation, Rule, RuleContext } from '../types';
import { flatMap } from '../lists';

type MessageId = 'missing' | 'disabled';

export const blockDeviceEncryption = {
  meta: {
    id: 'encryption/block-device-encryption',
    title: 'EBS block devices of instances, launch templates and launch configurations are encrypted',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'Block device {{device}} is not encrypted: {{setting}} is not set, and EC2 creates the volume unencrypted ' +
        'unless the account has turned on EBS encryption by default, which the template cannot know. Encryption cannot ' +
        'be added to an existing volume.',
      disabled:
        'Block device {{device}} is not encrypted: {{setting}} is false (EBS encryption by default, if the account has ' +
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
      'AWS::EC2::Instance': (resource, context) => checkCloudFormation(resource, context, [], INSTANCE_FIX),
      'AWS::EC2::LaunchTemplate': (resource, context) =>
        checkCloudFormation(resource, context, ['LaunchTemplateData'], TEMPLATE_FIX, groupsUsing(resource, context)),
      'AWS::AutoScaling::LaunchConfiguration': (resource, context) =>
        checkCloudFormation(resource, context, [], CONFIGURATION_FIX, groupsUsing(resource, context)),
    },
    terraform: {
      aws_instance: (resource, context) => checkTerraform(resource, context, 'ami', INSTANCE_FIX),
      aws_launch_template: (resource, context) =>
        checkTerraform(resource, context, 'image_id', TEMPLATE_FIX, groupsUsing(resource, context)),
      aws_launch_configuration: (resource, context) =>
        checkTerraform(resource, context, 'image_id', CONFIGURATION_FIX, groupsUsing(resource, context)),
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

/**
 * AWS's public SSM parameters for its own AMIs (Amazon Linux, Windows, ECS, EKS, Bottlerocket, Ubuntu, …), as a
 * CloudFormation dynamic reference or as EC2's own `resolve:ssm:` image id.
 */
const PUBLIC_IMAGE = /^(?:\{\{resolve:ssm:|resolve:ssm:)?\/aws\/service\//;

/** One block device on one branch: its name (or the root device, named by the dialect) and its EBS settings. */
interface Device {
  readonly name: string;
  readonly root: boolean;
  readonly ebs: Outcome & { kind: 'map' };
}

/** How a dialect names a device's EBS settings, for reading, messages and fixes. */
interface Names {
  readonly snapshot: string;
  readonly encrypted: string;
  /** The setting as messages name it. */
  readonly setting: string;
  /** Blank strings are absent: the provider's nullable booleans (`"true"`, `"false"`, `""`). */
  readonly blankIsAbsent: boolean;
}

const CLOUDFORMATION: Names = {
  snapshot: 'SnapshotId',
  encrypted: 'Encrypted',
  setting: 'Ebs.Encrypted',
  blankIsAbsent: false,
};
const TERRAFORM: Names = { snapshot: 'snapshot_id', encrypted: 'encrypted', setting: 'encrypted', blankIsAbsent: true };

function checkCloudFormation(
  resource: Resource,
  context: RuleContext<MessageId>,
  prefix: readonly string[],
  title: string,
  related: readonly RelatedLocation[] = [],
): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const devices: Device[] = [];
  for (const mappings of values.lookup(properties, ...prefix, 'BlockDeviceMappings')) {
    if (mappings.kind !== 'seq') continue;
    for (const mapping of itemOutcomes(values, mappings.seq, mappings.node, mappings.via)) {
      if (mapping.kind !== 'map') continue;
      const lookup = (...keys: string[]): Outcome[] => values.lookup([mapping], ...keys);
      devices.push(...named(combinations([lookup('DeviceName'), lookup('Ebs')], mapping.via)));
    }
  }
  const images = values.lookup(properties, ...prefix, 'ImageId');
  check(devices, images, resource, context, CLOUDFORMATION, title, related);
}

/**
 * The AWS provider's block devices: `root_block_device` (instances, launch configurations) is the AMI's root volume;
 * `ebs_block_device` and a launch template's `block_device_mappings` (with a nested `ebs` block) are named by
 * `device_name`. With EBS encryption by default turned on in the configuration, EC2 encrypts them all.
 */
function checkTerraform(
  resource: Resource,
  context: RuleContext<MessageId>,
  image: string,
  title: string,
  related: readonly RelatedLocation[] = [],
): void {
  if (ebsEncryptionByDefault(context) !== false) return;
  const values = context.values;
  const properties = attributes(resource, values);
  const devices: Device[] = [];
  for (const root of keyedBlocks(values, properties, 'root_block_device'))
    if (root.kind === 'map') devices.push({ name: 'root_block_device', root: true, ebs: root });
  for (const device of keyedBlocks(values, properties, 'ebs_block_device')) {
    if (device.kind === 'map') devices.push(...named(combinations([values.lookup([device], 'device_name'), [device]])));
  }
  for (const mapping of blocks(values, properties, 'block_device_mappings')) {
    if (mapping.kind !== 'map') continue;
    const ebs = keyedBlocks(values, [mapping], 'ebs');
    devices.push(...named(combinations([values.lookup([mapping], 'device_name'), ebs], mapping.via)));
  }
  const fixTitle = title.replace('Encrypted: true', 'encrypted: true');
  check(devices, values.lookup(properties, image), resource, context, TERRAFORM, fixTitle, related);
}

/**
 * `blocks`, where a finding about what a block written as an array item lacks goes on the block's key, as items
 * have no key of their own.
 */
function keyedBlocks(values: ValueResolver, from: readonly Outcome[], name: string): Outcome[] {
  return flatMap(from, (parent) => {
    const key = parent.kind === 'map' ? entryOf(parent.map, name)?.key : undefined;
    return blocks(values, [parent], name).map((block) =>
      block.kind === 'map' && block.at === block.map && key !== undefined ? { ...block, at: key } : block,
    );
  });
}

/** Devices whose name is known and whose EBS settings are a map; the others cannot be judged. */
function named(pairs: readonly Outcome[][]): Device[] {
  const devices: Device[] = [];
  for (const [device, ebs] of pairs) {
    const name = device === undefined ? undefined : stringOf(device);
    if (name === undefined || ebs?.kind !== 'map') continue;
    devices.push({ name, root: ROOT_DEVICES.has(name), ebs: { ...ebs, via: device?.via ?? ebs.via } });
  }
  return devices;
}

function check(
  devices: readonly Device[],
  images: readonly Outcome[],
  resource: Resource,
  context: RuleContext<MessageId>,
  names: Names,
  title: string,
  related: readonly RelatedLocation[],
): void {
  for (const { name, root, ebs } of devices) {
    if (!root) {
      checkEbs(ebs, name, resource, context, names, title, related);
      continue;
    }
    // The AMI's own root volume has its snapshot's encryption; only AWS's public AMIs tell us it is none.
    for (const image of along(images, ebs.via)) {
      if (isPublicImage(image)) checkEbs({ ...ebs, via: image.via }, name, resource, context, names, title, related);
    }
  }
}

function checkEbs(
  ebs: Outcome & { kind: 'map' },
  device: string,
  resource: Resource,
  context: RuleContext<MessageId>,
  names: Names,
  title: string,
  related: readonly RelatedLocation[],
): void {
  const lookup = (key: string): readonly Outcome[] => {
    const outcomes = context.values.lookup([ebs], key);
    return names.blankIsAbsent ? blankAsAbsent(outcomes) : outcomes;
  };
  for (const [snapshot, encrypted] of combinations([lookup(names.snapshot), lookup(names.encrypted)], ebs.via)) {
    // A volume restored from a snapshot is at least as encrypted as the snapshot, which the template does not show.
    if (snapshot?.kind !== 'absent' || encrypted === undefined) continue;
    const messageId = encrypted.kind === 'absent' ? 'missing' : truthOf(encrypted) === false ? 'disabled' : undefined;
    if (messageId === undefined) continue;
    // A fix only where every deployment has this finding: no condition or parameter on the way to the value.
    const change = encrypted.via.length === 0 ? encrypt(ebs, encrypted, resource, names.encrypted) : undefined;
    const fixes: FixProposal[] = change === undefined ? [] : [{ title, safe: false, changes: [change] }];
    const data = { device, setting: names.setting };
    context.report({ node: encrypted.node, messageId, data, via: encrypted.via, related, fixes });
  }
}

function encrypt(
  ebs: Outcome & { kind: 'map' },
  encrypted: Outcome,
  resource: Resource,
  key: string,
): Change | undefined {
  if (encrypted.kind === 'absent')
    return editableMap(ebs, resource) ? { kind: 'set', map: ebs.map, path: [key], value: true } : undefined;
  const literal = literalIn(encrypted, resource);
  return literal === undefined ? undefined : { kind: 'replace', node: literal, value: true };
}

function isPublicImage(image: Outcome): boolean {
  const text = stringOf(image);
  return text !== undefined && PUBLIC_IMAGE.test(text);
}

/** The auto-scaling groups that launch instances from a launch template or configuration, by dialect. */
const GROUP_TYPES = new Set(['AWS::AutoScaling::AutoScalingGroup', 'aws_autoscaling_group']);

/**
 * The template's auto-scaling groups that launch instances from this launch template or configuration: the finding
 * stays on the template (once), and points at each group that creates the volumes.
 */
function groupsUsing(resource: Resource, context: RuleContext<MessageId>): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  for (const reference of context.template.references.to(resource.id)) {
    const group = reference.from;
    if (!GROUP_TYPES.has(group.type) || related.some((known) => known.node === group.idNode)) continue;
    related.push({ node: group.idNode, message: `Auto-scaling group ${group.id}, which launches instances from it` });
  }
  return related;
}
