import type { Change, FixProposal } from '../../edits/changes';
import { editableMap, isUnconditional, literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { combinations } from '../branches';
import { attributes, blocks } from '../terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'optional' | 'absent' | 'noOptions';

const DEFAULT =
  'which leaves IMDSv1 allowed ({{tokens}} optional) unless the AMI declares ImdsSupport v2.0 or the account’s ' +
  'regional IMDS default (settable since March 2024) requires tokens';

const RISK =
  'an SSRF flaw or an open proxy in software on the instance can then read the role’s credentials with one ' +
  'unauthenticated GET — hardening the guest OS is the customer’s job.';

export const instanceMetadataV2 = {
  meta: {
    id: 'responsibility/instance-metadata-v2',
    title: 'EC2 instances and launch templates require IMDSv2',
    severity: 'warning',
    responsibility: 'guest-os',
    messages: {
      optional: `{{tokens}} is 'optional', so the {{kind}} answers IMDSv1 requests; ${RISK}`,
      absent: `{{options}} sets no {{tokens}}, ${DEFAULT}; ${RISK}`,
      noOptions: `The {{kind}} sets no {{options}}, ${DEFAULT}; ${RISK}`,
    },
    rationale:
      'The instance metadata service hands out the temporary credentials of the instance’s role. IMDSv1 answers any ' +
      'plain GET, so a server-side request forgery in an application, or a misconfigured reverse proxy, lets an ' +
      'attacker take those credentials (the 2019 Capital One breach). IMDSv2 needs a session token obtained with a PUT ' +
      'and a hop limit, which such requests cannot produce. How the guest OS is configured is the customer’s side of ' +
      'the shared-responsibility model; AWS only defaults to IMDSv2 for AMIs that declare it (Amazon Linux 2023) or ' +
      'accounts whose regional default says so.',
    remediation:
      'Set MetadataOptions.HttpTokens: required — on the instance, or under LaunchTemplateData of its launch template ' +
      '(a new template version; no replacement). First check that the software on the instance uses IMDSv2: AWS ' +
      'SDKs and the CLI have since 2019; the CloudWatch metric MetadataNoToken counts IMDSv1 calls. In Terraform, set ' +
      'metadata_options { http_tokens = "required" } on aws_instance or aws_launch_template.',
    references: [
      {
        tool: 'checkov',
        id: 'CKV_AWS_79',
        match: 'equivalent',
        name: 'Ensure Instance Metadata Service Version 1 is not enabled',
      },
      { tool: 'trivy', id: 'AVD-AWS-0028', match: 'equivalent', name: 'aws-ec2-enforce-http-token-imds' },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-EC2IMDSv2Enabled', match: 'equivalent', name: 'instances only' },
      { tool: 'cdkNag', id: 'HIPAA.Security-EC2IMDSv2Enabled', match: 'equivalent', name: 'instances only' },
    ],
    fix: 'suggestion',
    cdk: 'requireImdsv2: true',
  },
  visitors: {
    cloudformation: {
      'AWS::EC2::Instance': checkInstance,
      'AWS::EC2::LaunchTemplate': checkLaunchTemplate,
    },
    terraform: {
      aws_instance: (resource, context) => checkTerraform(resource, context, 'instance', 'ami'),
      aws_launch_template: (resource, context) => checkTerraform(resource, context, 'launch template', 'image_id'),
    },
  },
} satisfies Rule<MessageId>;

/** The metadata settings as each dialect names them; `image` is the attribute that names the AMI. */
interface Names {
  readonly options: string;
  readonly tokens: string;
  readonly endpoint: string;
  readonly image: string;
}

const CLOUDFORMATION: Names = {
  options: 'MetadataOptions',
  tokens: 'HttpTokens',
  endpoint: 'HttpEndpoint',
  image: 'ImageId',
};
const TERRAFORM: Omit<Names, 'image'> = {
  options: 'metadata_options',
  tokens: 'http_tokens',
  endpoint: 'http_endpoint',
};

/** What deploys when an instance leaves a setting out: AWS's regional account default, where the file sets one. */
interface AccountDefaults {
  readonly tokens: string | undefined;
  readonly endpoint: string | undefined;
}

const NO_DEFAULTS: AccountDefaults = { tokens: undefined, endpoint: undefined };

const fixTitle = (names: Names): string =>
  `Require IMDSv2 (${names.options}.${names.tokens}: required) — software still calling IMDSv1 breaks`;

function checkInstance(resource: Resource, context: RuleContext<MessageId>): void {
  const properties = context.values.resolve(resource.properties, resource.anchor);
  const templates = context.values.lookup(properties, 'LaunchTemplate');
  const options = context.values.lookup(properties, 'MetadataOptions');
  // Absent options on an instance launched from a template: the template's options apply, judged on the template.
  const direct = options.filter((option) => option.kind !== 'absent' || !hasTemplate(templates, option));
  judge(resource, context, 'instance', properties, direct, ['MetadataOptions'], CLOUDFORMATION, NO_DEFAULTS);
}

function checkLaunchTemplate(resource: Resource, context: RuleContext<MessageId>): void {
  const properties = context.values.resolve(resource.properties, resource.anchor);
  const data = context.values.lookup(properties, 'LaunchTemplateData');
  const options = context.values.lookup(data, 'MetadataOptions');
  const path = ['LaunchTemplateData', 'MetadataOptions'];
  judge(resource, context, 'launch template', data, options, path, CLOUDFORMATION, NO_DEFAULTS);
}

/**
 * Terraform: the `metadata_options` block of an aws_instance (unless a `launch_template` block brings the
 * template's) or of an aws_launch_template, with the configuration's aws_ec2_instance_metadata_defaults as what
 * AWS applies to a setting left out.
 */
function checkTerraform(resource: Resource, context: RuleContext<MessageId>, kind: string, image: string): void {
  const values = context.values;
  const properties = attributes(resource, values);
  const templates = kind === 'instance' ? blocks(values, properties, 'launch_template') : [];
  const options = blocks(values, properties, TERRAFORM.options).filter(
    (option) => option.kind !== 'absent' || !hasTemplate(templates, option),
  );
  const defaults = context.memo('responsibility/instance-metadata-v2:account-defaults', () => accountDefaults(context));
  judge(resource, context, kind, properties, options, [TERRAFORM.options], { ...TERRAFORM, image }, defaults);
}

/** The literal settings of the configuration's aws_ec2_instance_metadata_defaults, if it has exactly one. */
function accountDefaults(context: RuleContext<MessageId>): AccountDefaults {
  const found = context.template.resources.filter((resource) => resource.type === 'aws_ec2_instance_metadata_defaults');
  const only = found.length === 1 ? found[0] : undefined;
  if (only === undefined) return NO_DEFAULTS;
  const properties = attributes(only, context.values);
  const literal = (key: string): string | undefined => {
    const outcomes = context.values.lookup(properties, key);
    return outcomes.length === 1 && outcomes[0] !== undefined ? stringOf(outcomes[0]) : undefined;
  };
  return { tokens: literal('http_tokens'), endpoint: literal('http_endpoint') };
}

/** Whether the instance names a launch template on the branch `option` was reached on. */
function hasTemplate(templates: readonly Outcome[], option: Outcome): boolean {
  return combinations([templates], option.via).some(([template]) => template?.kind !== 'absent');
}

/** `path` leads from the resource's properties to the options map, for a fix that adds the setting. */
function judge(
  resource: Resource,
  context: RuleContext<MessageId>,
  kind: string,
  holder: readonly Outcome[],
  options: readonly Outcome[],
  path: readonly string[],
  names: Names,
  defaults: AccountDefaults,
): void {
  const values = context.values;
  const images = values.lookup(holder, names.image);
  const endpoints = values.lookup(options, names.endpoint);
  const tokens = values.lookup(options, names.tokens);
  const fixable = isUnconditional(options) && isUnconditional(tokens);
  const data = { kind, options: names.options, tokens: names.tokens };
  for (const [option, endpoint, token, image] of combinations([options, endpoints, tokens, images])) {
    if (option === undefined || endpoint === undefined || token === undefined || image === undefined) continue;
    if (option.kind === 'unknown' || endpoint.kind === 'unknown' || token.kind === 'unknown') continue;
    // With the endpoint off there is no metadata service to steal from.
    const endpointText = endpoint.kind === 'absent' ? defaults.endpoint : stringOf(endpoint);
    if (endpointText === 'disabled') continue;
    const tokenText = stringOf(token);
    if (token.kind === 'absent') {
      if (defaultsToV2(image) || defaults.tokens === 'required') continue;
      const fixes = fixable ? setFix(resource, option, path, names) : [];
      const messageId = option.kind === 'absent' ? 'noOptions' : 'absent';
      context.report({ node: token.node, messageId, data, via: token.via, fixes });
    } else if (tokenText === 'optional') {
      const literal = fixable ? literalIn(token, resource) : undefined;
      const fixes: FixProposal[] =
        literal === undefined
          ? []
          : [
              {
                title: fixTitle(names),
                safe: false,
                changes: [{ kind: 'replace', node: literal, value: 'required' }],
              },
            ];
      context.report({ node: token.node, messageId: 'optional', data, via: token.via, fixes });
    }
  }
}

/**
 * Amazon Linux 2023 AMIs declare ImdsSupport v2.0, so an image taken from AWS's public AL2023 parameters gets
 * HttpTokens required by default. Any other image's ImdsSupport cannot be read from the template; AWS's default
 * for those is optional.
 */
function defaultsToV2(image: Outcome): boolean {
  const text = stringOf(image);
  return text !== undefined && /\/aws\/service\/ami-amazon-linux-latest\/al2023-/.test(text);
}

/**
 * Adds the token setting: into the options block where one is written (in Terraform JSON a block may be an object
 * inside an array, which a path from the resource cannot name), else as a new options map under `path`.
 */
function setFix(resource: Resource, option: Outcome, path: readonly string[], names: Names): FixProposal[] {
  let change: Change | undefined;
  if (option.kind === 'map') {
    change = editableMap(option, resource)
      ? { kind: 'set', map: option.map, path: [names.tokens], value: 'required' }
      : undefined;
  } else change = setProperty(resource, [...path, names.tokens], 'required');
  return change === undefined ? [] : [{ title: fixTitle(names), safe: false, changes: [change] }];
}
