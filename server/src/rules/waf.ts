import type { Resource } from '../model/template';
import { stringOf, type Outcome } from '../model/values';
import { isMap, isSeq, scalarText, singleEntry, type SourceNode } from '../parsing/nodes';
import { KeyedIndex } from './keyed-index';
import { attributeValues } from './terraform-computed';
import { isTerraform, namedResource, referredResources } from './terraform-links';
import type { RuleContext } from './types';

/*
 * The four `firewall/*-without-waf` rules share one question: is this public entry point protected by a web ACL
 * of this template? Regional resources (load balancers, API Gateway stages, AppSync APIs) are protected by a
 * separate association resource (in Terraform `aws_wafv2_web_acl_association` or
 * `aws_wafregional_web_acl_association`); CloudFront reads the distribution's own `WebACLId` (`web_acl_id`) and is
 * judged in its rule.
 */

/** `protected`: an association targets it; `unknown`: one might (its target cannot be read). */
export type Protection = 'protected' | 'unprotected' | 'unknown';

/** WAFv2 and WAF classic (regional) associations, by the attribute that names the protected resource. */
export const ASSOCIATION_TYPES: Readonly<Record<string, string>> = {
  'AWS::WAFv2::WebACLAssociation': 'ResourceArn',
  'AWS::WAFRegional::WebACLAssociation': 'ResourceArn',
  aws_wafv2_web_acl_association: 'resource_arn',
  aws_wafregional_web_acl_association: 'resource_arn',
};

/** What one value of an association's `ResourceArn` points at. */
interface Target {
  /** Resources of this template the ARN refers to (`Ref`, `Fn::GetAtt`, `${…}` in `Fn::Sub`, inside `Fn::Join`). */
  readonly resources: ReadonlySet<string>;
  /** The stage name after `/stages/` in a `Fn::Sub` stage ARN, when written literally. */
  readonly stageName: string | undefined;
}

/**
 * The targets of every association in the template, one per value its `ResourceArn` can take, filed under each
 * resource they refer to; or `unknown` when one of those values points at something the template cannot show (a
 * literal ARN, a parameter, an import): that association may protect any candidate.
 */
function targets(context: RuleContext): KeyedIndex<Target> | 'unknown' {
  const values = context.values;
  const found: Target[] = [];
  for (const association of context.template.resources) {
    const key = ASSOCIATION_TYPES[association.type];
    if (key === undefined) continue;
    const references = context.template.references.from(association.id);
    for (const arn of values.lookup(values.resolve(association.properties, association.anchor), key)) {
      if (arn.kind === 'absent') continue;
      if (arn.kind === 'resource') {
        found.push({ resources: new Set([arn.id]), stageName: undefined });
        continue;
      }
      if (isTerraform(context)) {
        const target = terraformTarget(association, arn, key, context);
        if (target === undefined) return 'unknown';
        found.push(target);
        continue;
      }
      // A Sub or Join over resources resolves to unknown text; the resources it names are still its targets.
      const inside = references.filter(
        (reference) => reference.node.start >= arn.node.start && reference.node.end <= arn.node.end,
      );
      if (arn.kind !== 'unknown' || inside.length === 0) return 'unknown';
      found.push({ resources: new Set(inside.map((reference) => reference.to)), stageName: subStageName(arn.node) });
    }
  }
  const index = new KeyedIndex<Target>();
  for (const target of found) for (const id of target.resources) index.add(id, target);
  return index;
}

/**
 * A Terraform association's target: the resources its `resource_arn` expression refers to (an interpolation in a
 * `.tf.json`, the configuration's references in a plan, where the value itself may be a literal ARN already), and
 * the stage name its text spells after `/stages/`. Undefined when it refers to none: a literal ARN or a variable,
 * which may be anything.
 */
function terraformTarget(association: Resource, arn: Outcome, key: string, context: RuleContext): Target | undefined {
  const resources = referredResources(context, association, [key]);
  if (resources.length === 0) return undefined;
  const text = arn.node.kind === 'scalar' && typeof arn.node.value === 'string' ? arn.node.value : '';
  return { resources: new Set(resources.map((resource) => resource.id)), stageName: arnStageName(text) };
}

/** Whether an association in the template targets `resource` itself (a load balancer, an AppSync API). */
export function associationProtection(resource: Resource, context: RuleContext): Protection {
  const all = context.memo('waf:targets', () => targets(context));
  if (all === 'unknown') return 'unknown';
  return all.get(resource.id).length > 0 ? 'protected' : 'unprotected';
}

