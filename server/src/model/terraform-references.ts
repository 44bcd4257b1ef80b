import { isMap, isScalar, isSeq, type SourceNode } from '../parsing/nodes';
import type { Reference, ReferenceIndex } from './references';
import type { Resource } from './template';
import { interpolations, RESOURCE_REFERENCE } from './terraform-values';

const NONE: readonly Reference[] = [];

/** A reference index over references an adapter lists, built on first use. */
export class ListedReferences implements ReferenceIndex {
  private byTarget: Map<string, Reference[]> | undefined;
  private bySource: Map<string, Reference[]> | undefined;

  constructor(private readonly list: () => readonly Reference[]) {}

  to(id: string): readonly Reference[] {
    return this.index().byTarget.get(id) ?? NONE;
  }

  from(id: string): readonly Reference[] {
    return this.index().bySource.get(id) ?? NONE;
  }

  private index(): { byTarget: Map<string, Reference[]>; bySource: Map<string, Reference[]> } {
    if (this.byTarget === undefined || this.bySource === undefined) {
      const byTarget = new Map<string, Reference[]>();
      const bySource = new Map<string, Reference[]>();
      for (const reference of this.list()) {
        push(byTarget, reference.to, reference);
        push(bySource, reference.from.id, reference);
      }
      this.byTarget = byTarget;
      this.bySource = bySource;
    }
    return { byTarget: this.byTarget, bySource: this.bySource };
  }
}

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

function push(map: Map<string, Reference[]>, key: string, reference: Reference): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [reference]);
  else list.push(reference);
}
