import type { MapNode, ScalarNode, SeqNode, SourceNode } from '../parsing/nodes';
import type { Reference } from './references';
import type { Resource } from './template';
import { interpolations, RESOURCE_REFERENCE } from './terraform-values';

/**
 * References written in `.tf.json` strings: every `${…}` that names a managed resource of the document
 * (`${aws_s3_bucket.logs.id}`), with the attribute path from the resource body down to the string.
 */
export function interpolatedReferences(
  resources: readonly Resource[],
  /** The document's managed resource of this type and name. */
  resourceNamed: (type: string, name: string) => Resource | undefined,
): Reference[] {
  const found: Reference[] = [];
  // One path, pushed and popped on the way down: a reference copies it, other nodes allocate nothing.
  const path: string[] = [];
  // This lint's own copy of the pattern, run with `exec`: `matchAll` would copy it for every string.
  const pattern = new RegExp(RESOURCE_REFERENCE.source, RESOURCE_REFERENCE.flags);
  const scan = (resource: Resource, node: ScalarNode, text: string): void => {
    let at: string[] | undefined;
    for (const inner of interpolations(text)) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(inner); match !== null; match = pattern.exec(inner)) {
        const target = resourceNamed(match[1] ?? '', match[2] ?? '');
        if (target !== undefined)
          found.push({ from: resource, to: target.id, attribute: match[3], node, path: (at ??= [...path]) });
      }
    }
  };
  // Only collections and strings with `${` that may name a resource lead to a reference: the loops step over every
  // other scalar without a call or a path step (a third of the index's cost at 2,000 resources).
  const walk = (resource: Resource, node: MapNode | SeqNode): void => {
    if (node.kind === 'seq') {
      const items = node.items;
      for (let index = 0; index < items.length; index++) {
        const item = items[index] as SourceNode;
        if (item.kind === 'scalar' && !interpolated(item.value)) continue;
        path.push(String(index));
        if (item.kind === 'scalar') scan(resource, item, item.value as string);
        else walk(resource, item);
        path.pop();
      }
      return;
    }
    for (const { key, value } of node.entries) {
      if (value.kind === 'scalar' && !interpolated(value.value)) continue;
      const name = String(key.value);
      if (name === '//') continue;
      path.push(name);
      if (value.kind === 'scalar') scan(resource, value, value.value as string);
      else walk(resource, value);
      path.pop();
    }
  };
  for (const resource of resources) walk(resource, resource.node);
  return found;
}

/**
 * What every match of RESOURCE_REFERENCE holds (`type_name.`: a letter or digit, `_`, letters, digits or `_`, a
 * dot), tested on the whole string: most interpolations (`${var.vpc_id}`, `${merge(local.tags, …)}`) fail it, and
 * skip the split into interpolations and the pattern's runs (a third of the index's cost at 2,000 resources).
 */
const MAY_REFER = /[a-z0-9]_[a-z0-9_]+\./;

function interpolated(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${') && MAY_REFER.test(value);
}
