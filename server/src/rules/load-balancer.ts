import type { Resource } from '../model/template';
import { stringOf, truthOf, type Outcome, type ValueResolver } from '../model/values';
import { along } from './branches';
import { namedResource, propertyOf } from './terraform-links';
import type { RuleContext } from './types';

/*
 * Shared reasoning about Elastic Load Balancing listeners for the firewall rules on public entry points: which load
 * balancer a listener belongs to, and whether that load balancer faces the internet. CloudFormation writes
 * `Scheme: internet-facing | internal`, the AWS provider `internal = true | false`; both default to facing it.
 */

export const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
export const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const CLASSIC_LOAD_BALANCER = 'AWS::ElasticLoadBalancing::LoadBalancer';

/** The AWS provider's names: `aws_alb*` are aliases of `aws_lb*`; `aws_elb` is the classic load balancer. */
export const TF_LISTENERS: readonly string[] = ['aws_lb_listener', 'aws_alb_listener'];
export const TF_LOAD_BALANCERS: readonly string[] = ['aws_lb', 'aws_alb'];
export const TF_CLASSIC_LOAD_BALANCER = 'aws_elb';

/** Whether a resource is a Terraform load balancer of either generation, whose exposure `internal` says. */
function isTerraformLoadBalancer(resource: Resource): boolean {
  return TF_LOAD_BALANCERS.includes(resource.type) || resource.type === TF_CLASSIC_LOAD_BALANCER;
}

/** The values a property of a resource can take, reached along `via`. */
export function propertyValues(
  values: ValueResolver,
  resource: Resource,
  key: string,
  via: Outcome['via'] = [],
): readonly Outcome[] {
  return along(values.lookup(values.resolve(resource.properties, resource.anchor), key), via);
}

/** A scalar in upper case, for the protocol names CloudFormation compares without case; undefined otherwise. */
export function upperOf(outcome: Outcome): string | undefined {
  return stringOf(outcome)?.trim().toUpperCase();
}

/**
 * The load balancers of the template that a listener's `LoadBalancerArn` names (`!Ref` or
 * `!GetAtt X.LoadBalancerArn`), one outcome per branch, each with
 * the load balancer; an ARN written literally, imported or taken from a parameter is another stack's load balancer,
 * which the template does not show, so that branch yields nothing (unknown).
 */
export function listenerLoadBalancers(
  listener: Resource,
  values: ValueResolver,
  resources: (id: string) => Resource | undefined,
): { readonly arn: Outcome; readonly loadBalancer: Resource }[] {
  const found: { arn: Outcome; loadBalancer: Resource }[] = [];
  for (const arn of propertyValues(values, listener, 'LoadBalancerArn')) {
    const target =
      arn.kind === 'resource' && (arn.attribute === undefined || arn.attribute === 'LoadBalancerArn')
        ? resources(arn.id)
        : undefined;
    if (target?.type === LOAD_BALANCER) found.push({ arn, loadBalancer: target });
  }
  return found;
}

/**
 * The Terraform load balancer a listener's `load_balancer_arn` names (`${aws_lb.web.arn}`, or in a plan the one
 * resource its expression refers to); undefined for one of another configuration, which is unknown.
 */
export function terraformListenerLoadBalancer(listener: Resource, context: RuleContext): Resource | undefined {
  for (const arn of propertyOf(context, listener, 'load_balancer_arn')) {
    const target = namedResource(context, listener, arn, ['load_balancer_arn']);
    if (target !== undefined && TF_LOAD_BALANCERS.includes(target.type)) return target;
  }
  return undefined;
}

/**
 * Whether a load balancer faces the internet in a deployment: `Scheme` absent (CloudFormation's default is
 * `internet-facing` for both generations) or `internet-facing`; in Terraform `internal` absent (the provider's
 * default, false; a plan's computed value the configuration never wrote) or false. `true`/`false` per branch;
 * unknown outcomes are left out, so a scheme from a parameter without default never reports.
 */
export function internetFacing(
  context: RuleContext,
  loadBalancer: Resource,
  via: Outcome['via'],
): { readonly scheme: Outcome; readonly facing: boolean }[] {
  const result: { scheme: Outcome; facing: boolean }[] = [];
  const terraform = isTerraformLoadBalancer(loadBalancer);
  for (const scheme of along(propertyOf(context, loadBalancer, exposureKey(loadBalancer)), via)) {
    const facing = terraform ? facesByInternal(scheme) : facesByScheme(scheme);
    if (facing !== undefined) result.push({ scheme, facing });
  }
  return result;
}

function facesByScheme(scheme: Outcome): boolean | undefined {
  if (scheme.kind === 'absent') return true;
  const text = stringOf(scheme)?.trim().toLowerCase();
  return text === 'internet-facing' ? true : text === 'internal' ? false : undefined;
}

function facesByInternal(internal: Outcome): boolean | undefined {
  if (internal.kind === 'absent') return true;
  const truth = truthOf(internal);
  return truth === 'unknown' ? undefined : !truth;
}

/**
 * Whether a load balancer is an Application Load Balancer in a deployment, by `Type` (`load_balancer_type` in
 * Terraform): absent is `application` in both dialects. Undefined when the type cannot be read.
 */
export function isApplication(type: Outcome): boolean | undefined {
  if (type.kind === 'absent') return true;
  const text = stringOf(type)?.trim().toLowerCase();
  return text === undefined ? undefined : text === 'application';
}

/** The property that says whether a load balancer faces the internet, per dialect. */
export function exposureKey(loadBalancer: Resource): string {
  return isTerraformLoadBalancer(loadBalancer) ? 'internal' : 'Scheme';
}

/** The property that holds a load balancer's type, per dialect. */
export function typeKey(loadBalancer: Resource): string {
  return isTerraformLoadBalancer(loadBalancer) ? 'load_balancer_type' : 'Type';
}
