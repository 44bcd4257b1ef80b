import type { Resource, Template } from '../../model/template';
import type { Scope, Collected, Directive, SuppressionItem } from './types';
import { anchorOnLine, insideScalar, refOf, resourceAt, resourceBefore, type Anchor } from './tree';

const IACSEC_MARKER = 'iacsec-ignore';
const CHECKOV_MARKER = 'checkov:skip';

const IACSEC_COMMENT = /^\s*iacsec-ignore(?=\s|$)/;
// checkov's own reading: the first `checkov:skip=<ID>[:<reason>]` anywhere in the comment.
const CHECKOV_COMMENT = /checkov:skip=\s*([A-Za-z0-9_]+)(?::(.*))?/;
const REASON_SEPARATOR = /(?:^|\s)--(?:\s|$)/;

/** The cheap test that keeps files without suppression comments from paying for anything more. */
export function mayHaveSuppressionComments(text: string): boolean {
  return text.includes(IACSEC_MARKER) || text.includes(CHECKOV_MARKER);
}

interface Comment {
  /** The `#`. */
  readonly start: number;
  /** The end of the comment's text, trailing spaces trimmed. */
  readonly end: number;
  /** Whether nothing but indentation precedes it on its line. */
  readonly ownLine: boolean;
  readonly lineStart: number;
  readonly lineEnd: number;
}

/**
 * Suppression comments of a YAML template: `# iacsec-ignore <rule>[, <rule>] -- <reason>` and checkov's
 * `# checkov:skip=<ID>:<reason>`. Comments are found by scanning the lines that hold a marker; the parsed tree
 * tells a `#` inside a scalar (quoted or block) from a comment, so no second YAML parse is needed.
 */
export function inlineDirectives(text: string, template: Template, out: Collected): void {
  for (const comment of markedComments(text, template)) {
    const body = text.slice(comment.start + 1, comment.end);
    const iacsec = IACSEC_COMMENT.exec(body);
    if (iacsec !== null) {
      iacsecComment(comment, comment.start + 1 + iacsec[0].length, text, template, out);
      continue;
    }
    const checkov = CHECKOV_COMMENT.exec(body);
    if (checkov !== null) checkovComment(comment, checkov, text, template, out);
  }
}

function iacsecComment(comment: Comment, restStart: number, text: string, template: Template, out: Collected): void {
  const rest = text.slice(restStart, comment.end);
  const separator = REASON_SEPARATOR.exec(rest);
  const listEnd = separator === null ? rest.length : separator.index;
  const reason = separator === null ? '' : rest.slice(separator.index + separator[0].length).trim();
  const items = ruleItems(rest.slice(0, listEnd), restStart);
  const anchor = anchorFor(comment, text, template);
  const resource = refOf(resourceAt(template, anchor?.start ?? comment.start));
  const range = { start: comment.start, end: comment.end };
  if (items.length === 0) {
    out.misfits.push({ ...range, messageId: 'noRule', data: { marker: IACSEC_MARKER }, resource });
    return;
  }
  if (anchor === undefined) {
    out.misfits.push({ ...range, messageId: 'misplaced', data: { marker: IACSEC_MARKER }, resource });
    return;
  }
  const holder = resourceAt(template, anchor.start);
  const onResource = holder?.idNode === anchor.key ? holder : undefined;
  const scope: Scope =
    onResource === undefined
      ? { kind: 'range', start: anchor.start, end: anchor.end }
      : { kind: 'resource', id: onResource.id, start: onResource.idNode.start, end: onResource.node.end };
  const reasonAt = { ...range, how: "'-- <reason>' after the rule ids" };
  const directive: Directive = { source: 'iacsec-ignore', scope, items, reason, reasonAt, resource };
  out.directives.push(directive);
}

/**
 * checkov skips a whole resource for a comment anywhere in its lines. So a `checkov:skip` comment covers the
 * resource it sits in — inside its body, or trailing it, indented deeper than its logical id — or else the
 * resource of the key it is on or above. A comment outside every resource is checkov's business, not reported.
 */
