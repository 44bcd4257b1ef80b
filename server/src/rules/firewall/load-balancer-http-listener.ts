import type { FixProposal, JsonValue } from '../../edits/changes';
import { isUnconditional, within } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { getValue } from '../../parsing/nodes';
import { combinations, itemOutcomes } from '../branches';
import {
  CLASSIC_LOAD_BALANCER,
  LISTENER,
  TF_CLASSIC_LOAD_BALANCER,
  TF_LISTENERS,
  internetFacing,
  isApplication,
  listenerLoadBalancers,
  propertyValues,
  terraformListenerLoadBalancer,
  upperOf,
} from '../load-balancer';
import { isPlan } from '../terraform';
import { members, propertyOf, resourceMembers } from '../terraform-links';
import type { Rule, RuleContext } from '../types';

type MessageId = 'plainHttp' | 'classicPlainHttp';

/** The default action the fix writes: a permanent redirect of every request to the same URL over HTTPS. */
const REDIRECT = [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }];
/** The same as a Terraform `default_action` block. */
const TF_REDIRECT: JsonValue = {
  type: 'redirect',
  redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' },
};
const FIX_TITLE = 'Redirect every HTTP request to HTTPS (the listener stops forwarding plain HTTP to targets)';

const ID = 'firewall/load-balancer-http-listener';

export const loadBalancerHttpListener = {
  meta: {
    id: ID,
    title: 'Internet-facing load balancers do not serve plain HTTP',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      plainHttp:
        'The HTTP listener of internet-facing load balancer {{loadBalancer}} does not redirect to HTTPS, so requests, ' +
        'cookies and credentials cross the internet unencrypted.',
      classicPlainHttp:
        'Listener on port {{port}} of internet-facing classic load balancer {{loadBalancer}} uses HTTP, so requests, ' +
        'cookies and credentials cross the internet unencrypted.',
    },
    rationale:
      'TLS on public entry points is the customer’s side of the shared-responsibility model: AWS runs the load ' +
      'balancer, but which protocols its listeners accept is the template’s choice. A listener that serves plain HTTP ' +
      'to the internet lets anyone on the path — a public Wi-Fi, a compromised router, an ISP — read and alter ' +
      'requests and responses, steal session cookies and credentials, and inject content into pages.',
    remediation:
      'Serve the application on an HTTPS listener with a certificate, and make the HTTP listener’s only default ' +
      'action a redirect to HTTPS (Type: redirect, RedirectConfig: { Protocol: HTTPS, Port: "443", StatusCode: ' +
      'HTTP_301 }); move forwarding listener rules to the HTTPS listener. Classic load balancers cannot redirect: ' +
      'replace the HTTP listener with an HTTPS one, or migrate to an application load balancer.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_2', match: 'equivalent', name: 'Ensure ALB protocol is HTTPS' },
      { tool: 'cfnNag', id: 'W56', match: 'equivalent', name: 'ELBv2 Listener Protocol should use HTTPS for ALBs' },
      { tool: 'kics', id: '275a3217-ca37-40c1-a6cf-bb57d245ab32', match: 'equivalent', name: 'ALB Listening on HTTP' },
      { tool: 'trivy', id: 'AVD-AWS-0054', match: 'equivalent', name: 'aws-elb-http-not-used' },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-ALBHttpToHttpsRedirection', match: 'equivalent' },
      { tool: 'cdkNag', id: 'HIPAA.Security-ALBHttpToHttpsRedirection', match: 'equivalent' },
    ],
    fix: 'suggestion',
    cdk: 'a listener with protocol: elbv2.ApplicationProtocol.HTTPS (or a redirect)',
  },
  visitors: {
    cloudformation: {
      [LISTENER]: checkListener,
      [CLASSIC_LOAD_BALANCER]: (resource, context) => checkClassic(resource, context, CLASSIC),
    },
    terraform: {
      aws_lb_listener: checkTerraformListener,
      aws_alb_listener: checkTerraformListener,
      [TF_CLASSIC_LOAD_BALANCER]: (resource, context) => checkClassic(resource, context, TF_CLASSIC),
    },
  },
} satisfies Rule<MessageId>;

/** How each dialect names a listener's default actions and a redirect's protocol. */
interface ActionNames {
  readonly type: string;
  readonly redirect: string;
  readonly protocol: string;
}

const ACTIONS: ActionNames = { type: 'Type', redirect: 'RedirectConfig', protocol: 'Protocol' };
const TF_ACTIONS: ActionNames = { type: 'type', redirect: 'redirect', protocol: 'protocol' };

