import { configAddress } from '../model/terraform-plan';
import type { Resource } from '../model/template';
import type { Outcome } from '../model/values';
import { getValue, isMap, isSeq, scalarText, type MapNode, type SourceNode } from '../parsing/nodes';
import { isPlan } from './terraform';
import type { RuleContext } from './types';

/*
 * A plan's values are what Terraform will send, with data sources already read and variables already filled in;
 * how a value was written lives only in the plan's `configuration`. Rules that judge how a value is written (a
 * pinned AMI id against one looked up) or whether it was written at all (an attribute the provider computes) ask
 * here.
 */

/**
 * The expression the plan's configuration records for a top-level attribute of `resource` (`{ constant_value }`
 * for a literal, `{ references }` for anything that names a variable, a data source or a resource; an array of
 * such maps for a nested block). `null` when the configuration shows the resource without that attribute;
 * undefined when the plan carries no configuration for the resource, or the document is not a plan.
 */
export function configuredExpression(
  context: RuleContext,
  resource: Resource,
  attribute: string,
): SourceNode | null | undefined {
  if (!isPlan(context.template)) return undefined;
  const expressions = configurations(context).get(configAddress(resource.id));
  if (expressions === undefined) return undefined;
  return getValue(expressions, attribute) ?? null;
}

/** Whether the configuration writes the attribute as a literal (`constant_value`), not an expression. */
export function isConstant(expression: SourceNode | null | undefined): boolean {
  return expression !== null && isMap(expression) && getValue(expression, 'constant_value') !== undefined;
}

/**
 * A plan's unknown values of an attribute the configuration never wrote are the provider's computed default, which
 * a rule judges as absent (AWS's default); any other outcome, and any document that is not a plan, is left as it is.
 */
export function unwrittenAsAbsent(
  context: RuleContext,
  resource: Resource,
  attribute: string,
  outcomes: readonly Outcome[],
): Outcome[] {
  if (configuredExpression(context, resource, attribute) !== null) return [...outcomes];
  return outcomes.map((outcome) =>
    outcome.kind === 'unknown' ? { kind: 'absent', node: outcome.node, via: outcome.via } : outcome,
  );
}

/** Each configured resource's `expressions` by configuration address (`module.a.aws_x.y`), once per lint. */
function configurations(context: RuleContext): ReadonlyMap<string, MapNode> {
  return context.memo('plan-configuration:expressions', () => {
    const found = new Map<string, MapNode>();
    const configuration = getValue(context.template.root, 'configuration');
    if (isMap(configuration)) collect(getValue(configuration, 'root_module'), '', found);
    return found;
  });
}

function collect(module: SourceNode | undefined, prefix: string, found: Map<string, MapNode>): void {
  if (!isMap(module)) return;
  const resources = getValue(module, 'resources');
  for (const resource of isSeq(resources) ? resources.items : []) {
    if (!isMap(resource)) continue;
    const address = scalarText(getValue(resource, 'address'));
    const expressions = getValue(resource, 'expressions');
    // A resource written without any argument has no `expressions`: every attribute is unwritten.
    const map: MapNode = isMap(expressions) ? expressions : { kind: 'map', start: 0, end: 0, entries: [] };
    if (address !== undefined) found.set(prefix + address, map);
  }
  const calls = getValue(module, 'module_calls');
  if (!isMap(calls)) return;
  for (const { key, value } of calls.entries) {
    if (isMap(value)) collect(getValue(value, 'module'), `${prefix}module.${String(key.value)}.`, found);
  }
}
