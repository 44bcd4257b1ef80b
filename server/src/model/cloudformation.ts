import type { ParsedDocument } from '../parsing/detect';
import { getValue, isMap, isScalar, isSeq, type MapNode, type ScalarNode, type SourceNode } from '../parsing/nodes';
import { CloudFormationValues } from './cloudformation-values';
import { cloudFormationReferences, ListedReferences } from './references';
import type { Parameter, Resource, Template } from './template';

/** Builds the neutral model of a CloudFormation template (YAML or JSON alike). */
export function cloudFormationTemplate(document: ParsedDocument): Template {
  const root = document.root;
  const resources: Resource[] = [];
  const byId = new Map<string, Resource>();
  const resourcesNode = getValue(root, 'Resources');
  // Worked out in the same pass as the resources, which reads every Type anyway.
  let hidden = false;
  if (isMap(resourcesNode)) {
    for (const { key, value } of resourcesNode.entries) {
      const type = isMap(value) ? getValue(value, 'Type') : undefined;
      hidden ||= isHidden(type);
      if (!isMap(value) || !isScalar(type) || typeof type.value !== 'string') continue;
      const resource = makeResource(String(key.value), type.value, key, value);
      resources.push(resource);
      byId.set(resource.id, resource);
    }
  }
  const parameters = readParameters(getValue(root, 'Parameters'));
  const hasResource = (id: string): boolean => byId.has(id);
  const conditions = getValue(root, 'Conditions');
  const mappings = getValue(root, 'Mappings');
  let names: Set<string> | undefined;
  return {
    format: document.format,
    syntax: document.syntax,
    dialect: 'cloudformation',
    root,
    resources,
    resource: (id) => byId.get(id),
    parameters,
    values: new CloudFormationValues({
      parameters,
      conditions: isMap(conditions) ? conditions : undefined,
      mappings: isMap(mappings) ? mappings : undefined,
      hasResource,
    }),
    references: new ListedReferences(() => cloudFormationReferences(resources, hasResource)),
    names: () => (names ??= sectionNames(root)),
    hasHiddenResources: () => hidden,
  };
}

function makeResource(id: string, type: string, idNode: ScalarNode, node: MapNode): Resource {
  let properties: MapNode | undefined;
  let anchor: ScalarNode = idNode;
  for (const entry of node.entries) {
    if (entry.key.value === 'Properties') {
      anchor = entry.key;
      if (isMap(entry.value)) properties = entry.value;
    }
  }
  return { id, type, idNode, node, properties, anchor };
}

function readParameters(node: SourceNode | undefined): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  if (!isMap(node)) return parameters;
  for (const { key, value } of node.entries) {
    if (!isMap(value)) continue;
    const type = getValue(value, 'Type');
    const allowed = getValue(value, 'AllowedValues');
    const name = String(key.value);
    parameters.set(name, {
      name,
      idNode: key,
      node: value,
      type: isScalar(type) && type.value !== null ? String(type.value) : undefined,
      defaultValue: getValue(value, 'Default'),
      allowedValues: isSeq(allowed) ? allowed.items : undefined,
    });
  }
  return parameters;
}

function sectionNames(root: MapNode): Set<string> {
  const names = new Set<string>();
  for (const section of ['Parameters', 'Resources', 'Outputs', 'Mappings', 'Conditions']) {
    const node = getValue(root, section);
    if (isMap(node)) for (const entry of node.entries) names.add(String(entry.key.value));
  }
  return names;
}

/** Whether a resource's `Type` brings resources the template does not show: a module, or a packaging tool's tag. */
function isHidden(type: SourceNode | undefined): boolean {
  return type !== undefined && (type.kind !== 'scalar' || String(type.value).endsWith('::MODULE'));
}
