import type { FixProposal } from '../../edits/changes';
import { isUnconditional, literalIn, unusedName, within } from '../../edits/propose';
import type { Resource, Template } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { getValue, isMap, isSeq, scalarText, singleEntry, type MapNode, type SourceNode } from '../../parsing/nodes';
import { configuredExpression, isConstant } from '../plan-configuration';
import { attributes, isPlan } from '../terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'literal' | 'mapping';

const WHY =
  'a pinned image never picks up the patched images AWS publishes, so every {{launch}} starts with the ' +
  'operating-system vulnerabilities fixed since that AMI was built — patching the guest OS is the customer’s job.';

export const hardCodedAmi = {
  meta: {
    id: 'responsibility/hard-coded-ami',
    title: 'EC2 images come from a maintained SSM parameter, not a pinned AMI id',
    severity: 'warning',
    responsibility: 'guest-os',
    messages: {
      literal: `{{setting}} is the fixed AMI id '{{ami}}', not an SSM parameter; ${WHY}`,
      mapping:
        `ImageId is looked up in mapping {{mapping}}, which holds fixed AMI ids; a per-Region table of AMIs goes stale ` +
        `the day it is written — ${WHY}`,
    },
    rationale:
      'Keeping the guest operating system patched is the customer’s side of the shared-responsibility model, and it ' +
      'starts with the image an instance boots from. AWS publishes patched Amazon Linux, Windows, Bottlerocket and ' +
      'ECS/EKS-optimised AMIs every few weeks and names the newest under public SSM parameters (/aws/service/…). A ' +
      'template that writes an ami-… id launches the same image forever: every new instance, every scale-out and ' +
      'every replacement starts with the vulnerabilities fixed since that AMI was built, and old AMIs are eventually ' +
      'deprecated and disappear.',
    remediation:
      'Take the image from a parameter of type AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> whose default is the ' +
      'public SSM path of the OS the instance runs (e.g. /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64), ' +
      'or from {{resolve:ssm:/aws/service/…}}. For a golden image of your own, publish its id to your own SSM ' +
      'parameter from the image pipeline. Each stack update then picks up the latest image. In Terraform, read the ' +
      'image from a data "aws_ssm_parameter" (or a data "aws_ami" lookup) instead of writing an ami-… id.',
    references: [
      {
        tool: 'cdkNag',
        id: 'NIST.800.53.R5-EC2InstanceProfileAttached',
        match: 'related',
        name: 'no peer checks pinned AMIs; the nearest check on keeping instances patchable',
      },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::EC2::Instance': (resource, context) => checkImage(resource, context, [], 'new instance'),
      'AWS::EC2::LaunchTemplate': (resource, context) =>
        checkImage(resource, context, ['LaunchTemplateData'], 'instance launched from the template'),
      'AWS::AutoScaling::LaunchConfiguration': (resource, context) =>
        checkImage(resource, context, [], 'instance the group launches'),
    },
    terraform: {
      aws_instance: (resource, context) => checkTerraformImage(resource, context, 'ami', 'new instance'),
      aws_launch_template: (resource, context) =>
        checkTerraformImage(resource, context, 'image_id', 'instance launched from the template'),
      aws_launch_configuration: (resource, context) =>
        checkTerraformImage(resource, context, 'image_id', 'instance the group launches'),
    },
  },
} satisfies Rule<MessageId>;

/** An EC2 image id as AWS writes it: `ami-` and 8 or 17 hex digits; placeholders like `ami-xxxx` are not. */
const AMI = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

const SSM_IMAGE = 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>';
const AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

/** What the fix replaces, for its title: ImageId is create-only on instances and launch configurations. */
const EFFECT: Readonly<Record<string, string>> = {
  'AWS::EC2::Instance': 'replaces the instance',
  'AWS::EC2::LaunchTemplate': 'new template version; instances launched from it change image',
  'AWS::AutoScaling::LaunchConfiguration': 'replaces the launch configuration',
  aws_instance: 'replaces the instance',
  aws_launch_template: 'new template version; instances launched from it change image',
  aws_launch_configuration: 'replaces the launch configuration',
};

function checkImage(resource: Resource, context: RuleContext<MessageId>, path: string[], launch: string): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const images = values.lookup(properties, ...path, 'ImageId');
  const section = getValue(context.template.root, 'Mappings');
  const mappings = isMap(section) ? section : undefined;
  for (const image of images) {
    const ami = stringOf(image);
    if (ami !== undefined && AMI.test(ami)) {
      if (image.kind === 'scalar' && mappings !== undefined && within(mappings, image.source)) {
        const mapping = mappingName(image.node) ?? 'Mappings';
        context.report({ node: image.node, messageId: 'mapping', data: { mapping, launch }, via: image.via });
        continue;
      }
      const fixes = isUnconditional(images) ? ssmFix(resource, context.template, image) : [];
      const data = { ami, launch, setting: 'ImageId' };
      context.report({ node: image.node, messageId: 'literal', data, via: image.via, fixes });
    } else if (image.kind === 'unknown') {
      // `!FindInMap [Map, !Ref AWS::Region, Key]` cannot be resolved, but when every entry it can reach is a fixed
      // AMI id, each deployment gets one.
      const mapping = pinnedMapping(image.node, mappings);
      if (mapping !== undefined)
        context.report({ node: image.node, messageId: 'mapping', data: { mapping, launch }, via: image.via });
    }
  }
}

