import type { MapEntry, MapNode, SourceNode } from '../parsing/nodes';
import type { JsonValue, TextEdit } from './changes';
import type { EditDocument } from './document';

/**
 * What edits of bracketed collections need to write: JSON objects and YAML flow maps have the same shape
 * (`{ a: 1, b: 2 }`, commas between members) and differ only in how members and values are spelled.
 */
export interface FlowWriter {
  /** `key: value` on one line. */
  member(key: string, value: JsonValue): string;
  /** `key: value` on a line of its own indented by `indent`; nested collections may span lines. */
  memberAt(key: string, value: JsonValue, indent: string): string;
  /** A value written over a node on a line indented by `indent`; across lines when `multiline`. */
  value(value: JsonValue, indent: string, multiline: boolean): string;
  /** Spaces inside the braces of a one-line map. */
  readonly padded: boolean;
  /** One indentation step. */
  readonly unit: string;
  /** Whether `{}` inside a multi-line collection opens across lines when it gets a member (JSON formatters do). */
  readonly expandEmpty: boolean;
}

/** Where an entry's text ends: its value, or its key when the value is empty (`{ a: }` in YAML). */
export function entryEnd(entry: MapEntry): number {
  return Math.max(entry.key.end, entry.value.end);
}

/**
 * Adds `key: value` to a bracketed map: into `{}`; before `before` when given; else after the last member.
 * One-line maps stay on one line; in a multi-line map the member gets a line of its own at the members'
 * indentation, after anything (a YAML comment) that ends the last member's line.
 */
export function insertFlowEntry(
  doc: EditDocument,
  writer: FlowWriter,
  map: MapNode,
  key: string,
  value: JsonValue,
  before?: MapEntry,
): TextEdit[] {
  const eol = doc.eol;
  const last = map.entries.at(-1);
  if (last === undefined) {
    // `{}` (or `{ }`) is rewritten whole from its bracket; an anchor before it stays.
    const open = doc.flowOpen(map) ?? map.start;
    const parent = containerOf(doc, map);
    if (writer.expandEmpty && parent !== undefined && !doc.sameLine(parent.start, parent.end)) {
      const indent = doc.indentOf(open);
      const text = `{${eol}${indent}${writer.unit}${writer.memberAt(key, value, indent + writer.unit)}${eol}${indent}}`;
      return [{ start: open, end: map.end, text }];
    }
    const pad = writer.padded ? ' ' : '';
    return [{ start: open, end: map.end, text: `{${pad}${writer.member(key, value)}${pad}}` }];
  }
  const multiline = !doc.sameLine(map.start, map.end);
  if (before !== undefined) {
    const at = before.key.start;
    if (!multiline || !doc.firstOnLine(at)) return [{ start: at, end: at, text: `${writer.member(key, value)}, ` }];
    const indent = doc.indentOf(at);
    return [{ start: at, end: at, text: `${writer.memberAt(key, value, indent)},${eol}${indent}` }];
  }
  const end = entryEnd(last);
  if (!multiline) return [{ start: end, end, text: `, ${writer.member(key, value)}` }];
  const indent = doc.indentOf(last.key.start);
  const comma = trailingComma(doc, end, map.end);
  const line = `${eol}${indent}${writer.memberAt(key, value, indent)}`;
  if (comma !== undefined) {
    // A YAML flow map that ends its members with a comma keeps doing so.
    const at = doc.afterOnLine(comma + 1);
    return [{ start: at, end: at, text: `${line},` }];
  }
  const at = doc.afterOnLine(end);
  if (at === end) return [{ start: end, end, text: `,${line}` }];
  return [
    { start: end, end, text: ',' },
    { start: at, end: at, text: line },
  ];
}

/** Removes one member with the comma that separates it; the last member leaves `{}`. */
export function removeFlowEntry(doc: EditDocument, map: MapNode, entry: MapEntry): TextEdit[] {
  const index = map.entries.indexOf(entry);
  if (map.entries.length === 1) return [{ start: doc.flowOpen(map) ?? map.start, end: map.end, text: '{}' }];
  const next = map.entries[index + 1];
  if (next !== undefined) return [{ start: entry.key.start, end: next.key.start, text: '' }];
  const previous = map.entries[index - 1] as MapEntry;
  return [{ start: entryEnd(previous), end: entryEnd(entry), text: '' }];
}

/** Writes `value` over a node inside a bracketed collection, across lines only where that collection spans lines. */
export function replaceInFlow(doc: EditDocument, writer: FlowWriter, node: SourceNode, value: JsonValue): TextEdit[] {
  const parent = containerOf(doc, node);
  const multiline = parent !== undefined && !doc.sameLine(parent.start, parent.end);
  const text = writer.value(value, doc.indentOf(node.start), multiline);
  // An empty YAML value (`{ a: }`) may sit right after its colon, where a value needs a space before it.
  const spaced = node.start === node.end && doc.text.charAt(node.start - 1) === ':';
  return [{ start: node.start, end: node.end, text: spaced ? ` ${text}` : text }];
}

/** The collection that holds a node, if any. */
function containerOf(doc: EditDocument, node: SourceNode): SourceNode | undefined {
  const parent = doc.parentOf(node);
  return parent.kind === 'entry' ? parent.map : parent.kind === 'item' ? parent.seq : undefined;
}

/** The offset of a comma after `from` (past spaces and comments) and before the map's closing brace. */
function trailingComma(doc: EditDocument, from: number, mapEnd: number): number | undefined {
  const text = doc.text;
  let pos = from;
  while (pos < mapEnd - 1) {
    const c = text.charAt(pos);
    if (c === ',') return pos;
    if (c === '#') pos = doc.lineEnd(pos);
    else if (c.trim() === '') pos++;
    else return undefined;
  }
  return undefined;
}
