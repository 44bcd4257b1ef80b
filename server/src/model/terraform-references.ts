import { isMap, isScalar, isSeq, type SourceNode } from '../parsing/nodes';
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
  const walk = (resource: Resource, node: SourceNode, path: string[]): void => {
    if (isSeq(node)) {
      node.items.forEach((item, index) => walk(resource, item, [...path, String(index)]));
    } else if (isMap(node)) {
      for (const entry of node.entries) {
        const key = String(entry.key.value);
        if (key !== '//') walk(resource, entry.value, [...path, key]);
      }
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${')) {
      for (const inner of interpolations(node.value)) {
        for (const match of inner.matchAll(RESOURCE_REFERENCE)) {
          const to = `${match[1]}.${match[2]}`;
          if (hasResource(to)) found.push({ from: resource, to, attribute: match[3], node, path });
        }
      }
    }
  };
  for (const resource of resources) walk(resource, resource.node, []);
  return found;
}
