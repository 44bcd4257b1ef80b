import * as assert from 'node:assert/strict';
import { EnclosingRanges } from '../../../src/engine/suppressions/enclosing';

interface Named {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const RANGES: readonly Named[] = [
  { name: 'second resource', start: 200, end: 300 },
  { name: 'first resource', start: 0, end: 100 },
  { name: 'block in first', start: 10, end: 20 },
  { name: 'other block in first', start: 30, end: 40 },
  { name: 'block in second', start: 210, end: 290 },
  { name: 'same start as block in second', start: 210, end: 250 },
  { name: 'innermost', start: 220, end: 230 },
];

function around(ranges: EnclosingRanges<Named>, start: number, end: number): string[] {
  const found: string[] = [];
  ranges.forEachAround({ start, end }, (range) => found.push(range.name));
  return found;
}

describe('EnclosingRanges', () => {
  const ranges = new EnclosingRanges(RANGES);

  it('finds every range holding a range, the last to start first, bounds included', () => {
    assert.deepEqual(around(ranges, 12, 15), ['block in first', 'first resource']);
    assert.deepEqual(around(ranges, 10, 20), ['block in first', 'first resource']);
    assert.deepEqual(around(ranges, 50, 60), ['first resource']);
    assert.deepEqual(around(ranges, 225, 226), [
      'innermost',
      'same start as block in second',
      'block in second',
      'second resource',
    ]);
    assert.deepEqual(around(ranges, 240, 260), ['block in second', 'second resource']);
  });

  it('finds nothing for a range outside, or reaching past, every range', () => {
    assert.deepEqual(around(ranges, 150, 160), []);
    assert.deepEqual(around(ranges, 90, 210), []);
    assert.deepEqual(around(ranges, 350, 351), []);
    assert.deepEqual(around(new EnclosingRanges<Named>([]), 0, 1), []);
  });

  it('agrees with a pass over every range on overlapping ranges', () => {
    // A fixed linear congruential sequence: the same overlapping ranges on every run.
    let state = 7;
    const next = (limit: number): number => (state = (state * 1103515245 + 12345) % 2 ** 31) % limit;
    const many: Named[] = Array.from({ length: 200 }, (_, i) => {
      const start = next(1000);
      return { name: `r${i}`, start, end: start + next(200) };
    });
    const index = new EnclosingRanges(many);
    for (let i = 0; i < 500; i++) {
      const start = next(1100);
      const end = start + next(50);
      const expected = many.filter((range) => range.start <= start && range.end >= end).map((range) => range.name);
      assert.deepEqual(around(index, start, end).sort(), expected.sort(), `around ${start}-${end}`);
    }
  });
});
