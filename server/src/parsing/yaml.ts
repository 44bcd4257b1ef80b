import * as jsyaml from 'js-yaml';
import { type Limits, ReadError } from './errors';
import type { MapEntry, MapNode, ScalarNode, ScalarValue, SeqNode, SourceNode } from './nodes';

/**
 * Reads YAML into the source tree with exact offsets, on `js-yaml`'s fast path: its `listener` reports every
 * node's open and close, and this builds the tree from those events (≈1.0–1.6× a bare load, against ~10× for
 * the `yaml` package's document, which is kept for edits only). CloudFormation short-form tags become the
 * long form (`!Ref x` → `{ Ref: x }`, marked `shortForm`). Depth and alias expansion are bounded while
 * parsing, so neither a deep document nor a "billion laughs" can exhaust the stack or the heap.
 */
export function readYaml(text: string, limits: Pick<Limits, 'maxDepth' | 'maxAliases'>): SourceNode {
  const builder = new TreeBuilder(text, limits);
  try {
    const options: jsyaml.LoadOptions & { maxDepth: number } = {
      schema: CLOUDFORMATION_SCHEMA,
      // A safety net for the stack (js-yaml ≥ 4.3). It counts parse attempts, not nodes (a flow entry or a
      // compact mapping is probed more than once), so the exact limit is enforced on the built tree instead.
      maxDepth: limits.maxDepth * 3 + 10,
      listener: (event, state) => {
        const live = state as unknown as ListenerState;
        // js-yaml appends a line break to a text that lacks one, so its positions can run one past our text.
        const position = Math.min(live.position, text.length);
        const { kind, tag, anchor, result } = live;
        builder.onEvent(event, { position, kind, tag, anchor, result });
      },
    };
    jsyaml.load(text, options);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    if (error instanceof jsyaml.YAMLException) {
      // The mark may sit on the line break js-yaml appends to a text that lacks one.
      const offset = Math.min(error.mark?.position ?? 0, text.length);
      if (/maxDepth/.test(error.reason)) {
        throw new ReadError('limit', `nesting deeper than ${limits.maxDepth} levels`, offset);
      }
      const unknownTag = /unknown tag !<(!?[^>]*)>/.exec(error.reason)?.[1];
      // js-yaml marks the end of the tagged node; the tag itself is what the user must change.
      const tagAt = unknownTag === undefined ? -1 : text.lastIndexOf(unknownTag, offset);
      throw new ReadError(
        'parse',
        `${error.reason.replace(/!<(!?[^>]*)>/, '$1')} in YAML`,
        tagAt >= 0 ? tagAt : offset,
      );
    }
    throw error;
  }
  return builder.root();
}

/**
 * Short-form tags of CloudFormation — intrinsic functions, the language extensions, and the functions of a
 * template's `Rules` section — and the long names they stand for.
 */
export const SHORT_FORM_TAGS: ReadonlyMap<string, string> = new Map(
  [
    'Ref',
    'Condition',
    'Fn::Sub',
    'Fn::GetAtt',
    'Fn::If',
    'Fn::Join',
    'Fn::Select',
    'Fn::Split',
    'Fn::FindInMap',
    'Fn::Base64',
    'Fn::Cidr',
    'Fn::ImportValue',
    'Fn::GetAZs',
    'Fn::Equals',
    'Fn::And',
    'Fn::Or',
    'Fn::Not',
    'Fn::Transform',
    'Fn::ToJsonString',
    'Fn::Length',
    'Fn::Contains',
    'Fn::EachMemberEquals',
    'Fn::EachMemberIn',
    'Fn::RefAll',
    'Fn::ValueOf',
    'Fn::ValueOfAll',
  ].map((name) => [`!${name.replace(/^Fn::/, '')}`, name]),
);

/** Rain's directives (`!Rain::Embed`, `!Rain::Module`, …), expanded by `rain pkg`: read as opaque functions. */
const RAIN_PREFIX = '!Rain::';

function longNameOf(tag: string): string | undefined {
  return SHORT_FORM_TAGS.get(tag) ?? (tag.startsWith(RAIN_PREFIX) ? tag.slice(1) : undefined);
}