/**
 * Whether a REST API stage is protected. `stage` is the `AWS::ApiGateway::Stage` resource, or the
 * `AWS::ApiGateway::Deployment` whose `StageName` creates the stage implicitly; `api` is the RestApi's logical
 * id and `name` the stage name, when known. An association that refers to the stage resource protects it; one
 * that refers to the API protects the stage whose name it spells after `/stages/`, and makes any stage of that
 * API unknown when the name cannot be read.
 */
export function stageProtection(
  stage: Resource,
  api: string,
  name: string | undefined,
  context: RuleContext,
): Protection {
  const all = context.memo('waf:targets', () => targets(context));
  if (all === 'unknown') return 'unknown';
  if (all.get(stage.id).length > 0) return 'protected';
  let result: Protection = 'unprotected';
  for (const target of all.get(api)) {
    // The ARN names a stage by a reference to some other resource or parameter: cannot tell which stage.
    if (target.stageName === undefined || name === undefined) result = 'unknown';
    else if (target.stageName === name) return 'protected';
  }
  return result;
}

/** The literal stage name ending a `Fn::Sub` ARN (`…/restapis/${Api}/stages/prod`); undefined otherwise. */
function subStageName(arn: SourceNode): string | undefined {
  const sub = isMap(arn) ? singleEntry(arn) : undefined;
  if (sub === undefined || scalarText(sub.key) !== 'Fn::Sub') return undefined;
  return arnStageName(scalarText(isSeq(sub.value) ? sub.value.items[0] : sub.value) ?? '');
}

function arnStageName(text: string): string | undefined {
  return /\/stages\/([^/${}]+)$/.exec(text)?.[1];
}

/**
 * The resource a property refers to with `Ref` (or `Fn::GetAtt`), or in Terraform with `${aws_x.y.attr}` (in a
 * plan, through the configuration's references), when it is a resource of the template.
 */
export function referencedResource(resource: Resource, context: RuleContext, key: string): Resource | undefined {
  for (const outcome of context.values.lookup(context.values.resolve(resource.properties, resource.anchor), key)) {
    const named = isTerraform(context)
      ? namedResource(context, resource, outcome, [key])
      : outcome.kind === 'resource'
        ? context.template.resource(outcome.id)
        : undefined;
    if (named !== undefined) return named;
  }
  return undefined;
}

/**
 * Whether a Terraform plan shows a web ACL already associated with the resource (`web_acl_arn` of an
 * `aws_api_gateway_stage`, an attribute the provider reads back from AWS): an association made outside this
 * configuration, which protects it.
 */
export function associatedInPlan(resource: Resource, context: RuleContext, key: string): boolean {
  if (!isTerraform(context)) return false;
  return attributeValues(resource, context, key).some((arn) => (stringOf(arn)?.trim() ?? '') !== '');
}

/** A property's value as text in every deployment, or undefined when it is absent, unknown or conditional. */
export function fixedText(resource: Resource, context: RuleContext, key: string): string | undefined {
  const outcomes = context.values.lookup(context.values.resolve(resource.properties, resource.anchor), key);
  const texts = new Set(outcomes.map((outcome) => stringOf(outcome)));
  const [only] = texts;
  return texts.size === 1 ? only : undefined;
}

/** Terraform resources that add a rule to a WAFv2 web ACL from outside it, by its `web_acl_arn`. */
export const TF_SPLIT_RULES: readonly string[] = ['aws_wafv2_web_acl_rule', 'aws_wafv2_web_acl_rule_group_association'];

/**
 * The Terraform resources that add rules to a WAFv2 web ACL from outside it; `unknown` when a module may bring
 * some, or one names a web ACL by a value that cannot be read (it may be this one).
 */
export function splitRules(acl: Resource, context: RuleContext): Resource[] | 'unknown' {
  if (context.template.hasHiddenResources()) return 'unknown';
  const byAcl = context.memo('waf:split-rules', () => splitRulesByAcl(context));
  return byAcl === 'unknown' ? 'unknown' : [...byAcl.get(acl)];
}

/** Every split rule of the configuration under each web ACL it names, once per lint; `unknown` as `splitRules`. */
function splitRulesByAcl(context: RuleContext): KeyedIndex<Resource, Resource> | 'unknown' {
  const index = new KeyedIndex<Resource, Resource>();
  for (const rule of context.template.resources) {
    if (!TF_SPLIT_RULES.includes(rule.type)) continue;
    const targets = referredResources(context, rule, ['web_acl_arn']);
    if (targets.length === 0) return 'unknown';
    for (const target of targets) index.add(target, rule);
  }
  return index;
}
