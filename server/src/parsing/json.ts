import { type Limits, raiseHint, ReadError } from './errors';
import type { MapEntry, MapNode, ScalarNode, SeqNode, SourceNode } from './nodes';

/**
 * A strict JSON reader that records the offset range of every key and value in one pass.
 * Hand-written on char codes because `jsonc-parser`'s tree costs ~30× `JSON.parse`; this costs ~3×.
 * Recursion is bounded by `limits.maxDepth`, checked before each descent, so hostile nesting cannot
 * overflow the stack. Duplicate keys are an error, as CloudFormation and Terraform treat them.
 */
export function readJson(text: string, limits: Pick<Limits, 'maxDepth'>): SourceNode {
  const reader = new JsonReader(text, limits.maxDepth);
  reader.skipSpace();
  const root = reader.value(0);
  reader.skipSpace();
  if (reader.pos < text.length) reader.fail('unexpected content after the end of the JSON value');
  return root;
}

const DUPLICATE_SCAN_LIMIT = 8;

class JsonReader {
  pos = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  fail(message: string, at = this.pos): never {
    throw new ReadError('parse', `${message} in JSON`, Math.min(at, this.text.length));
  }

  skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  value(depth: number): SourceNode {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b /* { */:
        return this.object(depth + 1);
      case 0x5b /* [ */:
        return this.array(depth + 1);
      case 0x22 /* " */:
        return this.string();
      case 0x74 /* t */:
        return this.literal('true', true);
      case 0x66 /* f */:
        return this.literal('false', false);
      case 0x6e /* n */:
        return this.literal('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
        if (Number.isNaN(c)) this.fail('unexpected end of input');
        return this.fail(`unexpected character '${this.text[this.pos]}'`);
    }
  }

  private enter(depth: number): void {
    if (depth > this.maxDepth) {
      throw new ReadError('limit', `nesting deeper than ${this.maxDepth} levels${raiseHint('maxDepth')}`, this.pos);
    }
  }

  private object(depth: number): MapNode {
    this.enter(depth);
    const text = this.text;
    const start = this.pos++;
    const entries: MapEntry[] = [];
    let seen: Set<string> | undefined;
    this.skipSpace();
    if (text.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++;
      return { kind: 'map', start, end: this.pos, entries };
    }
    for (;;) {
      if (text.charCodeAt(this.pos) !== 0x22) this.fail('expected a property name in double quotes');
      const key = this.string() as ScalarNode & { value: string };
      if (entries.length < DUPLICATE_SCAN_LIMIT) {
        for (const entry of entries) {
          if (entry.key.value === key.value) this.fail(`duplicate key "${key.value}"`, key.start);
        }
      } else {
        if (seen === undefined) seen = new Set(entries.map((entry) => entry.key.value as string));
        if (seen.has(key.value)) this.fail(`duplicate key "${key.value}"`, key.start);
        seen.add(key.value);
      }
      this.skipSpace();
      if (text.charCodeAt(this.pos) !== 0x3a /* : */) this.fail("expected ':' after a property name");
      this.pos++;
      this.skipSpace();
      entries.push({ key, value: this.value(depth) });
      this.skipSpace();
      const c = text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x2c /* , */) {
        this.skipSpace();
        continue;
      }
      if (c === 0x7d /* } */) return { kind: 'map', start, end: this.pos, entries };
      this.pos--;
      this.fail(Number.isNaN(c) ? "unexpected end of input, expected '}'" : "expected ',' or '}'");
    }
  }

  private array(depth: number): SeqNode {
    this.enter(depth);
    const text = this.text;
    const start = this.pos++;
    const items: SourceNode[] = [];
    this.skipSpace();
    if (text.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++;
      return { kind: 'seq', start, end: this.pos, items };
    }
    for (;;) {
      items.push(this.value(depth));
      this.skipSpace();
      const c = text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x2c /* , */) {
        this.skipSpace();
        continue;
      }
      if (c === 0x5d /* ] */) return { kind: 'seq', start, end: this.pos, items };
      this.pos--;
      this.fail(Number.isNaN(c) ? "unexpected end of input, expected ']'" : "expected ',' or ']'");
    }
  }

  private string(): ScalarNode {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x22 /* " */) break;
      if (c === 0x5c /* \ */) {
        escaped = true;
        pos += 2;
        continue;
      }
      if (c < 0x20) this.fail('unterminated string', Number.isNaN(c) ? text.length : pos);
      if (Number.isNaN(c)) this.fail('unterminated string', text.length);
      pos++;
    }
    const end = pos + 1;
    this.pos = end;
    if (!escaped) return { kind: 'scalar', start, end, value: text.slice(start + 1, pos) };
    try {
      return { kind: 'scalar', start, end, value: JSON.parse(text.slice(start, end)) as string };
    } catch {
      return this.fail('invalid escape sequence in string', start);
    }
  }

  private number(): ScalarNode {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const intStart = pos;
    while (isDigit(text.charCodeAt(pos))) pos++;
    if (pos === intStart || (text.charCodeAt(intStart) === 0x30 && pos - intStart > 1))
      this.fail('invalid number', start);
    if (text.charCodeAt(pos) === 0x2e /* . */) {
      const fracStart = ++pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === fracStart) this.fail('invalid number', start);
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 0x2b || sign === 0x2d) pos++;
      const expStart = pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === expStart) this.fail('invalid number', start);
    }
    this.pos = pos;
    return { kind: 'scalar', start, end: pos, value: Number(text.slice(start, pos)) };
  }

  private literal(word: string, value: boolean | null): ScalarNode {
    const start = this.pos;
    if (!this.text.startsWith(word, start)) this.fail(`unexpected character '${this.text[start]}'`);
    this.pos = start + word.length;
    return { kind: 'scalar', start, end: this.pos, value };
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
