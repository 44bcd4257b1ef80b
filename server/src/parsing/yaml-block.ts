import type { MapEntry, MapNode, ScalarNode, SeqNode, SourceNode } from './nodes';
import { longNameOf } from './short-form-tags';
import { plainValue, readBlockScalar, readQuoted } from './yaml-block-scalars';
import {
  BANG,
  COLON,
  DASH,
  DOUBLE_QUOTE,
  HASH,
  NEWLINE,
  PIPE,
  QUOTE,
  SPACE,
  isBlank,
  isKeyChar,
  isPlainFirst,
  isWordChar,
  lineEnd,
  skipSpaces,
} from './yaml-block-text';

/**
 * Reads the block-style YAML that templates are mostly written in — block mappings and sequences, plain and
 * one-line quoted scalars, literal and folded block scalars, short-form tags, `[]` and `{}` — straight into the
 * source tree, at a fraction of js-yaml's cost. Anything else (flow collections with content, anchors,
 * multi-line plain or quoted scalars, tabs, an error of any kind, more nesting than `maxDepth`) answers
 * undefined at once, and the caller reads the text with js-yaml, whose tree this one must equal node for node:
 * yaml-block.test.ts compares the two over the examples, the corpus, fuzz mutants and generated YAML. Where the
 * subset is unsure, it leaves.
 */
