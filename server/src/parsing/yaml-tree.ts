import { type Limits, raiseHint, ReadError } from './errors';
import type { MapEntry, MapNode, ScalarNode, ScalarValue, SourceNode } from './nodes';
import { longNameOf } from './short-form-tags';

/** The fields of js-yaml's live parser state that the listener reads, in place: a copy per event is garbage. */
export interface ListenerState {
  readonly position: number;
  readonly kind: 'scalar' | 'sequence' | 'mapping' | null;
  readonly tag: string | null;
  readonly anchor: string | null;
  result: unknown;
}

/** Upper bound on nodes, counting every alias as a copy of what it names. */
const MIN_EXPANSION_BUDGET = 1_000_000;

/**
 * Builds the source tree from js-yaml's `open` and `close` events. The tree is most of what a read allocates, so
 * nothing else is: open nodes are parallel arrays of numbers indexed by depth, and the closed nodes waiting for
 * their parent share one stack (frame `d`'s children are `pending[bases[d]..top)`), copied out at the exact size
 * when the parent closes. An object and an array per event cost more than js-yaml's own parse.
 */
export class TreeBuilder {
  /** Where each open node began (clamped to the text), by depth; depth 0 is the document. */
  private readonly opens: number[] = [0];
  /** Nodes counted (with alias expansions) when each open node began. */
  private readonly openCounts: number[] = [0];
  /** Where each open node's children begin in `pending`. */
  private readonly bases: number[] = [0];
  /** Nesting height of each open node's tallest child so far. */
  private readonly heights: number[] = [0];
  private depth = 0;
  private readonly pending: SourceNode[] = [];
  private top = 0;
  private readonly anchors = new Map<string, { node: SourceNode; size: number; height: number }>();
  private readonly expansionBudget: number;
  private count = 0;
  private aliases = 0;
  /** Nesting height of the node `build` returned last. */
  private height = 0;
  /** The short-form key `properties` read last. */
  private tagKey: ScalarNode | undefined = undefined;

  constructor(
    private readonly text: string,
    private readonly limits: Pick<Limits, 'maxDepth' | 'maxAliases'>,
  ) {
    this.expansionBudget = Math.max(MIN_EXPANSION_BUDGET, text.length * 4);
  }

  root(): SourceNode {
    const root = this.top > 0 ? this.pending[this.top - 1] : undefined;
    return root ?? { kind: 'scalar', start: 0, end: 0, value: null };
  }

  open(position: number): void {
    const depth = ++this.depth;
    // js-yaml appends a line break to a text that lacks one, so its positions can run one past our text.
    this.opens[depth] = Math.min(position, this.text.length);
    this.openCounts[depth] = this.count;
    this.bases[depth] = this.top;
    this.heights[depth] = 0;
  }

  close(state: ListenerState): void {
    const depth = this.depth;
    if (depth === 0) return;
    this.depth = depth - 1;
    const node = this.build(depth, state);
    const height = this.height;
    if (height > this.limits.maxDepth) {
      throw new ReadError(
        'limit',
        `nesting deeper than ${this.limits.maxDepth} levels${raiseHint('maxDepth')}`,
        node.start,
      );
    }
    this.count++;
    if (state.anchor !== null) {
      this.anchors.set(state.anchor, { node, size: this.count - (this.openCounts[depth] as number), height });
    }
    // js-yaml backtracks in a few places (a probe for a compact mapping, properties before an implicit key);
    // siblings always advance through the text, so a node that starts at or before earlier ones replaces them,
    // unless it is empty (zero-length at its parent's cursor) and must not evict the key it belongs to.
    const pending = this.pending;
    const parentBase = this.bases[depth - 1] as number;
    let top = this.bases[depth] as number;
    while (top > parentBase) {
      const last = pending[top - 1] as SourceNode;
      if (last.start < node.start || (node.start === node.end && last.end <= node.start)) break;
      top--;
    }
    pending[top] = node;
    this.top = top + 1;
    if (height > (this.heights[depth - 1] as number)) this.heights[depth - 1] = height;
  }

  private build(depth: number, state: ListenerState): SourceNode {
    const text = this.text;
    const open = this.opens[depth] as number;
    const close = Math.min(state.position, text.length);
    const start = skipSpaceAndComments(text, open, close);
    const kind = state.kind;
    this.height = 0;
    if (kind === null) {
      if (state.result !== null && text.charCodeAt(start) === 0x2a /* * */) return this.alias(start);
      // A tag with nothing after it (`!GetAZs`) applies to an empty string, as CloudFormation reads it.
      if (state.tag !== null && longNameOf(state.tag) !== undefined) return this.tagged(depth, start, close, state, '');
      // An empty node (`Key:` with nothing after it) sits, zero-length, where it would have begun.
      return { kind: 'scalar', start: open, end: open, value: null };
    }
    if (kind === 'scalar') return this.tagged(depth, start, close, state, scalarValue(state.result));
    // js-yaml probes a node as the key of a compact mapping before reading it as itself; the probe is then
    // the node's only child, at the same place, and it is the node.
    const base = this.bases[depth] as number;
    if (this.top - base === 1) {
      const only = this.pending[base] as SourceNode;
      if (only.start === start) {
        this.height = this.heights[depth] as number;
        return only;
      }
    }
    return this.tagged(depth, start, close, state, null);
  }

