import type { Limits } from './errors';
import { DUPLICATE_SCAN_LIMIT, isDigit, JsonScanner } from './json-scan';
import type { MapEntry, MapNode, ScalarNode, SeqNode, SourceNode } from './nodes';

/**
 * Subtrees a caller never reads, by key: `true` leaves the value under that key hollow (a map or sequence with
 * its range but no children; a scalar is read as usual), a nested map applies inside that value — to each item
 * alike when the value is an array.
 */
export type Hollow = ReadonlyMap<string, true | Hollow>;

/**
 * A strict JSON reader that records the offset range of every key and value in one pass.
 * Hand-written on char codes because `jsonc-parser`'s tree costs ~30× `JSON.parse`; this costs ~3×.
 * Recursion is bounded by `limits.maxDepth`, checked before each descent, so hostile nesting cannot
 * overflow the stack. Duplicate keys are an error, as CloudFormation and Terraform treat them.
 * Subtrees named by `hollow` are checked as strictly (the same errors at the same offsets) but not built.
 */
export function readJson(text: string, limits: Pick<Limits, 'maxDepth'>, hollow?: Hollow): SourceNode {
  const reader = new JsonReader(text, limits.maxDepth);
  try {
    reader.skipSpace();
    const root = reader.value(0, hollow);
    reader.skipSpace();
    if (reader.pos < text.length) reader.fail('unexpected content after the end of the JSON value');
    return root;
  } finally {
    reader.release();
  }
}

const MAX_KEYS = 4096;
const NO_ENTRIES: readonly MapEntry[] = Object.freeze([]);
const NO_ITEMS: readonly SourceNode[] = Object.freeze([]);

class JsonReader extends JsonScanner {
  /**
   * The entries and items of the collections being read, innermost last; each collection copies its own out, at
   * its exact size, when it ends. An array grown by `push` reserves 17 slots on its first element and keeps them
   * as long as the tree lives: exact sizes make the tree of a 5.6 MB plan 16% smaller (63 → 53 MB), which the
   * garbage collector copies less of while the lint runs (lint 5–9% cheaper on `.tf.json` and plans).
   */
  private readonly entryStack: MapEntry[] = [];
  private entryTop = 0;
  private readonly itemStack: SourceNode[] = [];
  private itemTop = 0;
  /**
   * Each key text read so far, up to MAX_KEYS of them: a document repeats a few hundred keys thousands of times,
   * and one string per key text makes the tree of a plan another 12% smaller (53 → 47 MB; its lint ~10% cheaper).
   */
  private readonly keys = new Map<string, string>();

  /**
   * Empties the stacks and the keys. A large read outlives a few young collections, so they end up in the old
   * generation, where their slots would keep the young part of the tree alive (and promote it) until the next full
   * collection, long after the reader is gone: a loop of reads of a 1.4 MB template ran 9 full collections rather
   * than 1, and each read cost ~40% more.
   */
  release(): void {
    this.entryStack.length = 0;
    this.itemStack.length = 0;
    this.keys.clear();
  }

  value(depth: number, hollow: Hollow | undefined): SourceNode {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b /* { */:
        return this.object(depth + 1, hollow);
      case 0x5b /* [ */:
        return this.array(depth + 1, hollow);
      case 0x22 /* " */:
        return this.string();
      case 0x74 /* t */:
        return this.literal('true', true);
      case 0x66 /* f */:
        return this.literal('false', false);
      case 0x6e /* n */:
        return this.literal('null', null);
      default:
        if (c === 0x2d || isDigit(c)) return this.number();
        return this.unexpected();
    }
  }

  /** A map or sequence checked but not built; a scalar is read as usual. */
  private hollowValue(depth: number): SourceNode {
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    if (c !== 0x7b && c !== 0x5b) return this.value(depth, undefined);
    this.skipValue(depth);
    return c === 0x7b
      ? { kind: 'map', start, end: this.pos, entries: NO_ENTRIES }
      : { kind: 'seq', start, end: this.pos, items: NO_ITEMS };
  }

  private object(depth: number, hollow: Hollow | undefined): MapNode {
    this.enter(depth);
    const text = this.text;
    const start = this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++;
      return { kind: 'map', start, end: this.pos, entries: [] };
    }
    const stack = this.entryStack;
    const base = this.entryTop;
    let seen: Set<string> | undefined;
    for (;;) {
      if (text.charCodeAt(this.pos) !== 0x22) this.fail('expected a property name in double quotes');
      const key = this.key();
      if (this.entryTop - base < DUPLICATE_SCAN_LIMIT) {
        for (let i = base; i < this.entryTop; i++) {
          if ((stack[i] as MapEntry).key.value === key.value) this.fail(`duplicate key "${key.value}"`, key.start);
        }
      } else {
        if (seen === undefined) {
          seen = new Set();
          for (let i = base; i < this.entryTop; i++) seen.add((stack[i] as MapEntry).key.value as string);
        }
        if (seen.has(key.value)) this.fail(`duplicate key "${key.value}"`, key.start);
        seen.add(key.value);
      }
      this.passColon();
      const inner = hollow?.get(key.value);
      const value =
        inner === undefined
          ? this.value(depth, undefined)
          : inner === true
            ? this.hollowValue(depth)
            : this.value(depth, inner);
      stack[this.entryTop++] = { key, value };
      if (this.passSeparator(0x7d /* } */)) continue;
      const entries = stack.slice(base, this.entryTop);
      this.entryTop = base;
      return { kind: 'map', start, end: this.pos, entries };
    }
  }

  private array(depth: number, hollow: Hollow | undefined): SeqNode {
    this.enter(depth);
    const text = this.text;
    const start = this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++;
      return { kind: 'seq', start, end: this.pos, items: [] };
    }
    const stack = this.itemStack;
    const base = this.itemTop;
    do {
      stack[this.itemTop++] = this.value(depth, hollow);
    } while (this.passSeparator(0x5d /* ] */));
    const items = stack.slice(base, this.itemTop);
    this.itemTop = base;
    return { kind: 'seq', start, end: this.pos, items };
  }

  /** A key, its text shared with every earlier key spelled the same. */
  private key(): ScalarNode & { value: string } {
    const start = this.pos;
    this.scanString();
    const end = this.pos;
    let value = this.escaped ? this.unescape(start, end) : this.text.slice(start + 1, end - 1);
    const known = this.keys.get(value);
    if (known !== undefined) value = known;
    else if (this.keys.size < MAX_KEYS) this.keys.set(value, value);
    return { kind: 'scalar', start, end, value };
  }

  private string(): ScalarNode {
    const start = this.pos;
    this.scanString();
    const end = this.pos;
    const value = this.escaped ? this.unescape(start, end) : this.text.slice(start + 1, end - 1);
    return { kind: 'scalar', start, end, value };
  }

  private number(): ScalarNode {
    const start = this.pos;
    this.scanNumber();
    const end = this.pos;
    return { kind: 'scalar', start, end, value: Number(this.text.slice(start, end)) };
  }

  private literal(word: string, value: boolean | null): ScalarNode {
    const start = this.pos;
    this.scanLiteral(word);
    return { kind: 'scalar', start, end: this.pos, value };
  }
}
