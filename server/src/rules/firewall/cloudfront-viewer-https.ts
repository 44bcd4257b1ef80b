import type { FixProposal } from '../../edits/changes';
import { literalIn } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { distributionSettings } from '../cloudfront';
import { members } from '../terraform-links';
import type { Rule, RuleContext } from '../types';

type MessageId = 'allowAll';

export const cloudfrontViewerHttps = {
  meta: {
    id: 'firewall/cloudfront-viewer-https',
    title: 'CloudFront distributions do not serve viewers over plain HTTP',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      allowAll:
        '{{setting}} allow-all lets viewers use plain HTTP for {{behavior}}: CloudFront answers http:// ' +
        'requests without redirecting them, so requests, cookies and responses can cross the network unencrypted.',
    },
    rationale:
      'TLS on public entry points is the customer’s side of the shared-responsibility model: CloudFront terminates ' +
      'HTTPS for every distribution, but whether it also answers plain HTTP is the distribution’s ViewerProtocolPolicy. ' +
      'With allow-all, a link, bookmark or downgrade attack that uses http:// gets the content (and sends session ' +
      'cookies and form data) in the clear, where anyone on the path — a public Wi-Fi, a hostile ISP — can read or ' +
      'alter it.',
    remediation:
      'Set ViewerProtocolPolicy to redirect-to-https (clients that follow redirects keep working) or https-only (plain ' +
      'HTTP is refused) on the default cache behaviour and on every cache behaviour (in Terraform, ' +
      'viewer_protocol_policy in default_cache_behavior and every ordered_cache_behavior).',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_34', match: 'equivalent', name: 'CloudFront ViewerProtocolPolicy is HTTPS' },
      {
        tool: 'kics',
        id: '31733ee2-fef0-4e87-9778-65da22a8ecf1',
        match: 'equivalent',
        name: 'CloudFront Viewer Protocol Policy Allows HTTP',
      },
      { tool: 'trivy', id: 'AVD-AWS-0012', match: 'equivalent', name: 'aws-cloudfront-enforce-https' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::CloudFront::Distribution': (resource, context) => checkDistribution(resource, context, CLOUDFORMATION),
    },
    terraform: {
      aws_cloudfront_distribution: (resource, context) => checkDistribution(resource, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/** How each dialect names the cache behaviours and their settings. */
interface Names {
  readonly defaults: string;
  readonly behaviors: string;
  readonly pattern: string;
  readonly policy: string;
}

const CLOUDFORMATION: Names = {
  defaults: 'DefaultCacheBehavior',
  behaviors: 'CacheBehaviors',
  pattern: 'PathPattern',
  policy: 'ViewerProtocolPolicy',
};
const TERRAFORM: Names = {
  defaults: 'default_cache_behavior',
  behaviors: 'ordered_cache_behavior',
  pattern: 'path_pattern',
  policy: 'viewer_protocol_policy',
};

const FIX_TITLE =
  'Redirect plain-HTTP viewers to HTTPS (clients that follow redirects keep working; a body sent over HTTP before ' +
  'the redirect is still exposed once)';

function checkDistribution(resource: Resource, context: RuleContext<MessageId>, names: Names): void {
  const configs = distributionSettings(resource, context);
  const defaults = members(context, configs, names.defaults);
  for (const policy of context.values.lookup(defaults, names.policy)) {
    report(policy, 'the default cache behaviour', resource, context, names);
  }
  for (const behavior of members(context, configs, names.behaviors)) {
    if (behavior.kind !== 'map') continue;
    const pattern = context.values.lookup([behavior], names.pattern).map(stringOf);
    const name = pattern.length === 1 && pattern[0] !== undefined ? `path ${pattern[0]}` : 'a cache behaviour';
    for (const policy of context.values.lookup([behavior], names.policy)) {
      report(policy, name, resource, context, names);
    }
  }
}

function report(
  policy: Outcome,
  behavior: string,
  resource: Resource,
  context: RuleContext<MessageId>,
  names: Names,
): void {
  if (stringOf(policy) !== 'allow-all') return;
  context.report({
    node: policy.node,
    via: policy.via,
    messageId: 'allowAll',
    data: { behavior, setting: names.policy },
    fixes: redirect(policy, resource),
  });
}

/**
 * Replaces the literal allow-all — only one written in the behaviour and reached in every deployment, since a
 * parameter's default or a branch is a choice made elsewhere. The policy updates without interruption, but it
 * changes what plain-HTTP clients get, so the fix is a suggestion.
 */
function redirect(policy: Outcome, resource: Resource): FixProposal[] {
  const literal = literalIn(policy, resource);
  if (literal === undefined || policy.via.length > 0) return [];
  return [{ title: FIX_TITLE, safe: false, changes: [{ kind: 'replace', node: literal, value: 'redirect-to-https' }] }];
}
