import type { FixProposal } from '../../edits/changes';
import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf } from '../../model/values';
import { combinations } from '../branches';
import { LISTENER, upperOf } from '../load-balancer';
import { propertyOf } from '../terraform-links';
import type { Rule, RuleContext } from '../types';

type MessageId = 'defaultPolicy' | 'weakPolicy';

/** What Elastic Load Balancing applies to an HTTPS or TLS listener created through the API without `SslPolicy`. */
export const DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

/** The policy the fix sets: TLS 1.3 and 1.2 only, AWS's recommended policy since 2023 (the console default). */
export const RECOMMENDED_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * The predefined ELBv2 security policies that still negotiate TLS 1.0 or 1.1 (AWS's "Security policies for your
 * Application Load Balancer" and "… Network Load Balancer" tables). Names outside this list and the TLS 1.2+
 * patterns below are unknown, which never reports: AWS adds policies, and a custom name may be anything.
 */
export const WEAK_POLICIES: ReadonlySet<string> = new Set([
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-2015-05',
  'ELBSecurityPolicy-TLS-1-0-2015-04',
  'ELBSecurityPolicy-TLS-1-1-2017-01',
  'ELBSecurityPolicy-FS-2018-06',
  'ELBSecurityPolicy-FS-1-1-2019-08',
  'ELBSecurityPolicy-TLS13-1-0-2021-06',
  'ELBSecurityPolicy-TLS13-1-1-2021-06',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-1-PQ-2025-09',
]);

/** Policy names whose minimum version is TLS 1.2 or 1.3, by AWS's naming scheme. */
const STRONG_POLICY = /^ELBSecurityPolicy-(TLS-1-2-|FS-1-2-|TLS13-1-[23]-)/;

export const loadBalancerWeakTlsPolicy = {
  meta: {
    id: 'firewall/load-balancer-weak-tls-policy',
    title: 'Load balancer HTTPS and TLS listeners require TLS 1.2 or later',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      defaultPolicy:
        'The {{protocol}} listener sets no {{setting}}, so Elastic Load Balancing applies ' +
        `${DEFAULT_POLICY} (its API and CloudFormation default since 2016), which still accepts TLS 1.0 and 1.1.`,
      weakPolicy: '{{setting}} {{policy}} accepts TLS 1.0 or 1.1 on this {{protocol}} listener.',
    },
    rationale:
      'TLS on public entry points is the customer’s side of the shared-responsibility model: AWS offers the security ' +
      'policies, the template chooses which one a listener negotiates. TLS 1.0 and 1.1 are deprecated (RFC 8996): they ' +
      'rely on SHA-1 and CBC constructions open to downgrade and padding-oracle attacks, and PCI DSS and most ' +
      'compliance baselines forbid them, so a client can be steered to a connection that an attacker on the path can ' +
      'weaken.',
    remediation:
      `Set SslPolicy to ${RECOMMENDED_POLICY} (TLS 1.3 and 1.2), or another TLS 1.2+ policy ` +
      '(ELBSecurityPolicy-TLS13-1-2-Res-2021-06, ELBSecurityPolicy-FS-1-2-Res-2020-10) — after checking that no ' +
      'client still needs TLS 1.0 or 1.1. In Terraform, set ssl_policy on the aws_lb_listener.',
    references: [
      {
        tool: 'checkov',
        id: 'CKV_AWS_103',
        match: 'equivalent',
        name: 'Ensure that load balancer is using at least TLS 1.2',
      },
      { tool: 'cfnNag', id: 'W55', match: 'equivalent', name: 'ELBv2 Listener SslPolicy should use TLS 1.2' },
      { tool: 'trivy', id: 'AVD-AWS-0047', match: 'equivalent', name: 'aws-elb-use-secure-tls-policy' },
      {
        tool: 'kics',
        id: '61a94903-3cd3-4780-88ec-fc918819b9c8',
        match: 'related',
        name: 'ELB Using Insecure Protocols (classic load balancer policies)',
      },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      [LISTENER]: (listener, context) => checkListener(listener, context, CLOUDFORMATION),
    },
    terraform: {
      aws_lb_listener: (listener, context) => checkListener(listener, context, TERRAFORM),
      aws_alb_listener: (listener, context) => checkListener(listener, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/** The listener's two settings, as each dialect names them. */
interface Names {
  readonly protocol: string;
  readonly policy: string;
}

const CLOUDFORMATION: Names = { protocol: 'Protocol', policy: 'SslPolicy' };
const TERRAFORM: Names = { protocol: 'protocol', policy: 'ssl_policy' };

function fix(names: Names): Omit<FixProposal, 'changes'> {
  return {
    title: `Use ${names.policy} ${RECOMMENDED_POLICY} (TLS 1.3 and 1.2 only; clients limited to TLS 1.0/1.1 can no longer connect)`,
    safe: false,
  };
}

/**
 * Only HTTPS and TLS listeners negotiate TLS. In Terraform an absent protocol is HTTP or TCP (the provider's
 * defaults), never one of them; in a plan, a policy the provider computes and the configuration never wrote is
 * absent.
 */
function checkListener(listener: Resource, context: RuleContext<MessageId>, names: Names): void {
  const protocols = propertyOf(context, listener, names.protocol);
  const policies = propertyOf(context, listener, names.policy);
  for (const [protocol, policy] of combinations([protocols, policies])) {
    const name = protocol === undefined ? undefined : upperOf(protocol);
    if (policy === undefined || (name !== 'HTTPS' && name !== 'TLS')) continue;
    const fixes =
      isUnconditional(protocols) && isUnconditional(policies)
        ? propertyFix(listener, names.policy, policy, RECOMMENDED_POLICY, fix(names))
        : [];
    if (policy.kind === 'absent') {
      context.report({
        node: policy.node,
        via: policy.via,
        messageId: 'defaultPolicy',
        data: { protocol: name, setting: names.policy },
        fixes,
      });
      continue;
    }
    const text = stringOf(policy)?.trim();
    // Only a listed weak name reports; a strong or unlisted name (a new AWS policy) is left alone.
    if (text === undefined || STRONG_POLICY.test(text) || !WEAK_POLICIES.has(text)) continue;
    context.report({
      node: policy.node,
      via: policy.via,
      messageId: 'weakPolicy',
      data: { policy: text, protocol: name, setting: names.policy },
      fixes,
    });
  }
}
