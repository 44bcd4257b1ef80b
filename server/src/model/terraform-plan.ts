import type { ParsedDocument } from '../parsing/detect';
import { entryOf, getValue, isMap, isScalar, isSeq, scalarText, type MapNode, type SourceNode } from '../parsing/nodes';
import type { Resource, Template } from './template';
import { ListedReferences, type Reference } from './references';
import { TerraformValues } from './terraform-values';

/**
 * Builds the neutral model of a Terraform plan (`terraform show -json plan.out`). Resources come from
 * `planned_values` (the root module and every `child_modules`, at any depth), judged by their planned values;
 * attributes listed in `resource_changes[].change.after_unknown` are unknown rather than absent; a resource the
 * plan deletes is left out; references come from `configuration` (`expressions.*.references`), module-relative
 * addresses made absolute. Findings point at the resource's `values` in the plan.
 */
export function planTemplate(document: ParsedDocument): Template {
  const root = document.root;
  const changes = resourceChanges(getValue(root, 'resource_changes'));
  const unknown = new WeakMap<MapNode, Set<string>>();
  const resources: Resource[] = [];
  const byId = new Map<string, Resource>();
  const configured = configuredResources(root);
  const planned = getValue(root, 'planned_values');
  for (const object of moduleResources(isMap(planned) ? getValue(planned, 'root_module') : undefined)) {
    const resource = plannedResource(object);
    if (resource === undefined || byId.has(resource.id)) continue;
    const change = changes.get(resource.id);
    if (change !== undefined && isDeleteOnly(change)) continue;
    const afterUnknown = change === undefined ? undefined : getValue(change, 'after_unknown');
    const written = configured.get(configAddress(resource.id))?.expressions;
    if (resource.properties !== undefined) markUnknown(resource.properties, afterUnknown, unknown, written);
    resources.push(resource);
    byId.set(resource.id, resource);
  }
  const configuration = getValue(root, 'configuration');
  const instances = instancesByConfigAddress(resources);
  let names: Set<string> | undefined;
  return {
    format: document.format,
    syntax: document.syntax,
    dialect: 'terraform',
    root,
    resources,
    resource: (id) => byId.get(id),
    parameters: new Map(),
    values: new TerraformValues({
      variables: new Map(),
      locals: new Map(),
      hasResource: (address) => byId.has(address),
      interpolate: false,
      isUnknown: (map, key) => unknown.get(map)?.has(key) === true,
    }),
    references: new ListedReferences(() =>
      configurationReferences(isMap(configuration) ? getValue(configuration, 'root_module') : undefined, '', instances),
    ),
    names: () => (names ??= new Set(byId.keys())),
    // A plan shows every resource, modules' included.
    hasHiddenResources: () => false,
  };
}

/** `{ address, mode, type, name, values }` of a managed resource; data sources are not resources to judge. */
function plannedResource(object: MapNode): Resource | undefined {
  const address = getValue(object, 'address');
  const type = scalarText(getValue(object, 'type'));
  if (!isScalar(address) || typeof address.value !== 'string' || type === undefined) return undefined;
  if (scalarText(getValue(object, 'mode')) === 'data') return undefined;
  const values = entryOf(object, 'values');
  return {
    id: address.value,
    type,
    idNode: address,
    node: object,
    properties: values !== undefined && isMap(values.value) ? values.value : undefined,
    anchor: values?.key ?? address,
  };
}

/** The resources of a module in `planned_values` and of its `child_modules`, depth first. */
function* moduleResources(module: SourceNode | undefined): Iterable<MapNode> {
  if (!isMap(module)) return;
  const resources = getValue(module, 'resources');
  if (isSeq(resources)) yield* resources.items.filter(isMap);
  const children = getValue(module, 'child_modules');
  if (isSeq(children)) for (const child of children.items) yield* moduleResources(child);
}

function resourceChanges(node: SourceNode | undefined): Map<string, MapNode> {
  const changes = new Map<string, MapNode>();
  if (!isSeq(node)) return changes;
  for (const item of node.items) {
    if (!isMap(item)) continue;
    const address = scalarText(getValue(item, 'address'));
    const change = getValue(item, 'change');
    if (address !== undefined && isMap(change)) changes.set(address, change);
  }
  return changes;
}

