import type { Resource } from '../model/template';
import { stringOf } from '../model/values';
import { isMap, isSeq, scalarText, singleEntry, type SourceNode } from '../parsing/nodes';
import type { RuleContext } from './types';

/*
 * The four `firewall/*-without-waf` rules share one question: is this public entry point protected by a web ACL
 * of this template? Regional resources (load balancers, API Gateway stages, AppSync APIs) are protected by a
 * separate association resource; CloudFront reads the distribution's own `WebACLId` and is judged in its rule.
 */

/** `protected`: an association targets it; `unknown`: one might (its target cannot be read). */
export type Protection = 'protected' | 'unprotected' | 'unknown';

/** WAFv2 and WAF classic (regional) associations; both take `ResourceArn`. */
export const ASSOCIATION_TYPES: readonly string[] = [
  'AWS::WAFv2::WebACLAssociation',
  'AWS::WAFRegional::WebACLAssociation',
];

/** What one value of an association's `ResourceArn` points at. */
interface Target {
  /** Resources of this template the ARN refers to (`Ref`, `Fn::GetAtt`, `${…}` in `Fn::Sub`, inside `Fn::Join`). */
  readonly resources: ReadonlySet<string>;
  /** The stage name after `/stages/` in a `Fn::Sub` stage ARN, when written literally. */
  readonly stageName: string | undefined;
}

/**
 * The targets of every association in the template, one per value its `ResourceArn` can take, or `unknown` when
 * one of those values points at something the template cannot show (a literal ARN, a parameter, an import): that
 * association may protect any candidate.
 */
function targets(context: RuleContext): Target[] | 'unknown' {
  const values = context.values;
  const found: Target[] = [];
  for (const association of context.template.resources) {
    if (!ASSOCIATION_TYPES.includes(association.type)) continue;
    const references = context.template.references.from(association.id);
    for (const arn of values.lookup(values.resolve(association.properties, association.anchor), 'ResourceArn')) {
      if (arn.kind === 'absent') continue;
      if (arn.kind === 'resource') {
        found.push({ resources: new Set([arn.id]), stageName: undefined });
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
  return found;
}

/** Whether an association in the template targets `resource` itself (a load balancer, an AppSync API). */
export function associationProtection(resource: Resource, context: RuleContext): Protection {
  const all = context.memo('waf:targets', () => targets(context));
  if (all === 'unknown') return 'unknown';
  return all.some((target) => target.resources.has(resource.id)) ? 'protected' : 'unprotected';
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
  let result: Protection = 'unprotected';
  for (const target of all) {
    if (target.resources.has(stage.id)) return 'protected';
    if (!target.resources.has(api)) continue;
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
  const pattern = scalarText(isSeq(sub.value) ? sub.value.items[0] : sub.value);
  return /\/stages\/([^/${}]+)$/.exec(pattern ?? '')?.[1];
}

/** The logical id a property refers to with `Ref` (or `Fn::GetAtt`), when it is a resource of the template. */
export function referencedResource(resource: Resource, context: RuleContext, key: string): Resource | undefined {
  for (const outcome of context.values.lookup(context.values.resolve(resource.properties, resource.anchor), key)) {
    if (outcome.kind === 'resource') return context.template.resource(outcome.id);
  }
  return undefined;
}

/** A property's value as text in every deployment, or undefined when it is absent, unknown or conditional. */
export function fixedText(resource: Resource, context: RuleContext, key: string): string | undefined {
  const outcomes = context.values.lookup(context.values.resolve(resource.properties, resource.anchor), key);
  const texts = new Set(outcomes.map((outcome) => stringOf(outcome)));
  const [only] = texts;
  return texts.size === 1 ? only : undefined;
}
