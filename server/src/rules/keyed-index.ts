import type { Resource } from '../model/template';
import type { RuleContext } from './types';

/*
 * The shape of the per-template indexes that keep cross-resource rules linear: a rule that matches one resource
 * against many (a bucket against every bucket policy, a stage against every usage plan) reads the many once per
 * lint through `RuleContext.memo`, files each under the keys it can match, and each visit looks up its few
 * candidates. The candidates are then judged exactly as a scan would judge them, in source order, so an index
 * narrows the search without changing an answer.
 */

/** Something an index holds, numbered in source order. */
export interface Ordered {
  readonly order: number;
}

const NONE: readonly never[] = [];

/** Items by key (a name, an id, a resource), each list in the order the items were added. */
export class KeyedIndex<T, K = string> {
  private readonly byKey = new Map<K, T[]>();

  add(key: K, item: T): void {
    const list = this.byKey.get(key);
    if (list === undefined) this.byKey.set(key, [item]);
    else if (list.at(-1) !== item) list.push(item);
  }

  get(key: K): readonly T[] {
    return this.byKey.get(key) ?? NONE;
  }
}

/** A key of two parts; a collision only adds a candidate, which is judged like any other. */
export function pairKey(first: string, second: string): string {
  return `${first}\u0000${second}`;
}

/** The items of several lookups, each once, in source order. */
export function inSourceOrder<T extends Ordered>(lists: readonly (readonly (T | undefined)[])[]): T[] {
  const seen = new Set<T>();
  for (const list of lists) for (const item of list) if (item !== undefined) seen.add(item);
  return [...seen].sort((a, b) => a.order - b.order);
}

/** A resource of an index, numbered in source order. */
export interface Indexed extends Ordered {
  readonly resource: Resource;
}

/**
 * The resources of `type` by each text `read` gives for them (undefined is left out), built once per lint under
 * the memo `key`: the resources that write the same literal as the one visited.
 */
export function resourcesByText(
  context: RuleContext,
  key: string,
  type: string,
  read: (resource: Resource) => readonly (string | undefined)[],
): KeyedIndex<Indexed> {
  return context.memo(key, () => {
    const index = new KeyedIndex<Indexed>();
    let order = 0;
    for (const resource of context.template.resources) {
      if (resource.type !== type) continue;
      const item: Indexed = { order: order++, resource };
      for (const text of read(resource)) if (text !== undefined) index.add(text, item);
    }
    return index;
  });
}