/**
 * Terraform: a literal ami-… id, or a variable's or local's default that is one. A data source (`aws_ami`,
 * `aws_ssm_parameter`) is unknown in `.tf.json`, which is the practice the rule asks for; a plan has read it already,
 * so there only an id the configuration writes as a literal counts.
 */
function checkTerraformImage(
  resource: Resource,
  context: RuleContext<MessageId>,
  setting: string,
  launch: string,
): void {
  if (isPlan(context.template) && !isConstant(configuredExpression(context, resource, setting))) return;
  const images = context.values.lookup(attributes(resource, context.values), setting);
  for (const image of images) {
    const ami = stringOf(image);
    if (ami === undefined || !AMI.test(ami)) continue;
    const fixes = isUnconditional(images) ? ssmDataFix(resource, context.template, image) : [];
    context.report({ node: image.node, messageId: 'literal', data: { ami, launch, setting }, via: image.via, fixes });
  }
}

function mappingName(node: SourceNode): string | undefined {
  const call = singleEntry(node);
  return call?.key.value === 'Fn::FindInMap' && isSeq(call.value) ? scalarText(call.value.items[0]) : undefined;
}

/** The mapping's name when `node` is a `Fn::FindInMap` whose every reachable value is a fixed AMI id. */
function pinnedMapping(node: SourceNode, mappings: MapNode | undefined): string | undefined {
  const call = singleEntry(node);
  if (call?.key.value !== 'Fn::FindInMap' || !isSeq(call.value) || call.value.items.length !== 3) return undefined;
  const [nameNode, , keyNode] = call.value.items;
  const name = scalarText(nameNode);
  const table = name === undefined ? undefined : getValue(mappings, name);
  if (name === undefined || !isMap(table)) return undefined;
  const key = scalarText(keyNode);
  const reachable = table.entries.map((top) =>
    key === undefined || !isMap(top.value) ? top.value : getValue(top.value, key),
  );
  const leaves: (SourceNode | undefined)[] = reachable.flatMap((value) =>
    key === undefined && isMap(value) ? value.entries.map((entry) => entry.value) : [value],
  );
  const pinned = leaves.length > 0 && leaves.every((leaf) => AMI.test(scalarText(leaf) ?? ''));
  return pinned ? name : undefined;
}

/** Adds a parameter that reads AWS's public AL2023 image and points ImageId at it; only for a literal in place. */
function ssmFix(resource: Resource, template: Template, image: Outcome): FixProposal[] {
  const literal = literalIn(image, resource);
  if (literal === undefined) return [];
  const name = unusedName(template, 'LatestAmiId');
  const effect = EFFECT[resource.type] ?? 'changes the image';
  return [
    {
      title: `Boot the latest Amazon Linux 2023 AMI from SSM parameter ${name} — the AMI changes (${effect}); pick the SSM path of your OS`,
      safe: false,
      changes: [
        {
          kind: 'addParameter',
          name,
          definition: {
            Type: SSM_IMAGE,
            Default: AL2023,
            Description: 'Latest patched AMI, read from the public SSM parameters of AWS',
          },
        },
        { kind: 'replace', node: literal, value: { Ref: name } },
      ],
    },
  ];
}

const SSM_DATA = 'aws_ssm_parameter';

/**
 * Terraform: reads AWS's public AL2023 parameter in a `data "aws_ssm_parameter"` block and points the attribute at
 * its `insecure_value` (a public AMI id is no secret, and `value` would hide the image in every plan; the attribute
 * needs AWS provider 5.8 or later). Only for a literal in place, in a configuration whose `data` blocks are objects.
 */
function ssmDataFix(resource: Resource, template: Template, image: Outcome): FixProposal[] {
  const literal = literalIn(image, resource);
  if (literal === undefined || template.format !== 'terraform') return [];
  const data = getValue(template.root, 'data');
  const byType = isMap(data) ? getValue(data, SSM_DATA) : undefined;
  if ((data !== undefined && !isMap(data)) || (byType !== undefined && !isMap(byType))) return [];
  const taken = new Set(isMap(byType) ? byType.entries.map((entry) => String(entry.key.value)) : []);
  let name = 'latest_ami';
  for (let n = 2; taken.has(name); n++) name = `latest_ami_${n}`;
  const effect = EFFECT[resource.type] ?? 'changes the image';
  return [
    {
      title: `Boot the latest Amazon Linux 2023 AMI from data.${SSM_DATA}.${name} — the AMI changes (${effect}); pick the SSM path of your OS`,
      safe: false,
      changes: [
        { kind: 'set', map: template.root, path: ['data', SSM_DATA, name], value: { name: AL2023 } },
        { kind: 'replace', node: literal, value: `\${data.${SSM_DATA}.${name}.insecure_value}` },
      ],
    },
  ];
}
