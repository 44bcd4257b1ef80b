import type { Resource } from '../../model/template';
import type { Outcome } from '../../model/values';
import { combinations } from '../branches';
import { attributes, blocks } from '../terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing';

export const instanceProfile = {
  meta: {
    id: 'responsibility/instance-profile',
    title: 'EC2 instances have an instance profile, so Systems Manager can patch them',
    severity: 'info',
    responsibility: 'guest-os',
    messages: {
      missing:
        'The {{kind}} gives instances no {{setting}}, so the SSM agent has no credentials to register with ' +
        'Systems Manager, and Patch Manager cannot scan or patch the guest OS — that patching is the customer’s job.',
    },
    rationale:
      'Patching the guest operating system is the customer’s side of the shared-responsibility model, and AWS’s tool ' +
      'for it, Systems Manager Patch Manager, works through the SSM agent that AWS’s AMIs ship with. The agent needs ' +
      'credentials to register the instance as a managed node: an instance profile whose role has ' +
      'AmazonSSMManagedInstanceCore, or the account-wide Default Host Management Configuration (2023), which the ' +
      'template cannot show. Without either, the instance is invisible to Patch Manager, Inventory and Session ' +
      'Manager, and is patched only if someone logs in to do it. Advice rather than a defect, hence info.',
    remediation:
      'Create an AWS::IAM::Role trusted by ec2.amazonaws.com with the managed policy ' +
      'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore, an AWS::IAM::InstanceProfile for it, and set ' +
      'IamInstanceProfile on the instance (or in LaunchTemplateData: { IamInstanceProfile: { Arn: … } }); in ' +
      'Terraform, iam_instance_profile on aws_instance or an iam_instance_profile block on aws_launch_template. If the ' +
      'account turns on Default Host Management Configuration, suppress this rule with that reason.',
    references: [
      {
        tool: 'checkov',
        id: 'CKV2_AWS_41',
        match: 'equivalent',
        name: 'Ensure an IAM role is attached to EC2 instance (Terraform)',
      },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-EC2InstanceProfileAttached', match: 'equivalent' },
      { tool: 'cdkNag', id: 'HIPAA.Security-EC2InstanceProfileAttached', match: 'equivalent' },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::EC2::Instance': checkInstance,
      'AWS::EC2::LaunchTemplate': checkLaunchTemplate,
    },
    terraform: {
      aws_instance: checkTerraformInstance,
      aws_launch_template: checkTerraformLaunchTemplate,
    },
  },
} satisfies Rule<MessageId>;

/**
 * Services that launch from a template but attach their own role, where a profile in the template is ignored
 * or refused (EKS managed node groups reject one).
 */
const OWN_ROLE = new Set([
  'AWS::EKS::Nodegroup',
  'AWS::Batch::ComputeEnvironment',
  'aws_eks_node_group',
  'aws_batch_compute_environment',
]);

const CFN_SETTING = 'IamInstanceProfile';
const TF_SETTING = 'iam_instance_profile';

function checkInstance(resource: Resource, context: RuleContext<MessageId>): void {
  const properties = context.values.resolve(resource.properties, resource.anchor);
  const templates = context.values.lookup(properties, 'LaunchTemplate');
  const profiles = context.values.lookup(properties, 'IamInstanceProfile');
  // An instance from a launch template takes the template's profile, judged on the template when it is in the stack.
  report(context, 'instance', CFN_SETTING, combinations([profiles, templates]), true);
}

function checkLaunchTemplate(resource: Resource, context: RuleContext<MessageId>): void {
  if (launchedWithOwnRole(resource, context)) return;
  const properties = context.values.resolve(resource.properties, resource.anchor);
  const profiles = context.values.lookup(properties, 'LaunchTemplateData', CFN_SETTING);
  report(
    context,
    'launch template',
    CFN_SETTING,
    profiles.map((profile) => [profile]),
    false,
  );
}

/** Terraform: the instance's `iam_instance_profile`, unless a `launch_template` block brings the template's. */
function checkTerraformInstance(resource: Resource, context: RuleContext<MessageId>): void {
  const properties = attributes(resource, context.values);
  const templates = blocks(context.values, properties, 'launch_template');
  const profiles = context.values.lookup(properties, TF_SETTING);
  report(context, 'instance', TF_SETTING, combinations([profiles, templates]), true);
}

/** Terraform: the template's `iam_instance_profile` block (by `arn` or `name`). */
function checkTerraformLaunchTemplate(resource: Resource, context: RuleContext<MessageId>): void {
  if (launchedWithOwnRole(resource, context)) return;
  const profiles = blocks(context.values, attributes(resource, context.values), TF_SETTING);
  report(
    context,
    'launch template',
    TF_SETTING,
    profiles.map((profile) => [profile]),
    false,
  );
}

function launchedWithOwnRole(template: Resource, context: RuleContext<MessageId>): boolean {
  return context.template.references.to(template.id).some((reference) => OWN_ROLE.has(reference.from.type));
}

function report(
  context: RuleContext<MessageId>,
  kind: string,
  setting: string,
  branches: readonly (readonly (Outcome | undefined)[])[],
  needsNoTemplate: boolean,
): void {
  for (const [profile, template] of branches) {
    if (profile === undefined || !noProfile(profile)) continue;
    if (needsNoTemplate && template?.kind !== 'absent') continue;
    context.report({ node: profile.node, messageId: 'missing', data: { kind, setting }, via: profile.via });
  }
}

/** Absent, or an empty name, which attaches nothing (a plan may show one for a profile never set). */
function noProfile(profile: Outcome): boolean {
  return profile.kind === 'absent' || (profile.kind === 'scalar' && profile.value === '');
}
