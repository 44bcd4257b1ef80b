import type { SourceNode } from '../parsing/nodes';
import type { Reference } from './references';
import type { Resource } from './template';
import { interpolations, RESOURCE_REFERENCE } from './terraform-values';

/**
 * References written in `.tf.json` strings: every `${…}` that names a managed resource of the document
 * (`${aws_s3_bucket.logs.id}`), with the attribute path from the resource body down to the string.
 */
export function interpolatedReferences(
  resources: readonly Resource[],
  hasResource: (address: string) => boolean,
): Reference[] {
  const found: Reference[] = [];
  // One path, pushed and popped on the way down: a reference copies it, other nodes allocate nothing.
  const path: string[] = [];
  // This lint's own copy of the pattern, run with `exec`: `matchAll` would copy it for every string.
  const pattern = new RegExp(RESOURCE_REFERENCE.source, RESOURCE_REFERENCE.flags);
  const walk = (resource: Resource, node: SourceNode): void => {
    if (node.kind === 'seq') {
      const items = node.items;
      for (let index = 0; index < items.length; index++) {
        path.push(String(index));
        walk(resource, items[index] as SourceNode);
        path.pop();
      }
    } else if (node.kind === 'map') {
      for (const entry of node.entries) {
        const key = String(entry.key.value);
        if (key === '//') continue;
        path.push(key);
        walk(resource, entry.value);
        path.pop();
      }
    } else if (typeof node.value === 'string' && node.value.includes('${')) {
      let at: string[] | undefined;
      for (const inner of interpolations(node.value)) {
        pattern.lastIndex = 0;
        for (let match = pattern.exec(inner); match !== null; match = pattern.exec(inner)) {
          const to = `${match[1]}.${match[2]}`;
          if (hasResource(to)) found.push({ from: resource, to, attribute: match[3], node, path: (at ??= [...path]) });
        }
      }
    }
  };
  for (const resource of resources) walk(resource, resource.node);
  return found;
}
