import type { OffsetRange } from '../finding';

/**
 * Ranges (of suppressions' scopes) found by a range they enclose. Sorted by start, with the greatest end up to each
 * position, so a lookup starts at the last range starting at or before the inner range and stops as soon as no
 * range before can reach its end: with the disjoint or nested ranges of comments, a few steps rather than a pass
 * over every range for every finding.
 */
export class EnclosingRanges<T extends OffsetRange> {
  private readonly sorted: readonly T[];
  /** `reach[i]`: the greatest end of `sorted[0..i]`. */
  private readonly reach: readonly number[];

  constructor(ranges: readonly T[]) {
    // `sort` is stable: ranges with one start keep their order.
    this.sorted = [...ranges].sort((a, b) => a.start - b.start);
    let reach = -Infinity;
    this.reach = this.sorted.map((range) => (reach = Math.max(reach, range.end)));
  }

  /** Calls `visit` with each range that holds `inner` (start at or before it, end at or after it), last start first. */
  forEachAround(inner: OffsetRange, visit: (range: T) => void): void {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.sorted[middle] as T).start <= inner.start) low = middle + 1;
      else high = middle;
    }
    for (let i = low - 1; i >= 0 && (this.reach[i] as number) >= inner.end; i--) {
      const range = this.sorted[i] as T;
      if (range.end >= inner.end) visit(range);
    }
  }
}