  /** A node with its properties; a short-form tag becomes the key of a wrapper map around the value. */
  private tagged(depth: number, start: number, close: number, state: ListenerState, scalar: ScalarValue): SourceNode {
    const text = this.text;
    const first = text.charCodeAt(start);
    let contentStart = start;
    let tagKey: ScalarNode | undefined;
    if (first === 0x21 /* ! */ || first === 0x26 /* & */) {
      contentStart = this.properties(start, state.tag);
      tagKey = this.tagKey;
    }
    // The wrapped value starts after the tag; an anchor stays inside the node it names.
    const innerStart = tagKey === undefined ? start : contentStart;
    let inner: SourceNode;
    const kind = state.kind;
    if (kind === 'sequence') {
      const items = this.pending.slice(this.bases[depth], this.top);
      inner = { kind: 'seq', start: innerStart, end: this.collectionEnd(contentStart, close, items), items };
      this.height = (this.heights[depth] as number) + 1;
    } else if (kind === 'mapping') {
      inner = this.mapping(depth, innerStart, contentStart, close);
      this.height = (this.heights[depth] as number) + 1;
    } else if (kind === null && tagKey !== undefined) {
      inner = { kind: 'scalar', start: tagKey.end, end: tagKey.end, value: scalar };
    } else {
      inner = { kind: 'scalar', start: innerStart, end: trimEnd(text, innerStart, close), value: scalar };
    }
    if (tagKey === undefined) return inner;
    this.height++;
    return { kind: 'map', start, end: inner.end, entries: [{ key: tagKey, value: inner }], shortForm: true };
  }

  /**
   * Reads node properties (`!Tag`, `&anchor`) at `start`: returns where the content begins and leaves the
   * short-form key, if the node's tag is one, in `tagKey`.
   */
  private properties(start: number, tag: string | null): number {
    const text = this.text;
    let pos = start;
    this.tagKey = undefined;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c !== 0x21 /* ! */ && c !== 0x26 /* & */) return pos;
      const tokenStart = pos;
      while (pos < text.length && !isSpace(text.charCodeAt(pos))) pos++;
      if (c === 0x21 && tag !== null) {
        const longName = longNameOf(tag);
        if (longName !== undefined) this.tagKey = { kind: 'scalar', start: tokenStart, end: pos, value: longName };
      }
      pos = skipSpaceAndComments(text, pos, text.length);
    }
  }

  private mapping(depth: number, start: number, contentStart: number, close: number): MapNode {
    const pending = this.pending;
    const base = this.bases[depth] as number;
    const top = this.top;
    const entries: MapEntry[] = [];
    for (let i = base; i + 1 < top; i += 2) {
      const key = pending[i] as SourceNode;
      const value = pending[i + 1] as SourceNode;
      entries.push({ key: key.kind === 'scalar' ? key : this.complexKey(key), value });
    }
    const last = top > base ? (pending[top - 1] as SourceNode) : undefined;
    return { kind: 'map', start, end: this.collectionEndAfter(contentStart, close, last), entries };
  }

  private complexKey(key: SourceNode): ScalarNode {
    return { kind: 'scalar', start: key.start, end: key.end, value: this.text.slice(key.start, key.end) };
  }

  private collectionEnd(start: number, close: number, children: readonly SourceNode[]): number {
    return this.collectionEndAfter(start, close, children[children.length - 1]);
  }

  /** Block collections end with their last child; flow collections at their closing bracket. */
  private collectionEndAfter(start: number, close: number, last: SourceNode | undefined): number {
    const text = this.text;
    const open = text.charCodeAt(start);
    if (open !== 0x5b /* [ */ && open !== 0x7b /* { */) return last?.end ?? trimEnd(text, start, close);
    const bracket = open === 0x5b ? 0x5d : 0x7d;
    let pos = last?.end ?? start + 1;
    while (pos < close && text.charCodeAt(pos) !== bracket) {
      pos = text.charCodeAt(pos) === 0x23 /* # */ ? lineEnd(text, pos) : pos + 1;
    }
    return Math.min(pos + 1, close);
  }

  private alias(start: number): SourceNode {
    const text = this.text;
    let end = start + 1;
    while (end < text.length && !isAliasTerminator(text.charCodeAt(end))) end++;
    const name = text.slice(start + 1, end);
    const anchored = this.anchors.get(name);
    if (anchored === undefined) throw new ReadError('parse', `unknown alias "${name}" in YAML`, start);
    if (++this.aliases > this.limits.maxAliases) {
      throw new ReadError('limit', `more than ${this.limits.maxAliases} YAML aliases${raiseHint('maxAliases')}`, start);
    }
    this.count += anchored.size;
    this.height = anchored.height;
    if (this.count > this.expansionBudget) {
      throw new ReadError('limit', `YAML aliases expand to more than ${this.expansionBudget} nodes`, start);
    }
    // The alias keeps its own range; its content is the anchored node's, shared, never copied.
    return { ...anchored.node, start, end };
  }
}

function scalarValue(result: unknown): ScalarValue {
  if (result === null || typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean') {
    return result;
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- unreachable with CORE_SCHEMA's scalar types; guards a schema change
  return String(result);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isAliasTerminator(c: number): boolean {
  return isSpace(c) || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

function lineEnd(text: string, pos: number): number {
  const newline = text.indexOf('\n', pos);
  return newline === -1 ? text.length : newline;
}

function skipSpaceAndComments(text: string, pos: number, limit: number): number {
  while (pos < limit) {
    const c = text.charCodeAt(pos);
    if (isSpace(c)) pos++;
    else if (c === 0x23 /* # */ && (pos === 0 || isSpace(text.charCodeAt(pos - 1)))) pos = lineEnd(text, pos);
    else break;
  }
  return pos;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}
