import { configAddress, configuredResources, type ConfiguredResource } from '../model/terraform-plan';
import type { Resource } from '../model/template';
import { getValue, isMap, isSeq, type MapNode, type SourceNode } from '../parsing/nodes';
import { isPlan } from './terraform';
import type { RuleContext } from './types';

/*
 * A plan's values are what Terraform will send, with data sources already read and variables already filled in;
 * how a value was written lives only in the plan's `configuration`. Rules that judge how a value is written (a
 * pinned AMI id against one looked up, a password written literally) ask here. Whether an attribute was written
 * at all the model already answers: a computed attribute the configuration leaves out is absent, not unknown.
 */

export type { ConfiguredResource } from '../model/terraform-plan';

/** How a planned resource is written in the plan's `configuration`; undefined outside plans or when not recorded. */
export function resourceConfiguration(context: RuleContext, resource: Resource): ConfiguredResource | undefined {
  if (!isPlan(context.template)) return undefined;
  const configured = context.memo('plan-configuration:resources', () => configuredResources(context.template.root));
  return configured.get(configAddress(resource.id));
}

/**
 * The expression recorded for a top-level attribute of `resource`: `null` when the configuration shows the resource
 * without that attribute; undefined when the plan carries no configuration for it, or the document is not a plan.
 */
export function configuredExpression(
  context: RuleContext,
  resource: Resource,
  attribute: string,
): SourceNode | null | undefined {
  const configuration = resourceConfiguration(context, resource);
  if (configuration === undefined) return undefined;
  return getValue(configuration.expressions, attribute) ?? null;
}

/** Whether the configuration writes the attribute as a literal (`constant_value`), not an expression. */
export function isConstant(expression: SourceNode | null | undefined): boolean {
  return expression !== null && isMap(expression) && getValue(expression, 'constant_value') !== undefined;
}

/**
 * The expressions of an attribute down a path of nested blocks (`['user', 'password']`): every block of a list is
 * followed. An attribute's expression covers all its value, so the path names no list items.
 */
export function expressionsAt(expressions: MapNode, path: readonly string[]): MapNode[] {
  let current: SourceNode[] = [expressions];
  for (const key of path) {
    const next: SourceNode[] = [];
    for (const node of current) {
      const value = isMap(node) ? getValue(node, key) : undefined;
      if (isSeq(value)) next.push(...value.items);
      else if (value !== undefined) next.push(value);
    }
    current = next;
  }
  return current.filter(isMap);
}