const KINDS = ['scalar', 'sequence', 'mapping'] as const;

const CLOUDFORMATION_SCHEMA = jsyaml.CORE_SCHEMA.extend([
  // The tree is built from the events; js-yaml's own result only has to carry the raw data.
  ...[...SHORT_FORM_TAGS.keys()].flatMap((tag) =>
    KINDS.map((kind) => new jsyaml.Type(tag, { kind, construct: (data: unknown) => data })),
  ),
  ...KINDS.map((kind) => new jsyaml.Type(RAIN_PREFIX, { kind, multi: true, construct: (data: unknown) => data })),
]);

interface ListenerState {
  position: number;
  kind: 'scalar' | 'sequence' | 'mapping' | null;
  tag: string | null;
  anchor: string | null;
  result: unknown;
}

interface Frame {
  open: number;
  /** Nodes counted (with alias expansions) when this frame opened. */
  openCount: number;
  children: SourceNode[];
  /** Nesting height of the tallest child so far; kept here because a side table per node costs ~20% of a parse. */
  height: number;
}

/** Upper bound on nodes, counting every alias as a copy of what it names. */
const MIN_EXPANSION_BUDGET = 1_000_000;

class TreeBuilder {
  private readonly stack: Frame[] = [{ open: 0, openCount: 0, children: [], height: 0 }];
  private readonly anchors = new Map<string, { node: SourceNode; size: number; height: number }>();
  private readonly expansionBudget: number;
  private count = 0;
  private aliases = 0;
  /** Nesting height of the node `build` returned last. */
  private height = 0;

  constructor(
    private readonly text: string,
    private readonly limits: Pick<Limits, 'maxDepth' | 'maxAliases'>,
  ) {
    this.expansionBudget = Math.max(MIN_EXPANSION_BUDGET, text.length * 4);
  }

  root(): SourceNode {
    const root = this.stack[0]?.children.at(-1);
    return root ?? { kind: 'scalar', start: 0, end: 0, value: null };
  }

  onEvent(event: 'open' | 'close', state: ListenerState): void {
    if (event === 'open') {
      this.stack.push({ open: state.position, openCount: this.count, children: [], height: 0 });
      return;
    }
    const frame = this.stack.pop();
    const parent = this.stack.at(-1);
    if (frame === undefined || parent === undefined) return;
    const node = this.build(frame, state);
    const height = this.height;
    if (height > this.limits.maxDepth) {
      throw new ReadError('limit', `nesting deeper than ${this.limits.maxDepth} levels`, node.start);
    }
    this.count++;
    if (state.anchor !== null) this.anchors.set(state.anchor, { node, size: this.count - frame.openCount, height });
    // js-yaml backtracks in a few places (a probe for a compact mapping, properties before an implicit key);
    // siblings always advance through the text, so a node that starts at or before earlier ones replaces them.
    const siblings = parent.children;
    while (siblings.length > 0 && (siblings.at(-1) as SourceNode).start >= node.start && !isEmptyAt(node, siblings)) {
      siblings.pop();
    }
    siblings.push(node);
    if (height > parent.height) parent.height = height;
  }

  private build(frame: Frame, state: ListenerState): SourceNode {
    const text = this.text;
    const start = skipSpaceAndComments(text, frame.open, state.position);
    this.height = 0;
    if (state.kind === null) {
      if (state.result !== null && text.charCodeAt(start) === 0x2a /* * */) return this.alias(start);
      // A tag with nothing after it (`!GetAZs`) applies to an empty string, as CloudFormation reads it.
      if (state.tag !== null && longNameOf(state.tag) !== undefined)
        return this.tagged(start, state.tag, frame, state, '');
      // An empty node (`Key:` with nothing after it) sits, zero-length, where it would have begun.
      return { kind: 'scalar', start: frame.open, end: frame.open, value: null };
    }
    // js-yaml probes a node as the key of a compact mapping before reading it as itself; the probe is then
    // the node's only child, at the same place, and it is the node.
    const only = frame.children.length === 1 ? frame.children[0] : undefined;
    if (only !== undefined && only.start === start && state.kind !== 'scalar') {
      this.height = frame.height;
      return only;
    }
    return this.tagged(start, state.tag, frame, state, scalarValue(state.result));
  }