function isDeleteOnly(change: MapNode): boolean {
  const actions = getValue(change, 'actions');
  return isSeq(actions) && actions.items.length === 1 && scalarText(actions.items[0]) === 'delete';
}

/**
 * Walks `after_unknown` beside the planned values: a `true` leaf marks that key of the values' map unknown (the
 * plan leaves it out, or writes null, until apply); maps and arrays are followed into the matching values. A
 * top-level attribute the configuration does not write (`written` lacks it) is one the provider computes — AWS's
 * default, which rules judge as absent — so it is not marked; without a configuration every mark stands.
 */
function markUnknown(
  values: SourceNode,
  afterUnknown: SourceNode | undefined,
  unknown: WeakMap<MapNode, Set<string>>,
  written?: MapNode,
): void {
  if (isMap(afterUnknown) && isMap(values)) {
    // The set of this map's unknown keys, fetched on its first `true` leaf rather than at each.
    let keys: Set<string> | undefined;
    for (const { key, value } of afterUnknown.entries) {
      const name = String(key.value);
      if (written !== undefined && getValue(written, name) === undefined) continue;
      // A leaf other than `true` marks nothing, and neither does a scalar in the values.
      if (value.kind === 'scalar') {
        if (value.value === true) (keys ??= unknownKeys(unknown, values)).add(name);
        continue;
      }
      const inner = getValue(values, name);
      if (inner !== undefined && inner.kind !== 'scalar') markUnknown(inner, value, unknown);
    }
  } else if (isSeq(afterUnknown) && isSeq(values)) {
    afterUnknown.items.forEach((item, index) => {
      const inner = values.items[index];
      if (inner !== undefined) markUnknown(inner, item, unknown);
    });
  }
}

function unknownKeys(unknown: WeakMap<MapNode, Set<string>>, values: MapNode): Set<string> {
  let keys = unknown.get(values);
  if (keys === undefined) unknown.set(values, (keys = new Set()));
  return keys;
}

/** Planned instances (`aws_x.y[0]`, `module.m["a"].aws_x.y`) by the configuration address they come from. */
function instancesByConfigAddress(resources: readonly Resource[]): Map<string, Resource[]> {
  const byAddress = new Map<string, Resource[]>();
  for (const resource of resources) {
    const key = configAddress(resource.id);
    const list = byAddress.get(key);
    if (list === undefined) byAddress.set(key, [resource]);
    else list.push(resource);
  }
  return byAddress;
}

/** An instance address without instance keys: `module.a["x"].aws_s3_bucket.b[0]` → `module.a.aws_s3_bucket.b`. */
export function configAddress(address: string): string {
  if (!address.includes('[')) return address;
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
}

/**
 * References from `configuration`: each resource's `expressions`, at any depth of nested blocks, list the
 * addresses they refer to (`aws_kms_key.k.arn`, then `aws_kms_key.k`), relative to their module. Each is tied
 * to every planned instance of the referring and of the referred resource. `aws_kms_key.k.arn` and
 * `aws_kms_key.k` are listed together: one reference per source, target and path is enough (`seen`, across modules).
 */
function configurationReferences(
  module: SourceNode | undefined,
  prefix: string,
  instances: ReadonlyMap<string, readonly Resource[]>,
  found: Reference[] = [],
  seen = new Map<Resource, Map<Resource, Set<string>>>(),
): Reference[] {
  if (!isMap(module)) return found;
  const resources = getValue(module, 'resources');
  for (const config of isSeq(resources) ? resources.items : []) {
    if (!isMap(config)) continue;
    const address = scalarText(getValue(config, 'address'));
    if (address === undefined) continue;
    const sources = instances.get(prefix + address) ?? [];
    if (sources.length === 0) continue;
    walkExpressions(getValue(config, 'expressions'), [], (path, listed) => {
      const where = path.join('.');
      for (const { node, target } of listed) {
        const parsed = /^([a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*)(\[[^\]]*\])?(?:\.([A-Za-z_]\w*))?/.exec(target);
        if (parsed === null) continue;
        const all = instances.get(prefix + (parsed[1] ?? '')) ?? [];
        // `aws_s3_bucket.archive[0]` is that instance alone; without a key, every instance.
        const keyed = parsed[2] === undefined ? undefined : `${prefix}${parsed[1]}${parsed[2]}`;
        const referred = keyed === undefined ? all : all.filter((resource) => resource.id === keyed);
        for (const to of referred) {
          for (const from of sources) {
            let targets = seen.get(from);
            if (targets === undefined) seen.set(from, (targets = new Map<Resource, Set<string>>()));
            let paths = targets.get(to);
            if (paths === undefined) targets.set(to, (paths = new Set<string>()));
            if (paths.has(where)) continue;
            paths.add(where);
            found.push({ from, to: to.id, attribute: parsed[3], node, path });
          }
        }
      }
    });
  }
  const calls = getValue(module, 'module_calls');
  if (isMap(calls)) {
    for (const { key, value } of calls.entries) {
      const inner = isMap(value) ? getValue(value, 'module') : undefined;
      configurationReferences(inner, `${prefix}module.${String(key.value)}.`, instances, found, seen);
    }
  }
  return found;
}

