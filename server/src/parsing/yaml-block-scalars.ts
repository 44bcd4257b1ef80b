import * as jsyaml from 'js-yaml';
import type { ScalarNode, ScalarValue } from './nodes';
import {
  DASH,
  DOUBLE_QUOTE,
  HASH,
  NEWLINE,
  QUOTE,
  SPACE,
  escapeLength,
  lineEnd,
  mayResolve,
  skipSpaces,
  trimEnd,
} from './yaml-block-text';

/**
 * The implicit types of js-yaml's CORE_SCHEMA (null, bool, int, float), the list its loader tries in order on a
 * plain scalar; the reader's schema adds explicit tags only, so these are its implicit types too.
 */
const IMPLICIT_TYPES = (jsyaml.CORE_SCHEMA as unknown as { compiledImplicit: readonly jsyaml.Type[] }).compiledImplicit;
if (!Array.isArray(IMPLICIT_TYPES) || IMPLICIT_TYPES.length === 0) throw new Error('js-yaml schema layout changed');

/** The plain scalar `text[start, end)` typed as js-yaml's CORE_SCHEMA types it. */
export function plainValue(text: string, start: number, end: number): ScalarValue {
  const value = text.slice(start, end);
  if (!mayResolve(text, start, end)) return value;
  for (const type of IMPLICIT_TYPES) {
    if (type.resolve(value)) return type.construct(value) as ScalarValue;
  }
  return value;
}

/**
 * A one-line quoted scalar at `start`, up to its closing quote; undefined past the line. Double quotes may hold
 * the escapes YAML shares with JSON (`\n`, `\"`, `\u0041`, …), which mean the same in both; others are js-yaml's.
 */
export function readQuoted(text: string, start: number, quote: number): ScalarNode | undefined {
  let pos = start + 1;
  let doubled = false;
  let escaped = false;
  for (;;) {
    const ch = text.charCodeAt(pos);
    if (ch === NEWLINE || pos >= text.length) return undefined;
    if (ch === 0x5c /* \ */ && quote === DOUBLE_QUOTE) {
      const length = escapeLength(text, pos);
      if (length === 0) return undefined;
      escaped = true;
      pos += length;
      continue;
    }
    if (ch === quote) {
      if (quote === QUOTE && text.charCodeAt(pos + 1) === QUOTE) {
        doubled = true;
        pos += 2;
        continue;
      }
      break;
    }
    pos++;
  }
  const end = pos + 1;
  const value = escaped
    ? (JSON.parse(text.slice(start, end)) as string)
    : doubled
      ? text.slice(start + 1, pos).replaceAll("''", "'")
      : text.slice(start + 1, pos);
  return { kind: 'scalar', start, end, value };
}

/**
 * A block scalar, literal (`|`, `|-`) or folded (`>`, `>-`), and the lines below more indented than the block at
 * column `indent`, with the value js-yaml gives it; undefined for other headers, leading empty lines and empty
 * scalars, whose rules are js-yaml's to apply.
 */
export function readBlockScalar(text: string, start: number, indent: number): ScalarNode | undefined {
  const folded = text.charCodeAt(start) === 0x3e; /* > */
  let pos = start + 1;
  const strip = text.charCodeAt(pos) === DASH;
  if (strip) pos++;
  const header = skipSpaces(text, pos);
  const c = text.charCodeAt(header);
  if (!(c === NEWLINE || (c === HASH && header > pos))) return undefined;
  let lineStart = lineEnd(text, header) + 1;
  const textIndent = skipSpaces(text, lineStart) - lineStart;
  const first = lineStart + textIndent;
  if (textIndent <= indent || first >= text.length || text.charCodeAt(first) === NEWLINE) return undefined;
  let value = '';
  let emptyLines = -1;
  let moreIndented = false;
  for (;;) {
    const limit = lineStart + textIndent;
    let content = lineStart;
    while (content < limit && text.charCodeAt(content) === SPACE) content++;
    if (content >= text.length) break;
    if (text.charCodeAt(content) === NEWLINE) {
      emptyLines++;
      lineStart = content + 1;
      continue;
    }
    // A less indented line ends the scalar.
    if (content < limit) break;
    const end = lineEnd(text, content);
    // Line breaks between content lines, as js-yaml's readBlockScalar writes them.
    if (emptyLines < 0) {
      // The first line.
    } else if (!folded) {
      value += '\n'.repeat(emptyLines + 1);
    } else if (text.charCodeAt(content) === SPACE) {
      moreIndented = true;
      value += '\n'.repeat(emptyLines + 1);
    } else if (moreIndented) {
      moreIndented = false;
      value += '\n'.repeat(emptyLines + 1);
    } else {
      value += emptyLines === 0 ? ' ' : '\n'.repeat(emptyLines);
    }
    value += text.slice(content, end);
    emptyLines = 0;
    lineStart = end + 1;
    if (end >= text.length) break;
  }
  if (!strip) value += '\n';
  return { kind: 'scalar', start, end: trimEnd(text, start, Math.min(lineStart, text.length)), value };
}