export function readBlockYaml(text: string, maxDepth: number): SourceNode | undefined {
  if (!PLAIN_TEXT.test(text)) return undefined;
  try {
    return new BlockReader(text, maxDepth).document();
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

/**
 * Line feeds and printable characters of the Basic Multilingual Plane: no tab, carriage return, control
 * character, surrogate, BOM or Unicode line separator, which js-yaml treats in ways of its own.
 */
const PLAIN_TEXT = /^[\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;

class OutsideSubset extends Error {}

function keyName(key: ScalarNode): string {
  return typeof key.value === 'string' ? key.value : String(key.value);
}

function outside(): never {
  throw new OutsideSubset();
}

class BlockReader {
  /** First character of the current content line, or the text's length at the end. */
  private pos = 0;
  /** Column of `pos`; -1 at the end of the text. */
  private indent = -1;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  document(): SourceNode {
    this.nextLine(-1, Infinity);
    // A root that is not a mapping at column 0, or a directive or document marker, is js-yaml's to read.
    if (this.indent !== 0) throw new OutsideSubset();
    const root = this.mapping(0, 1);
    if (this.pos < this.text.length) throw new OutsideSubset();
    return root;
  }

  private mapping(indent: number, depth: number): MapNode {
    if (depth > this.maxDepth) throw new OutsideSubset();
    const entries: MapEntry[] = [];
    const start = this.pos;
    let seen: Set<string> | undefined;
    for (;;) {
      const key = this.key(this.pos);
      // js-yaml refuses a duplicate key (keys compare as strings); its message is the reader's to give.
      const name = keyName(key);
      if (entries.length < 8) {
        for (const entry of entries) {
          if (keyName(entry.key) === name) throw new OutsideSubset();
        }
      } else {
        seen ??= new Set(entries.map((entry) => keyName(entry.key)));
        if (seen.has(name)) throw new OutsideSubset();
        seen.add(name);
      }
      const value = this.value(key.end + 1, indent, true, depth);
      entries.push({ key, value });
      if (this.indent < indent) break;
      if (this.indent > indent) throw new OutsideSubset();
    }
    return { kind: 'map', start, end: (entries[entries.length - 1] as MapEntry).value.end, entries };
  }

  private sequence(indent: number, depth: number): SeqNode {
    if (depth > this.maxDepth) throw new OutsideSubset();
    const text = this.text;
    const items: SourceNode[] = [];
    const start = this.pos;
    for (;;) {
      // An empty item (`-` alone) is read by js-yaml without a node event of its own.
      if (text.charCodeAt(this.pos + 1) !== SPACE) throw new OutsideSubset();
      const content = skipSpaces(text, this.pos + 1);
      const c = text.charCodeAt(content);
      if (c === NEWLINE || c === HASH || content >= text.length) throw new OutsideSubset();
      let item: SourceNode;
      if (c === DASH && isBlank(text.charCodeAt(content + 1))) {
        // A compact sequence (`- - a`): its items line up with the first one.
        const column = this.indent + (content - this.pos);
        this.pos = content;
        this.indent = column;
        item = this.sequence(column, depth + 1);
      } else if (this.keyEnd(content) >= 0) {
        // A compact mapping (`- Key: value`): its keys line up with the first one.
        const column = this.indent + (content - this.pos);
        this.pos = content;
        this.indent = column;
        item = this.mapping(column, depth + 1);
      } else {
        item = this.value(content, indent, false, depth);
      }
      items.push(item);
      if (this.indent < indent) break;
      if (this.indent > indent) throw new OutsideSubset();
      if (text.charCodeAt(this.pos) !== DASH || !isBlank(text.charCodeAt(this.pos + 1))) break;
    }
    return { kind: 'seq', start, end: (items[items.length - 1] as SourceNode).end, items };
  }

  /**
   * The value that starts at or after `from` (right after a key's colon, or after a sequence's dash) in a block
   * at column `indent`; leaves the reader at the next content line.
   */
  private value(from: number, indent: number, inMapping: boolean, depth: number): SourceNode {
    const text = this.text;
    const start = skipSpaces(text, from);
    const c = text.charCodeAt(start);
    if (c === NEWLINE || c === HASH || start >= text.length) {
      this.nextLine(lineEnd(text, start), Infinity);
      const nested = this.nested(indent, inMapping, depth);
      // An empty value sits, zero-length, right after its key's colon.
      return nested ?? { kind: 'scalar', start: from, end: from, value: null };
    }
    if (c === BANG) return this.tagged(start, indent, inMapping, depth);
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) return this.emptyFlow(start, c, depth + 1);
    return this.scalar(start, indent, true);
  }

  /** `[]` or `{}`; any other flow collection is js-yaml's to read. */
  private emptyFlow(start: number, open: number, depth: number): SourceNode {
    const text = this.text;
    if (depth > this.maxDepth) throw new OutsideSubset();
    const close = skipSpaces(text, start + 1);
    if (text.charCodeAt(close) !== open + 2 /* ] or } */) throw new OutsideSubset();
    const end = close + 1;
    this.endLine(end);
    return open === 0x5b ? { kind: 'seq', start, end, items: [] } : { kind: 'map', start, end, entries: [] };
  }

  /** A block collection on the lines below a key or a tag, or undefined when none is there. */
  private nested(indent: number, inMapping: boolean, depth: number): SourceNode | undefined {
    const text = this.text;
    const dash = text.charCodeAt(this.pos) === DASH && isBlank(text.charCodeAt(this.pos + 1));
    if (this.indent > indent)
      return dash ? this.sequence(this.indent, depth + 1) : this.mapping(this.indent, depth + 1);
    // A mapping's value may be a sequence at the mapping's own column; a sequence item may not.
    if (this.indent === indent && dash && inMapping) return this.sequence(indent, depth + 1);
    return undefined;
  }

  /** `!Tag value`: the short form of an intrinsic function, read as a one-entry map of its long name. */
  private tagged(start: number, indent: number, inMapping: boolean, depth: number): MapNode {
    const text = this.text;
    if (depth + 1 > this.maxDepth) throw new OutsideSubset();
    let tagEnd = start;
    while (tagEnd < text.length && !isBlank(text.charCodeAt(tagEnd))) tagEnd++;
    const longName = longNameOf(text.slice(start, tagEnd));
    if (longName === undefined) throw new OutsideSubset();
    const key: ScalarNode = { kind: 'scalar', start, end: tagEnd, value: longName };
    const content = skipSpaces(text, tagEnd);
    const c = text.charCodeAt(content);
    let inner: SourceNode;
    if (c === NEWLINE || c === HASH || content >= text.length) {
      this.nextLine(lineEnd(text, content), Infinity);
      // A tag with nothing after it (`!GetAZs`) applies to an empty string.
      inner = this.nested(indent, inMapping, depth + 1) ?? { kind: 'scalar', start: tagEnd, end: tagEnd, value: '' };
    } else {
      inner = this.scalar(content, indent, false);
    }
    return { kind: 'map', start, end: inner.end, entries: [{ key, value: inner }], shortForm: true };
  }

  /** A scalar on this line (a literal block scalar runs on below); `resolve` types a plain scalar as js-yaml does. */
  private scalar(start: number, indent: number, resolve: boolean): ScalarNode {
    const text = this.text;
    const c = text.charCodeAt(start);
    if (c === PIPE || c === 0x3e /* > */) {
      const node = readBlockScalar(text, start, indent) ?? outside();
      this.nextLine(lineEnd(text, node.end), Infinity);
      return node;
    }
    if (c === QUOTE || c === DOUBLE_QUOTE) {
      const node = readQuoted(text, start, c) ?? outside();
      this.endLine(node.end);
      return node;
    }
    if (!isPlainFirst(c, text.charCodeAt(start + 1))) throw new OutsideSubset();
    let pos = start;
    let end = start;
    for (;;) {
      const ch = text.charCodeAt(pos);
      if (ch === NEWLINE || pos >= text.length) break;
      if (ch === HASH && text.charCodeAt(pos - 1) === SPACE) break;
      // `key: a: b` and a key in a sequence item that `keyEnd` did not take are js-yaml's to judge.
      if (ch === COLON && isBlank(text.charCodeAt(pos + 1))) throw new OutsideSubset();
      pos++;
      if (ch !== SPACE) end = pos;
    }
    // A more indented line below would continue the scalar, a comment there ends it: both left to js-yaml.
    this.nextLine(lineEnd(text, pos), indent);
    const value = resolve ? plainValue(text, start, end) : text.slice(start, end);
    return { kind: 'scalar', start, end, value };
  }

  /** Leaves the line at `end`, where a node ended, for the next content line: only a comment may follow. */
  private endLine(end: number): void {
    const text = this.text;
    const after = skipSpaces(text, end);
    const next = text.charCodeAt(after);
    if (!(after >= text.length || next === NEWLINE || (next === HASH && after > end))) throw new OutsideSubset();
    this.nextLine(lineEnd(text, after), Infinity);
  }

  /** The key at `start` of a mapping entry: a simple plain key or a one-line quoted one, then a colon. */
  private key(start: number): ScalarNode {
    const text = this.text;
    const c = text.charCodeAt(start);
    if (c === QUOTE || c === DOUBLE_QUOTE) {
      const key = readQuoted(text, start, c) ?? outside();
      if (text.charCodeAt(key.end) !== COLON || !isBlank(text.charCodeAt(key.end + 1))) throw new OutsideSubset();
      return key;
    }
    const end = this.keyEnd(start);
    if (end < 0) throw new OutsideSubset();
    return { kind: 'scalar', start, end, value: plainValue(text, start, end) };
  }

  /**
   * Where a simple key (`Name`, `Fn::Sub`, `Port80`) that starts at `start` ends, if a colon and a space or the
   * line's end follow it; -1 otherwise.
   */
  private keyEnd(start: number): number {
    const text = this.text;
    const first = text.charCodeAt(start);
    if (!isWordChar(first) && first !== 0x2f /* / */ && first !== 0x24 /* $ */) return -1;
    let pos = start + 1;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === COLON) {
        if (isBlank(text.charCodeAt(pos + 1)) || pos + 1 >= text.length) return pos;
      } else if (!isKeyChar(c)) {
        return -1;
      }
      pos++;
    }
  }

  /**
   * Moves to the next content line after the line break at `from` (or the text's end), past empty lines and
   * comment lines; a comment line indented more than `commentIndent` is js-yaml's to read.
   */
  private nextLine(from: number, commentIndent: number): void {
    const text = this.text;
    let end = from;
    for (;;) {
      if (end >= text.length) {
        this.pos = text.length;
        this.indent = -1;
        return;
      }
      const lineStart = end + 1;
      const pos = skipSpaces(text, lineStart);
      const c = text.charCodeAt(pos);
      if (pos >= text.length) {
        end = pos;
      } else if (c === NEWLINE) {
        end = pos;
      } else if (c === HASH) {
        if (pos - lineStart > commentIndent) throw new OutsideSubset();
        end = lineEnd(text, pos);
      } else {
        this.pos = pos;
        this.indent = pos - lineStart;
        return;
      }
    }
  }
}
