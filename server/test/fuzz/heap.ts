import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * The memory bound: while a lint runs, the heap may grow by at most this multiple of the input's size in bytes,
 * plus `HEAP_ALLOWANCE`. Measured on the pathological inputs: the 50 MB plan grows it by 267 MB, 5.3× (its source
 * tree, the model of 14,000 resources and 24,000 findings; the text itself is allocated before the baseline), and
 * a plan of many small resources, the worst ratio of tree to text we found, by 8.5×; the inputs refused for a
 * limit by 0.2 MB, whatever their size. 12× leaves room above both for a collection that comes late, while a
 * reader that copied the text per node, or expanded an alias instead of sharing it, would still fail.
 */
export const MAX_HEAP_MULTIPLE = 12;
/**
 * Growth any lint may have whatever its size. The most a small input took is the 3 MB quoted scalar's 54 MB:
 * js-yaml builds a scalar one escape at a time, a rope of 1.5 million pieces before it is flattened.
 */
export const HEAP_ALLOWANCE = 64 * 1024 * 1024;

export interface HeapUse<T> {
  readonly value: T;
  /** The most the heap grew, in bytes, over what was live before `work` began. */
  readonly growth: number;
}

/**
 * Runs `work` and measures how far the heap grew: the baseline is taken after a full collection, and the heap is
 * sampled each time `work` calls `sample` and once after it returns. A lint samples between resources, when the
 * source tree, the model and the findings so far are all live, so the highest sample is the lint's high-water
 * mark, garbage not yet collected included.
 */
export function measureHeap<T>(work: (sample: () => void) => T): HeapUse<T> {
  collectGarbage();
  const baseline = v8.getHeapStatistics().used_heap_size;
  let peak = baseline;
  const sample = (): void => {
    peak = Math.max(peak, v8.getHeapStatistics().used_heap_size);
  };
  const value = work(sample);
  sample();
  return { value, growth: peak - baseline };
}

/** The bound `measureHeap`'s growth is held to for an input of `text`. */
export function heapBound(text: string): number {
  return Buffer.byteLength(text, 'utf8') * MAX_HEAP_MULTIPLE + HEAP_ALLOWANCE;
}

/**
 * A full collection without starting node with `--expose-gc`: V8 adds `gc` to contexts made after the flag is
 * set, so a fresh context hands it over.
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
