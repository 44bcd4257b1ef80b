import type { MapEntry, MapNode, SourceNode } from '../parsing/nodes';
import type { JsonValue, TextEdit } from './changes';
import { EditError, type EditDocument } from './document';
import { entryEnd } from './flow-edits';
import type { YamlRenderer } from './render-yaml';

/*
 * Edits of YAML block collections, line by line. Comments are never moved or dropped: a key is added after the
 * last entry's last line — after a comment that ends that line, and after comment lines indented deeper than the
 * keys, which belong to the entry's value — so comment lines at the keys' indentation or less stay after the new
 * key, since they introduce what comes next. An entry removed takes only its own lines.
 */

/**
 * Adds `key: value` to a block map at its keys' column: after the last entry, or before `before` (and before
 * the comment lines directly above it, which belong to it), keeping a blank line that separates them.
 */
export function insertBlockEntry(
  doc: EditDocument,
  render: YamlRenderer,
  map: MapNode,
  key: string,
  value: JsonValue,
  before?: MapEntry,
): TextEdit[] {
  const first = map.entries[0];
  if (first === undefined) throw new EditError('a block map without entries');
  const column = doc.column(first.key.start);
  const lines = render.entry(key, value, column);
  const eol = doc.eol;
  if (before !== undefined && doc.firstOnLine(before.key.start)) {
    let at = doc.lineStart(before.key.start);
    while (at > 0 && /^[ \t]*#/.test(lineBefore(doc, at))) at = doc.lineStart(at - 1);
    const separated = at > 0 && lineBefore(doc, at).trim() === '';
    const text = `${lines.join(eol)}${eol}${separated ? eol : ''}`;
    return [{ start: at, end: at, text }];
  }
  const last = map.entries.at(-1) as MapEntry;
  let at = doc.lineEnd(last.value.start === last.value.end ? last.key.end : entryEnd(last));
  // Comment lines indented deeper than the keys still belong to the last entry's value.
  for (let next = doc.nextLineStart(at); next !== undefined; next = doc.nextLineStart(at)) {
    const line = doc.text.slice(next, doc.lineEnd(next));
    if (!/^\s*#/.test(line) || doc.column(next + line.search(/\S/)) <= column) break;
    at = doc.lineEnd(next);
  }
  return [{ start: at, end: at, text: `${eol}${lines.join(eol)}` }];
}

/** Removes an entry's lines (with any comment on them); the only entry of a map leaves `{}` in its place. */
export function removeBlockEntry(doc: EditDocument, render: YamlRenderer, map: MapNode, entry: MapEntry): TextEdit[] {
  if (map.entries.length === 1) return replaceInBlock(doc, render, map, {});
  const start = entry.key.start;
  const end = doc.lineEnd(entry.value.start === entry.value.end ? entry.key.end : entryEnd(entry));
  if (!doc.firstOnLine(start)) {
    // The first key of a compact sequence item (`- A: 1`): the next key moves up beside the dash.
    const next = map.entries[map.entries.indexOf(entry) + 1] as MapEntry;
    return [{ start, end: next.key.start, text: '' }];
  }
  const from = doc.lineStart(start);
  const next = doc.nextLineStart(end);
  if (next !== undefined) return [{ start: from, end: next, text: '' }];
  // The file's last line, without a final newline: the line break before it goes instead.
  const previous = from === 0 ? 0 : from - doc.eol.length;
  return [{ start: Math.max(0, previous), end, text: '' }];
}

/**
 * Writes `value` over a node held by a block map or sequence: on the same line when it fits on one
 * (a scalar, a short-form function, an empty collection), else as a block one level in. A comment on the
 * key's line stays on it.
 */
export function replaceInBlock(
  doc: EditDocument,
  render: YamlRenderer,
  node: SourceNode,
  value: JsonValue,
): TextEdit[] {
  const parent = doc.parentOf(node);
  const inline = render.inline(value);
  const empty = node.start === node.end;
  if (parent.kind === 'item') {
    if (inline !== undefined) return [{ start: node.start, end: node.end, text: inline }];
    const [first = '', ...rest] = render.block(value, doc.column(node.start));
    return [{ start: node.start, end: node.end, text: [first.trimStart(), ...rest].join(doc.eol) }];
  }
  if (parent.kind !== 'entry') throw new EditError('cannot replace the document itself');
  if (parent.map.shortForm === true) {
    // The argument of a short-form tag (`!Ref X`) stays on the tag's line.
    return [{ start: node.start, end: node.end, text: inline ?? render.flow(value) }];
  }
  const key = parent.entry.key;
  const colon = colonAfter(doc, key.end);
  if (inline !== undefined) {
    if (empty) return [{ start: colon + 1, end: colon + 1, text: ` ${inline}` }];
    // A block written below its key becomes a one-line value beside it, unless a comment sits between them.
    const below = !doc.sameLine(colon, node.start) && doc.text.slice(colon + 1, node.start).trim() === '';
    return below
      ? [{ start: colon + 1, end: node.end, text: ` ${inline}` }]
      : [{ start: node.start, end: node.end, text: inline }];
  }
  const lines = render.block(value, render.childColumn(value, doc.column(key.start))).join(doc.eol);
  if (!empty && !doc.sameLine(key.start, node.start))
    return [{ start: doc.lineStart(node.start), end: node.end, text: lines }];
  // The value moves below the key; whatever followed it on the key's line (a comment) stays there.
  const restStart = empty ? colon + 1 : node.end;
  const restEnd = doc.lineEnd(restStart);
  const rest = doc.text.slice(restStart, restEnd).trim();
  return [{ start: colon + 1, end: restEnd, text: `${rest === '' ? '' : ` ${rest}`}${doc.eol}${lines}` }];
}

/** The offset of the `:` that ends a block key. */
function colonAfter(doc: EditDocument, keyEnd: number): number {
  const colon = doc.text.indexOf(':', keyEnd);
  if (colon === -1) throw new EditError('a key without a colon');
  return colon;
}

/** The text of the line before the one that starts at `lineStart`. */
function lineBefore(doc: EditDocument, lineStart: number): string {
  const start = doc.lineStart(lineStart - 1);
  return doc.text.slice(start, doc.lineEnd(start));
}