/** How each dialect names a classic load balancer's listeners. */
interface ClassicNames {
  readonly listeners: string;
  readonly protocol: string;
  readonly port: string;
}

const CLASSIC: ClassicNames = { listeners: 'Listeners', protocol: 'Protocol', port: 'LoadBalancerPort' };
const TF_CLASSIC: ClassicNames = { listeners: 'listener', protocol: 'lb_protocol', port: 'lb_port' };

function checkListener(listener: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const protocols = propertyValues(values, listener, 'Protocol');
  const actions = propertyValues(values, listener, 'DefaultActions');
  for (const { arn, loadBalancer } of listenerLoadBalancers(listener, values, (id) => context.template.resource(id))) {
    for (const [protocol, action] of combinations([protocols, actions], arn.via)) {
      if (protocol === undefined || action === undefined || upperOf(protocol) !== 'HTTP') continue;
      if (action.kind !== 'seq') continue;
      const items = itemOutcomes(values, action.seq, action.node, action.via);
      if (redirectsToHttps(items, context, ACTIONS) !== false) continue;
      for (const { scheme, facing } of internetFacing(context, loadBalancer, action.via)) {
        if (!facing) continue;
        const fixes =
          [protocol, action, arn, scheme].every((outcome) => isUnconditional([outcome])) &&
          hasHttpsListener(loadBalancer, listener, context)
            ? redirect(action, listener)
            : [];
        context.report({
          node: protocol.node,
          via: scheme.via,
          messageId: 'plainHttp',
          data: { loadBalancer: loadBalancer.id },
          related: [{ node: loadBalancer.idNode, message: `Load balancer ${loadBalancer.id}, internet-facing` }],
          fixes,
        });
      }
    }
  }
}

/**
 * Terraform: the listener's protocol (absent is the provider's default, HTTP, on an Application Load Balancer) and
 * its `default_action` blocks, judged as in CloudFormation.
 */
function checkTerraformListener(listener: Resource, context: RuleContext<MessageId>): void {
  const loadBalancer = terraformListenerLoadBalancer(listener, context);
  if (loadBalancer === undefined) return;
  const types = propertyOf(context, loadBalancer, 'load_balancer_type');
  const actions = resourceMembers(context, listener, 'default_action');
  for (const [protocol, type] of combinations([propertyOf(context, listener, 'protocol'), types])) {
    if (protocol === undefined || type === undefined) continue;
    const name = protocol.kind === 'absent' ? (isApplication(type) === true ? 'HTTP' : undefined) : upperOf(protocol);
    if (name !== 'HTTP' || redirectsToHttps(actions, context, TF_ACTIONS) !== false) continue;
    for (const { scheme, facing } of internetFacing(context, loadBalancer, type.via)) {
      if (!facing) continue;
      const fixes = hasTerraformHttpsListener(loadBalancer, listener, context)
        ? terraformRedirect(listener, context)
        : [];
      context.report({
        node: protocol.node,
        via: scheme.via,
        messageId: 'plainHttp',
        data: { loadBalancer: loadBalancer.id },
        related: [{ node: loadBalancer.idNode, message: `Load balancer ${loadBalancer.id}, internet-facing` }],
        fixes,
      });
    }
  }
}

/**
 * Whether the default actions send every request to HTTPS: an action of type `redirect` whose `RedirectConfig`
 * (`redirect` block) has `Protocol: HTTPS`. Anything the template does not show (an action list from a parameter,
 * a `Type` from a function) is unknown, which never reports.
 */
function redirectsToHttps(
  items: readonly Outcome[],
  context: RuleContext<MessageId>,
  names: ActionNames,
): boolean | 'unknown' {
  let unknown = false;
  for (const item of items) {
    if (item.kind !== 'map') {
      unknown = true;
      continue;
    }
    for (const type of context.values.lookup([item], names.type)) {
      const text = stringOf(type)?.trim().toLowerCase();
      if (text === undefined) unknown = true;
      if (text !== 'redirect') continue;
      for (const protocol of context.values.lookup(members(context, [item], names.redirect), names.protocol)) {
        const target = upperOf(protocol);
        if (target === 'HTTPS') return true;
        if (target === undefined) unknown = true;
      }
    }
  }
  return unknown ? 'unknown' : false;
}

/**
 * Whether the same load balancer has an HTTPS listener in the template in every deployment where this one exists:
 * only then does the redirect lead somewhere, so only then is the fix offered.
 */
