import type { Resource, Template } from '../../model/template';
import type { MapEntry, ScalarNode, SourceNode } from '../../parsing/nodes';
import type { ResourceRef } from './types';

/** What a comment placed on or above a line covers: a map entry (key and value) or a sequence item. */
export interface Anchor {
  /** The entry's key; undefined for a sequence item. */
  readonly key: ScalarNode | undefined;
  readonly start: number;
  readonly end: number;
}

/**
 * Whether an offset lies inside a scalar. A `#` there (in a quoted or block scalar) starts no comment; the tree
 * says so without a second parse. Children are in text order, so each level is a binary search.
 */
export function insideScalar(root: SourceNode, offset: number): boolean {
  let node: SourceNode | undefined = root;
  while (node !== undefined) {
    if (offset < node.start || offset >= node.end) return false;
    if (node.kind === 'scalar') return true;
    if (node.kind === 'map') {
      const entry: MapEntry | undefined =
        node.entries[lastStartingAtOrBefore(node.entries, offset, (candidate) => candidate.key.start)];
      if (entry === undefined) return false;
      if (offset < entry.key.end) return true;
      node = entry.value;
    } else {
      node = node.items[lastStartingAtOrBefore(node.items, offset, (item) => item.start)];
    }
  }
  return false;
}

/**
 * The outermost map entry whose key starts on the line [lineStart, lineEnd), or else the outermost sequence
 * item starting on it: a `- CidrIp: …` line anchors the whole item, not only its first key.
 */
export function anchorOnLine(node: SourceNode, lineStart: number, lineEnd: number): Anchor | undefined {
  if (node.kind === 'map') {
    const entries = node.entries;
    const before = lastStartingAtOrBefore(entries, lineStart - 1, (entry) => entry.key.start);
    const spanning = entries[before];
    if (spanning !== undefined && spanning.value.start < lineEnd && spanning.value.end > lineStart) {
      const inner = anchorOnLine(spanning.value, lineStart, lineEnd);
      if (inner !== undefined) return inner;
    }
    const next = entries[before + 1];
    if (next !== undefined && next.key.start < lineEnd) {
      return { key: next.key, start: next.key.start, end: Math.max(next.key.end, next.value.end) };
    }
  } else if (node.kind === 'seq') {
    const items = node.items;
    const before = lastStartingAtOrBefore(items, lineStart - 1, (item) => item.start);
    const spanning = items[before];
    if (spanning !== undefined && spanning.end > lineStart) {
      const inner = anchorOnLine(spanning, lineStart, lineEnd);
      if (inner !== undefined) return inner;
    }
    const next = items[before + 1];
    if (next !== undefined && next.start < lineEnd) return { key: undefined, start: next.start, end: next.end };
  }
  return undefined;
}

/** The resource whose text (logical id to end of body) holds an offset. */
export function resourceAt(template: Template, offset: number): Resource | undefined {
  const resource =
    template.resources[lastStartingAtOrBefore(template.resources, offset, (candidate) => candidate.idNode.start)];
  return resource !== undefined && offset <= resource.node.end ? resource : undefined;
}

/** The last resource whose logical id starts at or before an offset. */
export function resourceBefore(template: Template, offset: number): Resource | undefined {
  return template.resources[lastStartingAtOrBefore(template.resources, offset, (candidate) => candidate.idNode.start)];
}

export function refOf(resource: Resource | undefined): ResourceRef | undefined {
  return resource === undefined ? undefined : { id: resource.id, type: resource.type };
}

/** The index of the last item (in text order) that starts at or before an offset; -1 when none does. */
function lastStartingAtOrBefore<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (startOf(items[middle] as T) <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