function checkovComment(
  comment: Comment,
  match: RegExpExecArray,
  text: string,
  template: Template,
  out: Collected,
): void {
  const id = match[1] ?? '';
  const anchor = (): Resource | undefined => {
    const at = anchorFor(comment, text, template);
    return at === undefined ? undefined : resourceAt(template, at.start);
  };
  const resource = resourceAt(template, comment.start) ?? trailedResource(comment, text, template) ?? anchor();
  if (resource === undefined) return;
  const idStart = comment.start + 1 + match.index + match[0].indexOf(id, CHECKOV_MARKER.length);
  out.directives.push({
    source: 'checkov',
    scope: { kind: 'resource', id: resource.id, start: resource.idNode.start, end: resource.node.end },
    items: [{ selector: { kind: 'peer', tool: 'checkov', id }, at: { start: idStart, end: idStart + id.length } }],
    reason: (match[2] ?? '').trim(),
    reasonAt: undefined,
    resource: refOf(resource),
  });
}

/** The resource a comment trails: only blank and comment lines between them, and indented deeper than its id. */
function trailedResource(comment: Comment, text: string, template: Template): Resource | undefined {
  const before = resourceBefore(template, comment.start);
  if (before === undefined || before.node.end > comment.start) return undefined;
  const idColumn = before.idNode.start - startOfLine(text, before.idNode.start);
  if (comment.start - comment.lineStart <= idColumn) return undefined;
  for (let line = nextLine(text, endOfLine(text, before.node.end)); line < comment.lineStart;) {
    const end = endOfLine(text, line);
    const content = firstNonSpace(text, line, end);
    if (content < end && text.charCodeAt(content) !== 0x23 /* # */) return undefined;
    line = nextLine(text, end);
  }
  return before;
}

/** `a, b , c` → one item per id, each with its own range for an "unused" report. */
export function ruleItems(list: string, offset: number): SuppressionItem[] {
  const items: SuppressionItem[] = [];
  let from = 0;
  for (const part of list.split(',')) {
    const lead = part.length - part.trimStart().length;
    const pattern = part.trim();
    if (pattern !== '') {
      const start = offset + from + lead;
      items.push({ selector: { kind: 'rule', pattern }, at: { start, end: start + pattern.length } });
    }
    from += part.length + 1;
  }
  return items;
}

/**
 * What a comment covers: on a line with content, that line's key; on a line of its own, the key of the next line
 * that is not a comment (so several suppression comments may stack above one key). A blank line breaks the tie.
 */
function anchorFor(comment: Comment, text: string, template: Template): Anchor | undefined {
  if (!comment.ownLine) return anchorOnLine(template.root, comment.lineStart, comment.start);
  let lineStart = nextLine(text, comment.lineEnd);
  while (lineStart < text.length) {
    const lineEnd = endOfLine(text, lineStart);
    const content = firstNonSpace(text, lineStart, lineEnd);
    if (content === lineEnd) return undefined;
    if (text.charCodeAt(content) !== 0x23 /* # */ || insideScalar(template.root, content)) {
      return anchorOnLine(template.root, lineStart, lineEnd);
    }
    lineStart = nextLine(text, lineEnd);
  }
  return undefined;
}

/** Comments on the lines that hold a marker, each once, in text order. */
function markedComments(text: string, template: Template): Comment[] {
  const lines = new Set<number>();
  for (const marker of [IACSEC_MARKER, CHECKOV_MARKER]) {
    for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + marker.length)) {
      lines.add(startOfLine(text, at));
    }
  }
  const comments: Comment[] = [];
  for (const lineStart of [...lines].sort((a, b) => a - b)) {
    const lineEnd = endOfLine(text, lineStart);
    const start = commentStart(text, lineStart, lineEnd, template);
    if (start === undefined) continue;
    let end = lineEnd;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    comments.push({ start, end, ownLine: firstNonSpace(text, lineStart, lineEnd) === start, lineStart, lineEnd });
  }
  return comments;
}

/** A `#` at the line's start or after a blank, outside every scalar, starts a YAML comment. */
function commentStart(text: string, lineStart: number, lineEnd: number, template: Template): number | undefined {
  for (let i = text.indexOf('#', lineStart); i !== -1 && i < lineEnd; i = text.indexOf('#', i + 1)) {
    if ((i === lineStart || isBlank(text.charCodeAt(i - 1))) && !insideScalar(template.root, i)) return i;
  }
  return undefined;
}

function startOfLine(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

function endOfLine(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !isBreak(text.charCodeAt(i))) i++;
  return i;
}

function nextLine(text: string, lineEnd: number): number {
  return text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a ? lineEnd + 2 : lineEnd + 1;
}

function firstNonSpace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isBlank(text.charCodeAt(i))) i++;
  return i;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}
