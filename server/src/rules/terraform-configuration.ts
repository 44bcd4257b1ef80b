import { configAddress } from '../model/terraform-plan';
import type { Resource, Template } from '../model/template';
import { getValue, isMap, isSeq, scalarText, type MapNode, type SourceNode } from '../parsing/nodes';

/*
 * A plan's `configuration`: how each resource was written, as Terraform's JSON plan format records it — per
 * attribute either `constant_value` (a literal, written in the configuration) or `references` (what the expression
 * reads), nested blocks as a list of such maps (or one map), and each module's `variables` with their defaults.
 * Planned values say what will deploy; only the configuration says whether a value was written literally.
 */

export interface ResourceConfiguration {
  readonly expressions: MapNode;
  /** The `variables` of the module that declares the resource. */
  readonly variables: MapNode | undefined;
}

/** The configuration of a planned resource (`module.a.aws_x.y[0]` → `aws_x.y` in module call `a`), if recorded. */
export function resourceConfiguration(template: Template, resource: Resource): ResourceConfiguration | undefined {
  const configuration = getValue(template.root, 'configuration');
  let module = isMap(configuration) ? getValue(configuration, 'root_module') : undefined;
  const address = /^((?:module\.[^.]+\.)*)([^.]+\.[^.]+)$/.exec(configAddress(resource.id));
  if (address === null) return undefined;
  for (const name of (address[1] ?? '').split('.').filter((_, i) => i % 2 === 1)) {
    const calls = isMap(module) ? getValue(module, 'module_calls') : undefined;
    const call = isMap(calls) ? getValue(calls, name) : undefined;
    module = isMap(call) ? getValue(call, 'module') : undefined;
  }
  if (!isMap(module)) return undefined;
  const resources = getValue(module, 'resources');
  const found = (isSeq(resources) ? resources.items : []).find(
    (item) =>
      isMap(item) &&
      scalarText(getValue(item, 'address')) === address[2] &&
      scalarText(getValue(item, 'mode')) !== 'data',
  );
  const expressions = isMap(found) ? getValue(found, 'expressions') : undefined;
  if (!isMap(expressions)) return undefined;
  const variables = getValue(module, 'variables');
  return { expressions, variables: isMap(variables) ? variables : undefined };
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