/**
 * Calls `visit` once for each `references` list, with the attribute path down to it and the entries worth a
 * reference. Terraform lists `aws_x.y[0].id`, `aws_x.y[0]` and `aws_x.y`: the bare address adds nothing to a
 * keyed one, so it is left out.
 */
function walkExpressions(
  node: SourceNode | undefined,
  path: string[],
  visit: (path: readonly string[], listed: readonly { node: SourceNode; target: string }[]) => void,
): void {
  if (node === undefined || node.kind === 'scalar') return;
  if (node.kind === 'seq') {
    for (const item of node.items) if (item.kind !== 'scalar') walkExpressions(item, path, visit);
    return;
  }
  const references = getValue(node, 'references');
  if (isSeq(references)) {
    const targets = references.items.map((item) => scalarText(item) ?? '');
    const listed: { node: SourceNode; target: string }[] = [];
    references.items.forEach((item, index) => {
      const target = targets[index] ?? '';
      const keyed = `${target}[`;
      if (target !== '' && !targets.some((other) => other.startsWith(keyed))) listed.push({ node: item, target });
    });
    // One copy of the path per list, shared by its references.
    if (listed.length > 0) visit([...path], listed);
    return;
  }
  // Scalars hold no `references` list: they are stepped over without a call or a path step.
  for (const { key, value } of node.entries) {
    if (value.kind === 'scalar') continue;
    path.push(String(key.value));
    walkExpressions(value, path, visit);
    path.pop();
  }
}

/** How a resource is written in a plan's `configuration`: its expressions and its module's variables. */
export interface ConfiguredResource {
  /** By attribute: `{ constant_value }`, `{ references }`, or a list of such maps for a nested block. */
  readonly expressions: MapNode;
  readonly variables: MapNode | undefined;
}

const NO_EXPRESSIONS: MapNode = { kind: 'map', start: 0, end: 0, entries: [] };

/** Each managed resource of a plan's `configuration`, by configuration address (`module.a.aws_x.y`). */
export function configuredResources(root: MapNode): Map<string, ConfiguredResource> {
  const found = new Map<string, ConfiguredResource>();
  const configuration = getValue(root, 'configuration');
  const collect = (module: SourceNode | undefined, prefix: string): void => {
    if (!isMap(module)) return;
    const variables = getValue(module, 'variables');
    const resources = getValue(module, 'resources');
    for (const resource of isSeq(resources) ? resources.items : []) {
      if (!isMap(resource) || scalarText(getValue(resource, 'mode')) === 'data') continue;
      const address = scalarText(getValue(resource, 'address'));
      const expressions = getValue(resource, 'expressions');
      // A resource written without any argument has no `expressions`: every attribute is unwritten.
      if (address !== undefined)
        found.set(prefix + address, {
          expressions: isMap(expressions) ? expressions : NO_EXPRESSIONS,
          variables: isMap(variables) ? variables : undefined,
        });
    }
    const calls = getValue(module, 'module_calls');
    if (!isMap(calls)) return;
    for (const { key, value } of calls.entries) {
      if (isMap(value)) collect(getValue(value, 'module'), `${prefix}module.${String(key.value)}.`);
    }
  };
  if (isMap(configuration)) collect(getValue(configuration, 'root_module'), '');
  return found;
}
