import type { ParsedDocument } from '../parsing/detect';
import { getValue, isMap, isScalar, isSeq, type MapNode, type ScalarNode, type SourceNode } from '../parsing/nodes';
import type { Parameter, Resource, Template } from './template';
import { ListedReferences } from './references';
import { interpolatedReferences } from './terraform-references';
import { TerraformValues } from './terraform-values';

/**
 * Builds the neutral model of a Terraform JSON configuration (`*.tf.json`). Resource ids are addresses
 * (`aws_s3_bucket.logs`); a resource's properties are its body, where attributes and nested blocks live side by
 * side; `"//"` keys are comments. Variables play the part of parameters (their defaults are followed), locals are
 * followed, and `module` blocks bring resources the file does not show.
 */
export function terraformTemplate(document: ParsedDocument): Template {
  const root = document.root;
  const resources: Resource[] = [];
  const byId = new Map<string, Resource>();
  for (const [type, name, nameNode, body] of labelled(getValue(root, 'resource'), 2)) {
    if (!isMap(body)) continue;
    const id = `${type}.${name}`;
    if (byId.has(id)) continue;
    const resource: Resource = { id, type, idNode: nameNode, node: body, properties: body, anchor: nameNode };
    resources.push(resource);
    byId.set(id, resource);
  }
  const variables = new Map<string, Parameter>();
  for (const [name, nameNode, body] of labelled(getValue(root, 'variable'), 1)) {
    if (!isMap(body)) continue;
    const type = getValue(body, 'type');
    variables.set(name, {
      name,
      idNode: nameNode,
      node: body,
      type: isScalar(type) && typeof type.value === 'string' ? type.value : undefined,
      defaultValue: defaultOf(body),
      allowedValues: undefined,
    });
  }
  const locals = new Map<string, SourceNode>();
  for (const block of blocksOf(getValue(root, 'locals'))) {
    for (const { key, value } of block.entries) if (key.value !== '//') locals.set(String(key.value), value);
  }
  const hasResource = (address: string): boolean => byId.has(address);
  const modules = [...labelled(getValue(root, 'module'), 1)].length > 0;
  let names: Set<string> | undefined;
  return {
    format: document.format,
    syntax: document.syntax,
    dialect: 'terraform',
    root,
    resources,
    resource: (id) => byId.get(id),
    parameters: variables,
    values: new TerraformValues({ variables, locals, hasResource, interpolate: true }),
    references: new ListedReferences(() => interpolatedReferences(resources, hasResource)),
    names: () => (names ??= new Set([...byId.keys(), ...variables.keys(), ...locals.keys()])),
    hasHiddenResources: () => modules,
  };
}

/** A variable's `default`; `null` is no default (Terraform then asks for a value). */
function defaultOf(body: MapNode): SourceNode | undefined {
  const value = getValue(body, 'default');
  return isScalar(value) && value.value === null ? undefined : value;
}

/**
 * The blocks of a block type with `depth` labels: Terraform's JSON syntax writes each label level as an object
 * keyed by the label, or as an array of such objects; yields the labels, the last label's key node and the body.
 */
function labelled(node: SourceNode | undefined, depth: 1): Iterable<[string, ScalarNode, SourceNode]>;
function labelled(node: SourceNode | undefined, depth: 2): Iterable<[string, string, ScalarNode, SourceNode]>;
function* labelled(node: SourceNode | undefined, depth: number): Iterable<(string | ScalarNode | SourceNode)[]> {
  for (const block of blocksOf(node)) {
    for (const { key, value } of block.entries) {
      if (key.value === '//') continue;
      const label = String(key.value);
      if (depth === 1) yield [label, key, value];
      else for (const inner of labelled(value, 1)) yield [label, ...inner];
    }
  }
}

/** An object, or each object of an array of objects. */
function blocksOf(node: SourceNode | undefined): MapNode[] {
  if (isMap(node)) return [node];
  if (isSeq(node)) return node.items.filter(isMap);
  return [];
}
