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
  // By type and name too: the reference index asks with the two parts of `${type.name…}` and takes the address
  // from the resource, which spares it building and hashing an address for every match (a third of its cost).
  const byType = new Map<string, Map<string, Resource>>();
  eachLabelled(getValue(root, 'resource'), (type, _, blocks) =>
    eachLabelled(blocks, (name, nameNode, body) => {
      if (!isMap(body)) return;
      const id = `${type}.${name}`;
      if (byId.has(id)) return;
      const resource: Resource = { id, type, idNode: nameNode, node: body, properties: body, anchor: nameNode };
      resources.push(resource);
      byId.set(id, resource);
      const named = byType.get(type);
      if (named === undefined) byType.set(type, new Map([[name, resource]]));
      else named.set(name, resource);
    }),
  );
  const variables = new Map<string, Parameter>();
  eachLabelled(getValue(root, 'variable'), (name, nameNode, body) => {
    if (!isMap(body)) return;
    const type = getValue(body, 'type');
    variables.set(name, {
      name,
      idNode: nameNode,
      node: body,
      type: isScalar(type) && typeof type.value === 'string' ? type.value : undefined,
      defaultValue: defaultOf(body),
      allowedValues: undefined,
    });
  });
  const locals = new Map<string, SourceNode>();
  for (const block of blocksOf(getValue(root, 'locals'))) {
    for (const { key, value } of block.entries) if (key.value !== '//') locals.set(String(key.value), value);
  }
  const hasResource = (address: string): boolean => byId.has(address);
  let modules = false;
  eachLabelled(getValue(root, 'module'), () => (modules = true));
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
    references: new ListedReferences(() =>
      interpolatedReferences(resources, (type, name) => byType.get(type)?.get(name)),
    ),
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
 * The blocks of a block type, one label deep: Terraform's JSON syntax writes each label level as an object keyed
 * by the label, or as an array of such objects; calls `visit` with each label, its key node and what it holds (the
 * body, or the next label level).
 */
function eachLabelled(
  node: SourceNode | undefined,
  visit: (label: string, key: ScalarNode, value: SourceNode) => void,
): void {
  for (const block of blocksOf(node)) {
    for (const { key, value } of block.entries) if (key.value !== '//') visit(String(key.value), key, value);
  }
}

/** An object, or each object of an array of objects. */
function blocksOf(node: SourceNode | undefined): MapNode[] {
  if (isMap(node)) return [node];
  if (isSeq(node)) return node.items.filter(isMap);
  return [];
}
