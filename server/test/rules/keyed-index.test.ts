import * as assert from 'node:assert/strict';
import { startsWithName, type OriginIndex } from '../../src/rules/cloudfront-origin-index';
import { inSourceOrder, KeyedIndex, pairKey } from '../../src/rules/keyed-index';

describe('KeyedIndex', () => {
  it('keeps each key’s items in the order they were added, an item added twice in a row once', () => {
    const index = new KeyedIndex<string>();
    for (const [key, item] of [
      ['a', 'first'],
      ['b', 'second'],
      ['a', 'third'],
      ['a', 'third'],
    ] as const)
      index.add(key, item);
    assert.deepEqual(index.get('a'), ['first', 'third']);
    assert.deepEqual(index.get('b'), ['second']);
    assert.deepEqual(index.get('c'), []);
  });

  it('files two-part keys apart from their concatenation', () => {
    const index = new KeyedIndex<number>();
    index.add(pairKey('ab', 'c'), 1);
    index.add(pairKey('a', 'bc'), 2);
    assert.deepEqual(index.get(pairKey('ab', 'c')), [1]);
    assert.deepEqual(index.get(pairKey('a', 'bc')), [2]);
  });
});

describe('inSourceOrder', () => {
  it('merges lookups into one list, each item once, in source order', () => {
    const [zero, one, two] = [{ order: 0 }, { order: 1 }, { order: 2 }];
    assert.deepEqual(inSourceOrder([[two, zero], [undefined], [one, two]]), [zero, one, two]);
  });
});

describe('startsWithName', () => {
  const origins = (...domains: string[]): OriginIndex => ({
    unknown: false,
    domains: domains.map((domain) => domain.toLowerCase()).sort(),
    referred: new Set(),
  });

  it('finds a domain that starts with the name and a dot, among domains that sort before and after it', () => {
    const index = origins('a-b.example.com', 'site.s3.amazonaws.com', 'site-logs.s3.amazonaws.com', 'sites.example');
    assert.equal(startsWithName(index, 'site'), true);
    assert.equal(startsWithName(index, 'a-b'), true);
    assert.equal(startsWithName(index, 'a'), false);
    assert.equal(startsWithName(index, 'sites'), true);
    assert.equal(startsWithName(index, 'site-log'), false);
  });

  it('matches a name with dots in it, and the empty name only against a domain that begins with a dot', () => {
    assert.equal(startsWithName(origins('assets.example.com.s3.amazonaws.com'), 'assets.example.com'), true);
    assert.equal(startsWithName(origins('assets.example.com.s3.amazonaws.com'), 'example.com'), false);
    assert.equal(startsWithName(origins('x.example'), ''), false);
    assert.equal(startsWithName(origins('.example'), ''), true);
  });

  it('finds nothing in no domains', () => {
    assert.equal(startsWithName(origins(), 'site'), false);
  });
});