function hasHttpsListener(loadBalancer: Resource, listener: Resource, context: RuleContext<MessageId>): boolean {
  // A listener under another condition may be missing where this one deploys.
  const condition = (resource: Resource): unknown => {
    const node = getValue(resource.node, 'Condition');
    return node?.kind === 'scalar' ? node.value : node;
  };
  // Each load balancer's HTTPS listeners, found once per lint: a scan per HTTP listener is quadratic.
  const https = context.memo(`${ID}:https-listeners`, () => {
    const byLoadBalancer = new Map<string, Resource[]>();
    for (const other of context.template.resources) {
      if (other.type !== LISTENER) continue;
      const targets = listenerLoadBalancers(other, context.values, (id) => context.template.resource(id));
      const protocols = propertyValues(context.values, other, 'Protocol');
      const target = targets.length === 1 ? targets[0] : undefined;
      if (target === undefined || !isUnconditional([target.arn]) || !isUnconditional(protocols)) continue;
      if (protocols[0] === undefined || upperOf(protocols[0]) !== 'HTTPS') continue;
      const list = byLoadBalancer.get(target.loadBalancer.id);
      if (list === undefined) byLoadBalancer.set(target.loadBalancer.id, [other]);
      else list.push(other);
    }
    return byLoadBalancer;
  });
  return (https.get(loadBalancer.id) ?? []).some((other) => {
    if (other === listener) return false;
    const otherCondition = condition(other);
    return otherCondition === undefined || otherCondition === condition(listener);
  });
}

/** Terraform: another listener of the same load balancer whose protocol is HTTPS, so the redirect leads somewhere. */
function hasTerraformHttpsListener(
  loadBalancer: Resource,
  listener: Resource,
  context: RuleContext<MessageId>,
): boolean {
  // Each load balancer's HTTPS listeners, found once per lint: a scan per HTTP listener is quadratic.
  const https = context.memo(`${ID}:terraform-https-listeners`, () => {
    const byLoadBalancer = new Map<Resource, Resource[]>();
    for (const other of context.template.resources) {
      if (!TF_LISTENERS.includes(other.type)) continue;
      const target = terraformListenerLoadBalancer(other, context);
      if (target === undefined) continue;
      const protocols = propertyOf(context, other, 'protocol');
      if (!isUnconditional(protocols) || protocols[0] === undefined || upperOf(protocols[0]) !== 'HTTPS') continue;
      const list = byLoadBalancer.get(target);
      if (list === undefined) byLoadBalancer.set(target, [other]);
      else list.push(other);
    }
    return byLoadBalancer;
  });
  return (https.get(loadBalancer) ?? []).some((other) => other !== listener);
}

/** Replaces the default actions, written as a list in the listener, with the redirect to HTTPS. */
function redirect(actions: Outcome, listener: Resource): FixProposal[] {
  if (actions.kind !== 'seq' || !within(listener.node, actions.seq)) return [];
  return [{ title: FIX_TITLE, safe: false, changes: [{ kind: 'replace', node: actions.seq, value: REDIRECT }] }];
}

/** Terraform: the `default_action` block (or blocks) written in the listener, replaced by one redirect block. */
function terraformRedirect(listener: Resource, context: RuleContext<MessageId>): FixProposal[] {
  const actions = getValue(listener.properties, 'default_action');
  if (isPlan(context.template) || actions === undefined || !within(listener.node, actions)) return [];
  return [{ title: FIX_TITLE, safe: false, changes: [{ kind: 'replace', node: actions, value: TF_REDIRECT }] }];
}

function checkClassic(loadBalancer: Resource, context: RuleContext<MessageId>, names: ClassicNames): void {
  const values = context.values;
  for (const item of resourceMembers(context, loadBalancer, names.listeners)) {
    if (item.kind !== 'map') continue;
    const protocols = values.lookup([item], names.protocol);
    const ports = values.lookup([item], names.port);
    for (const [protocol, port] of combinations([protocols, ports], item.via)) {
      if (protocol === undefined || port === undefined || upperOf(protocol) !== 'HTTP') continue;
      for (const { scheme, facing } of internetFacing(context, loadBalancer, port.via)) {
        if (!facing) continue;
        context.report({
          node: protocol.node,
          via: scheme.via,
          messageId: 'classicPlainHttp',
          data: { loadBalancer: loadBalancer.id, port: stringOf(port) ?? '?' },
        });
      }
    }
  }
}
