import type { Change, FixProposal } from '../../edits/changes';
import { isUnconditional, literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { combinations } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'optional' | 'absent' | 'noOptions';

const DEFAULT =
  'which leaves IMDSv1 allowed (HttpTokens optional) unless the AMI declares ImdsSupport v2.0 or the account’s ' +
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
      optional: `HttpTokens is 'optional', so the {{kind}} answers IMDSv1 requests; ${RISK}`,
      absent: `MetadataOptions sets no HttpTokens, ${DEFAULT}; ${RISK}`,
      noOptions: `The {{kind}} sets no MetadataOptions, ${DEFAULT}; ${RISK}`,
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
      'SDKs and the CLI have since 2019; the CloudWatch metric MetadataNoToken counts IMDSv1 calls.',
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
  },
  visitors: {
    cloudformation: {
      'AWS::EC2::Instance': checkInstance,
      'AWS::EC2::LaunchTemplate': checkLaunchTemplate,
    },
  },
} satisfies Rule<MessageId>;

const FIX_TITLE = 'Require IMDSv2 (MetadataOptions.HttpTokens: required) — software still calling IMDSv1 breaks';

function checkInstance(resource: Resource, context: RuleContext<MessageId>): void {
  const properties = context.values.resolve(resource.properties, resource.anchor);
  const templates = context.values.lookup(properties, 'LaunchTemplate');
  const options = context.values.lookup(properties, 'MetadataOptions');
  // Absent options on an instance launched from a template: the template's options apply, judged on the template.
  const direct = options.filter((option) => option.kind !== 'absent' || !hasTemplate(templates, option));
  judge(resource, context, 'instance', properties, direct, []);
}

function checkLaunchTemplate(resource: Resource, context: RuleContext<MessageId>): void {
  const properties = context.values.resolve(resource.properties, resource.anchor);
  const data = context.values.lookup(properties, 'LaunchTemplateData');
  judge(resource, context, 'launch template', data, context.values.lookup(data, 'MetadataOptions'), [
    'LaunchTemplateData',
  ]);
}

/** Whether the instance names a launch template on the branch `option` was reached on. */
function hasTemplate(templates: readonly Outcome[], option: Outcome): boolean {
  return combinations([templates], option.via).some(([template]) => template?.kind !== 'absent');
}

function judge(
  resource: Resource,
  context: RuleContext<MessageId>,
  kind: string,
  holder: readonly Outcome[],
  options: readonly Outcome[],
  path: readonly string[],
): void {
  const values = context.values;
  const images = values.lookup(holder, 'ImageId');
  const endpoints = values.lookup(options, 'HttpEndpoint');
  const tokens = values.lookup(options, 'HttpTokens');
  const fixable = isUnconditional(options) && isUnconditional(tokens);
  for (const [option, endpoint, token, image] of combinations([options, endpoints, tokens, images])) {
    if (option === undefined || endpoint === undefined || token === undefined || image === undefined) continue;
    if (option.kind === 'unknown' || endpoint.kind === 'unknown' || token.kind === 'unknown') continue;
    // With the endpoint off there is no metadata service to steal from.
    if (stringOf(endpoint) === 'disabled') continue;
    const tokenText = stringOf(token);
    if (token.kind === 'absent') {
      if (defaultsToV2(image)) continue;
      const fixes = fixable ? setFix(resource, [...path, 'MetadataOptions', 'HttpTokens']) : [];
      const messageId = option.kind === 'absent' ? 'noOptions' : 'absent';
      context.report({ node: token.node, messageId, data: { kind }, via: token.via, fixes });
    } else if (tokenText === 'optional') {
      const literal = fixable ? literalIn(token, resource) : undefined;
      const fixes: FixProposal[] =
        literal === undefined
          ? []
          : [{ title: FIX_TITLE, safe: false, changes: [{ kind: 'replace', node: literal, value: 'required' }] }];
      context.report({ node: token.node, messageId: 'optional', data: { kind }, via: token.via, fixes });
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

function setFix(resource: Resource, path: readonly string[]): FixProposal[] {
  const change: Change | undefined = setProperty(resource, path, 'required');
  return change === undefined ? [] : [{ title: FIX_TITLE, safe: false, changes: [change] }];
}