  /** A node with its properties; a short-form tag becomes the key of a wrapper map around the value. */
  private tagged(
    start: number,
    tag: string | null,
    frame: Frame,
    state: ListenerState,
    scalar: ScalarValue,
  ): SourceNode {
    const text = this.text;
    const { tagKey, contentStart } = readProperties(text, start, tag);
    // The wrapped value starts after the tag; an anchor stays inside the node it names.
    const innerStart = tagKey === undefined ? start : contentStart;
    let inner: SourceNode;
    if (state.kind === 'sequence') {
      inner = this.sequence(innerStart, contentStart, state.position, frame.children);
      this.height = frame.height + 1;
    } else if (state.kind === 'mapping') {
      inner = this.mapping(innerStart, contentStart, state.position, frame.children);
      this.height = frame.height + 1;
    } else if (state.kind === null && tagKey !== undefined) {
      inner = { kind: 'scalar', start: tagKey.end, end: tagKey.end, value: scalar };
    } else {
      inner = { kind: 'scalar', start: innerStart, end: trimEnd(text, innerStart, state.position), value: scalar };
    }
    if (tagKey === undefined) return inner;
    this.height++;
    return { kind: 'map', start, end: inner.end, entries: [{ key: tagKey, value: inner }], shortForm: true };
  }

  private sequence(start: number, contentStart: number, close: number, items: SourceNode[]): SeqNode {
    return { kind: 'seq', start, end: this.collectionEnd(contentStart, close, items), items };
  }

  private mapping(start: number, contentStart: number, close: number, children: SourceNode[]): MapNode {
    const entries: MapEntry[] = [];
    for (let i = 0; i + 1 < children.length; i += 2) {
      const key = children[i] as SourceNode;
      const value = children[i + 1] as SourceNode;
      entries.push({ key: key.kind === 'scalar' ? key : this.complexKey(key), value });
    }
    return { kind: 'map', start, end: this.collectionEnd(contentStart, close, children), entries };
  }

  private complexKey(key: SourceNode): ScalarNode {
    return { kind: 'scalar', start: key.start, end: key.end, value: this.text.slice(key.start, key.end) };
  }

  /** Block collections end with their last child; flow collections at their closing bracket. */
  private collectionEnd(start: number, close: number, children: SourceNode[]): number {
    const text = this.text;
    const open = text.charCodeAt(start);
    if (open !== 0x5b /* [ */ && open !== 0x7b /* { */) return children.at(-1)?.end ?? trimEnd(text, start, close);
    const bracket = open === 0x5b ? 0x5d : 0x7d;
    let pos = children.at(-1)?.end ?? start + 1;
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
      throw new ReadError('limit', `more than ${this.limits.maxAliases} YAML aliases`, start);
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

/** An empty node is zero-length at its parent's cursor; it must not evict the key it belongs to. */
function isEmptyAt(node: SourceNode, siblings: SourceNode[]): boolean {
  const last = siblings.at(-1) as SourceNode;
  return node.start === node.end && last.end <= node.start;
}

/** Reads node properties (`!Tag`, `&anchor`) at `start`; returns the short-form key and where the content begins. */
function readProperties(
  text: string,
  start: number,
  tag: string | null,
): { tagKey?: ScalarNode; contentStart: number } {
  let pos = start;
  let tagKey: ScalarNode | undefined;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c !== 0x21 /* ! */ && c !== 0x26 /* & */) break;
    const tokenStart = pos;
    while (pos < text.length && !isSpace(text.charCodeAt(pos))) pos++;
    if (c === 0x21 && tag !== null) {
      const longName = longNameOf(tag);
      if (longName !== undefined) tagKey = { kind: 'scalar', start: tokenStart, end: pos, value: longName };
    }
    pos = skipSpaceAndComments(text, pos, text.length);
  }
  return tagKey === undefined ? { contentStart: pos } : { tagKey, contentStart: pos };
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
