import type { Resource } from '../model/template';
import { stringOf, type Outcome, type ValueResolver } from '../model/values';
import { along } from './branches';

/*
 * Shared reasoning about Elastic Load Balancing listeners for the firewall rules on public entry points: which load
 * balancer a listener belongs to, and whether that load balancer faces the internet.
 */

export const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
export const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const CLASSIC_LOAD_BALANCER = 'AWS::ElasticLoadBalancing::LoadBalancer';

/** The values a property of a resource can take, reached along `via`. */
export function propertyValues(
  values: ValueResolver,
  resource: Resource,
  key: string,
  via: Outcome['via'] = [],
): Outcome[] {
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
 * Whether a load balancer faces the internet in a deployment: `Scheme` absent (CloudFormation's default is
 * `internet-facing` for both generations) or `internet-facing`. `true`/`false` per branch; unknown outcomes are
 * left out, so a scheme from a parameter without default never reports.
 */
export function internetFacing(
  values: ValueResolver,
  loadBalancer: Resource,
  via: Outcome['via'],
): { readonly scheme: Outcome; readonly facing: boolean }[] {
  const result: { scheme: Outcome; facing: boolean }[] = [];
  for (const scheme of propertyValues(values, loadBalancer, 'Scheme', via)) {
    if (scheme.kind === 'absent') result.push({ scheme, facing: true });
    else {
      const text = stringOf(scheme)?.trim().toLowerCase();
      if (text === 'internet-facing' || text === 'internal')
        result.push({ scheme, facing: text === 'internet-facing' });
    }
  }
  return result;
}
