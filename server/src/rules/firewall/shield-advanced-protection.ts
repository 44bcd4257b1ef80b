import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { exposureKey, internetFacing, isApplication, typeKey } from '../load-balancer';
import { isTerraform, propertyOf, resourceMembers } from '../terraform-links';
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
        '{{kind}} {{resource}} is a public entry point that no {{protection}} in this template protects: ' +
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
      'through an AWS Firewall Manager Shield Advanced policy); otherwise suppress the finding. In Terraform: an ' +
      'aws_shield_protection whose resource_arn is the aws_lb’s or aws_cloudfront_distribution’s arn.',
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
    terraform: {
      aws_lb: checkLoadBalancer,
      aws_alb: checkLoadBalancer,
      aws_cloudfront_distribution: (resource, context) =>
        checkEntryPoint(resource, context, 'CloudFront distribution', []),
    },
  },
} satisfies Rule<MessageId>;

/** How each dialect names a Shield protection and a Firewall Manager policy. */
interface Names {
  readonly protection: string;
  readonly resourceArn: string;
  readonly policy: string;
  readonly policyData: string;
  readonly policyType: string;
}

const CLOUDFORMATION: Names = {
  protection: 'AWS::Shield::Protection',
  resourceArn: 'ResourceArn',
  policy: 'AWS::FMS::Policy',
  policyData: 'SecurityServicePolicyData',
  policyType: 'Type',
};
const TERRAFORM: Names = {
  protection: 'aws_shield_protection',
  resourceArn: 'resource_arn',
  policy: 'aws_fms_policy',
  policyData: 'security_service_policy_data',
  policyType: 'type',
};

function namesOf(context: RuleContext<MessageId>): Names {
  return isTerraform(context) ? TERRAFORM : CLOUDFORMATION;
}

/**
 * Application load balancers are internet-facing unless `Scheme: internal` (`internal = true`); network and gateway
 * ones are left out, and so is one whose type or exposure cannot be read.
 */
function checkLoadBalancer(resource: Resource, context: RuleContext<MessageId>): void {
  const types = propertyOf(context, resource, typeKey(resource));
  if (!types.every((type) => isApplication(type) === true)) return;
  const exposures = internetFacing(context, resource, []);
  // An exposure that cannot be read on some branch (a parameter without default) leaves the whole resource unknown.
  if (exposures.length < propertyOf(context, resource, exposureKey(resource)).length) return;
  const public_ = exposures.filter(({ facing }) => facing).map(({ scheme }) => scheme);
  if (public_.length === 0) return;
  checkEntryPoint(resource, context, 'Internet-facing load balancer', public_);
}

function checkEntryPoint(
  resource: Resource,
  context: RuleContext<MessageId>,
  kind: string,
  reached: readonly Outcome[],
): void {
  const names = namesOf(context);
  if (context.memo('firewall/shield-advanced-protection:unknown', () => protectionUnknown(context, names))) return;
  const protectedHere = context.template.references
    .to(resource.id)
    .some((reference) => reference.from.type === names.protection && arnPath(reference.path, names));
  if (protectedHere) return;
  const vias = reached.length === 0 ? [[]] : reached.map((outcome) => outcome.via);
  const data = { kind, resource: resource.id, protection: names.protection };
  for (const via of vias) context.report({ node: resource.idNode, via, messageId: 'unprotected', data });
}

/** Whether a reference's path is the protection's ResourceArn: under `Properties` in CloudFormation, top-level in Terraform. */
function arnPath(path: readonly string[], names: Names): boolean {
  return names === TERRAFORM ? path[0] === names.resourceArn : path[1] === names.resourceArn;
}

/**
 * Whether the template protects resources this rule cannot match to entry points: a Shield protection whose
 * `ResourceArn` refers to no resource of the template (a literal ARN, an import, a parameter), or an AWS Firewall
 * Manager policy of type SHIELD_ADVANCED, which protects resources by type and tag. Either makes every entry point
 * unknown; so does a Terraform module, which may bring either.
 */
function protectionUnknown(context: RuleContext<MessageId>, names: Names): boolean {
  if (names === TERRAFORM && context.template.hasHiddenResources()) return true;
  const values = context.values;
  return context.template.resources.some((resource) => {
    if (resource.type === names.policy) {
      return values
        .lookup(resourceMembers(context, resource, names.policyData), names.policyType)
        .some((type) => type.kind !== 'absent' && (stringOf(type) ?? 'SHIELD_ADVANCED') === 'SHIELD_ADVANCED');
    }
    if (resource.type !== names.protection) return false;
    const references = context.template.references.from(resource.id);
    return !references.some((reference) => arnPath(reference.path, names));
  });
}
