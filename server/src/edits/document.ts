import { readDocument, type Syntax } from '../parsing/detect';
import { DEFAULT_LIMITS, type Limits } from '../parsing/errors';
import type { MapEntry, MapNode, Range, SeqNode, SourceNode } from '../parsing/nodes';

/** A change that cannot be made to this text: its node is gone, or it is not the shape the change needs. */
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

/** Where a node sits: what holds it decides how a replacement is written. */
export type Parent =
  | { readonly kind: 'root' }
  | { readonly kind: 'entry'; readonly map: MapNode; readonly entry: MapEntry }
  | { readonly kind: 'item'; readonly seq: SeqNode; readonly index: number };

export type LineEnding = '\n' | '\r\n';

/**
 * A text re-read for editing: the source tree with every node findable by its exact range and its parent
 * known, plus the line arithmetic the edits need. Built once per pass, when fixes are asked for.
 */
export class EditDocument {
  readonly syntax: Syntax;
  readonly root: MapNode;
  /** The file's line ending, taken from its first line break (LF when it has none). */
  readonly eol: LineEnding;
  private readonly byRange = new Map<string, SourceNode[]>();
  private readonly parents = new Map<SourceNode, Parent>();
  private readonly byKey = new Map<string, { readonly map: MapNode; readonly entry: MapEntry }>();

  constructor(
    readonly text: string,
    file: string,
    limits: Limits = DEFAULT_LIMITS,
  ) {
    const outcome = readDocument(text, file, limits);
    if (outcome.kind === 'not-iac') throw new EditError('the text is no longer a template');
    if (outcome.kind === 'problem') throw new EditError(`the text cannot be read: ${outcome.problem.message}`);
    this.syntax = outcome.document.syntax;
    this.root = outcome.document.root;
    const newline = text.indexOf('\n');
    this.eol = newline > 0 && text.charCodeAt(newline - 1) === 0x0d ? '\r\n' : '\n';
    this.index(this.root, { kind: 'root' });
  }

  /** The node at exactly `range`, of `kind` when given; an EditError when the text has none. */
  nodeAt(range: Range, kind?: SourceNode['kind']): SourceNode {
    const found = this.byRange.get(rangeKey(range))?.find((node) => kind === undefined || node.kind === kind);
    if (found === undefined) throw new EditError(`no ${kind ?? 'node'} at ${range.start}-${range.end}`);
    return found;
  }

  mapAt(range: Range): MapNode {
    return this.nodeAt(range, 'map') as MapNode;
  }

  /** The entry whose key is at exactly `range`, with the map that holds it. */
  entryAt(range: Range): { readonly map: MapNode; readonly entry: MapEntry } {
    const found = this.byKey.get(rangeKey(range));
    if (found === undefined) throw new EditError(`no key at ${range.start}-${range.end}`);
    return found;
  }

  parentOf(node: SourceNode): Parent {
    return this.parents.get(node) ?? { kind: 'root' };
  }

  slice(range: Range): string {
    return this.text.slice(range.start, range.end);
  }

  /** Whether a collection is written in flow style (`{…}`, `[…]`): always in JSON. */
  isFlow(node: SourceNode): boolean {
    return this.flowOpen(node) !== undefined;
  }

  /** The offset of a flow collection's opening bracket, after any anchor (`&name {…}`); undefined in block style. */
  flowOpen(node: SourceNode): number | undefined {
    if (this.syntax === 'json') return node.start;
    const text = this.text;
    let pos = node.start;
    while (text.charCodeAt(pos) === 0x26 /* & */) {
      while (pos < node.end && text.charAt(pos).trim() !== '') pos++;
      while (pos < node.end && text.charAt(pos).trim() === '') pos++;
    }
    const c = text.charCodeAt(pos);
    return c === 0x7b /* { */ || c === 0x5b /* [ */ ? pos : undefined;
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** End of the line's content, before its line break. */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    if (newline === -1) return this.text.length;
    return this.text.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
  }

  /** Start of the next line, or undefined on the last line. */
  nextLineStart(offset: number): number | undefined {
    const newline = this.text.indexOf('\n', offset);
    return newline === -1 ? undefined : newline + 1;
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** The whitespace that begins the line holding `offset`. */
  indentOf(offset: number): string {
    const start = this.lineStart(offset);
    return /^[ \t]*/.exec(this.text.slice(start, offset))?.[0] ?? '';
  }

  /** Whether only whitespace comes before `offset` on its line. */
  firstOnLine(offset: number): boolean {
    return this.text.slice(this.lineStart(offset), offset).trim() === '';
  }

  sameLine(a: number, b: number): boolean {
    const [low, high] = a <= b ? [a, b] : [b, a];
    return !this.text.slice(low, high).includes('\n');
  }

  /**
   * Where text added after `offset` goes so that nothing else on its line moves: the end of the line when only
   * spaces or a YAML comment follow, else `offset` itself.
   */
  afterOnLine(offset: number): number {
    const end = this.lineEnd(offset);
    const rest = this.text.slice(offset, end);
    return (this.syntax === 'json' ? /^[ \t]*$/ : /^[ \t]*(#.*)?$/).test(rest) ? end : offset;
  }

  private index(node: SourceNode, parent: Parent): void {
    const key = rangeKey(node);
    const same = this.byRange.get(key);
    if (same === undefined) this.byRange.set(key, [node]);
    else same.push(node);
    this.parents.set(node, parent);
    // An alias shares its anchor's content: indexing that twice would give its nodes the alias's parent.
    if (this.syntax === 'yaml' && this.text.charCodeAt(node.start) === 0x2a /* * */) return;
    if (node.kind === 'map') {
      for (const entry of node.entries) {
        this.byKey.set(rangeKey(entry.key), { map: node, entry });
        this.index(entry.value, { kind: 'entry', map: node, entry });
      }
    } else if (node.kind === 'seq') {
      node.items.forEach((item, index) => this.index(item, { kind: 'item', seq: node, index }));
    }
  }
}

function rangeKey(range: Range): string {
  return `${range.start}:${range.end}`;
}
