import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import type { Rule, RuleContext } from '../types';

type MessageId = 'unprotected';

export const shieldAdvancedProtection = {
  meta: {
    id: 'firewall/shield-advanced-protection',
    title: 'Public entry points are considered for AWS Shield Advanced',
    severity: 'info',
    responsibility: 'firewall',
    messages: {
      unprotected:
        '{{kind}} {{resource}} is a public entry point that no AWS::Shield::Protection in this template protects: ' +
        'it has Shield Standard’s automatic network-layer defences only, without Shield Advanced’s DDoS response ' +
        'team, cost protection and automatic application-layer mitigation.',
    },
    rationale:
      'Every AWS customer gets Shield Standard, which absorbs common network- and transport-layer floods. Whether an ' +
      'entry point that must stay up gets more — the Shield Response Team during an attack, credits for the scaling ' +
      'a DDoS causes, automatic WAF rules against application-layer floods, health-based detection — is the ' +
      'customer’s choice, and it costs a subscription (3,000 USD a month per organization, one-year commitment, ' +
      'plus data transfer out), so this is advice, not a defect.',
    remediation:
      'For entry points whose downtime costs more than the subscription, subscribe to Shield Advanced and add an ' +
      'AWS::Shield::Protection whose ResourceArn refers to the load balancer or distribution (or protect them ' +
      'through an AWS Firewall Manager Shield Advanced policy); otherwise suppress the finding.',
    references: [
      {
        tool: 'kics',
        id: 'ad7444cf-817a-4765-a79e-2145f7981faf',
        match: 'related',
        name: 'Shield Advanced not in use (asks for an AWS::FMS::Policy of type SHIELD_ADVANCED)',
      },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::ElasticLoadBalancingV2::LoadBalancer': checkLoadBalancer,
      'AWS::CloudFront::Distribution': (resource, context) =>
        checkEntryPoint(resource, context, 'CloudFront distribution', []),
    },
  },
} satisfies Rule<MessageId>;

/** Application load balancers are internet-facing unless `Scheme: internal`; network and gateway ones are left out. */
function checkLoadBalancer(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const types = values.lookup(properties, 'Type');
  if (!types.every((type) => type.kind === 'absent' || stringOf(type) === 'application')) return;
  const schemes = values.lookup(properties, 'Scheme');
  if (schemes.some((scheme) => scheme.kind !== 'absent' && stringOf(scheme) === undefined)) return;
  const public_ = schemes.filter((scheme) => scheme.kind === 'absent' || stringOf(scheme) === 'internet-facing');
  if (public_.length === 0) return;
  checkEntryPoint(resource, context, 'Internet-facing load balancer', public_);
}

function checkEntryPoint(
  resource: Resource,
  context: RuleContext<MessageId>,
  kind: string,
  reached: readonly Outcome[],
): void {
  if (context.memo('firewall/shield-advanced-protection:unknown', () => protectionUnknown(context))) return;
  const protectedHere = context.template.references
    .to(resource.id)
    .some((reference) => reference.from.type === 'AWS::Shield::Protection' && reference.path[1] === 'ResourceArn');
  if (protectedHere) return;
  const vias = reached.length === 0 ? [[]] : reached.map((outcome) => outcome.via);
  for (const via of vias) {
    context.report({ node: resource.idNode, via, messageId: 'unprotected', data: { kind, resource: resource.id } });
  }
}

/**
 * Whether the template protects resources this rule cannot match to entry points: a Shield protection whose
 * `ResourceArn` refers to no resource of the template (a literal ARN, an import, a parameter), or an AWS Firewall
 * Manager policy of type SHIELD_ADVANCED, which protects resources by type and tag. Either makes every entry point
 * unknown.
 */
function protectionUnknown(context: RuleContext<MessageId>): boolean {
  const values = context.values;
  return context.template.resources.some((resource) => {
    if (resource.type === 'AWS::FMS::Policy') {
      const properties = values.resolve(resource.properties, resource.anchor);
      return values
        .lookup(properties, 'SecurityServicePolicyData', 'Type')
        .some((type) => type.kind !== 'absent' && (stringOf(type) ?? 'SHIELD_ADVANCED') === 'SHIELD_ADVANCED');
    }
    if (resource.type !== 'AWS::Shield::Protection') return false;
    const references = context.template.references.from(resource.id);
    return !references.some((reference) => reference.path[1] === 'ResourceArn');
  });
}
