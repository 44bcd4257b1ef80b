import type { Resource, Template } from '../model/template';
import type { Outcome } from '../model/values';
import { entryOf, type MapNode, type Range, type ScalarNode, type SourceNode } from '../parsing/nodes';
import type { Change, FixProposal, JsonValue } from './changes';
import { isIntrinsic } from './values';

/*
 * Helpers for rules that offer fixes: each answers "what change touches exactly what I mean", or undefined
 * when the template is shaped so that no change can (a function call where a map of properties should be),
 * in which case the rule offers no fix rather than one that would rewrite what the author wrote.
 */

/**
 * Sets `path` under a resource's `Properties`: in the Properties map, or creating `Properties` when it is
 * missing or written with nothing after it (in Terraform, in the resource's body). Undefined when `Properties`
 * is a function call or not a map.
 */
export function setProperty(resource: Resource, path: readonly string[], value: JsonValue): Change | undefined {
  // Terraform: attributes live in the resource body itself.
  if (resource.properties === resource.node) return { kind: 'set', map: resource.node, path, value };
  const entry = entryOf(resource.node, 'Properties');
  if (entry === undefined || (entry.value.kind === 'scalar' && entry.value.value === null)) {
    return { kind: 'set', map: resource.node, path: ['Properties', ...path], value };
  }
  if (entry.value.kind === 'map' && !isIntrinsic(entry.value)) return { kind: 'set', map: entry.value, path, value };
  return undefined;
}

/**
 * The scalar a value outcome was read from, when that scalar is written right where the finding points inside
 * the resource — not a parameter's default, a mapping's value, or the result of `!Sub` — so replacing it
 * changes this value and nothing else.
 */
export function literalIn(outcome: Outcome, resource: Resource): ScalarNode | undefined {
  if (outcome.kind !== 'scalar' || outcome.node.kind !== 'scalar' || outcome.source !== outcome.node) return undefined;
  return within(resource.node, outcome.node) ? outcome.node : undefined;
}

/** Whether a map can take a `set`: a map of properties written inside the resource, not a function call. */
export function editableMap(node: Outcome & { kind: 'map' }, resource: Resource): boolean {
  return !isIntrinsic(node.map) && within(resource.node, node.map);
}

/**
 * The fix that gives a property `value`: set where it is missing (creating `Properties` if need be), or in
 * place of the literal that holds the wrong value; none when the value comes from elsewhere (a parameter, a
 * mapping, a function) or `Properties` is not a map written in the resource.
 */
export function propertyFix(
  resource: Resource,
  key: string,
  outcome: Outcome,
  value: JsonValue,
  fix: Omit<FixProposal, 'changes'>,
): FixProposal[] {
  let change: Change | undefined;
  if (outcome.kind === 'absent') change = setProperty(resource, [key], value);
  else {
    const literal = literalIn(outcome, resource);
    change = literal === undefined ? undefined : { kind: 'replace', node: literal, value };
  }
  return change === undefined ? [] : [{ ...fix, changes: [change] }];
}

/** Whether a value is the same in every deployment: one outcome, reached without any condition or parameter. */
export function isUnconditional(outcomes: readonly Outcome[]): boolean {
  return outcomes.length === 1 && outcomes[0]?.via.length === 0;
}

export function within(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * `base`, or `base2`, `base3`, …: the first name no parameter, resource, output, mapping or condition of the
 * template uses (CloudFormation's logical ids share one namespace; the others are kept apart for readers).
 */
export function unusedName(template: Template, base: string): string {
  const taken = template.names();
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  return name;
}

/**
 * A node as the JSON data it holds, for a fix that rewrites it: functions stay as their long-form maps, which
 * the renderer writes back in the file's style. Undefined for what JSON cannot hold (a null or complex key).
 */
export function jsonOf(node: SourceNode): JsonValue | undefined {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq': {
      const items = node.items.map(jsonOf);
      return items.some((item) => item === undefined) ? undefined : (items as JsonValue[]);
    }
    case 'map':
      return mapJson(node);
  }
}

function mapJson(node: MapNode): { [key: string]: JsonValue } | undefined {
  const result: { [key: string]: JsonValue } = {};
  for (const entry of node.entries) {
    const value = jsonOf(entry.value);
    if (value === undefined || entry.key.value === null) return undefined;
    result[String(entry.key.value)] = value;
  }
  return result;
}
