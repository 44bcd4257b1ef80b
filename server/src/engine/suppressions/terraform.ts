import type { Resource, Template } from '../../model/template';
import { isScalar, isSeq, type ScalarNode, type SourceNode } from '../../parsing/nodes';
import { ruleItems } from './inline';
import { refOf } from './tree';
import type { Collected, PeerSource, Scope } from './types';

const IACSEC = /^\s*iacsec-ignore(?=\s|$)/;
const REASON_SEPARATOR = /(?:^|\s)--(?:\s|$)/;
const PEERS: readonly { readonly source: PeerSource; readonly pattern: RegExp }[] = [
  { source: 'checkov', pattern: /checkov:skip=\s*([A-Za-z0-9_]+)(?::([^]*))?/g },
  { source: 'tfsec', pattern: /tfsec:ignore:([A-Za-z0-9_-]+)/g },
  { source: 'trivy', pattern: /trivy:ignore:([A-Za-z0-9_-]+)/g },
];

/**
 * Suppressions in Terraform JSON, written where its syntax allows comments: `"//"` keys. In a resource body they
 * cover the resource, in a nested block that block: `"//": "iacsec-ignore <rule>[, <rule>] -- <reason>"`, and the
 * peers' `checkov:skip=<ID>:<reason>`, `tfsec:ignore:<id>` and `trivy:ignore:<id>`. A `"//"` may hold one string
 * or a list of them.
 */
export function terraformDirectives(template: Template, text: string, out: Collected): void {
  const keys = commentKeys(text);
  if (keys?.length === 0) return;
  for (const resource of template.resources) walk(resource, resource.node, true, keys, out);
}

/**
 * Where `"//"` occurs in the text, in order: only the nodes around one of them can hold a comment, so the walk
 * skips the rest of the tree (most of a large plan). Undefined when a key may spell `//` with escapes (`"\/\/"`,
 * `"\u002f\u002f"`), which the text search would miss: then every node is walked.
 */
function commentKeys(text: string): number[] | undefined {
  // Escapes start with a backslash; each one is read with the character it escapes, so `\\/` is not `\/`.
  for (let at = text.indexOf('\\'); at !== -1; at = text.indexOf('\\', at + 2)) {
    const escaped = text.charCodeAt(at + 1);
    if (escaped === 0x2f /* / */) return undefined;
    if (escaped === 0x75 /* u */ && (text.startsWith('002f', at + 2) || text.startsWith('002F', at + 2)))
      return undefined;
  }
  const found: number[] = [];
  // `//"` is found much faster than `"//"` in a JSON text full of quotes; the quote before it is checked apart.
  for (let at = text.indexOf('//"'); at !== -1; at = text.indexOf('//"', at + 1))
    if (text.charCodeAt(at - 1) === 0x22 /* " */) found.push(at - 1);
  return found;
}

/** Whether one of the sorted offsets lies inside the node's range. */
function holdsKey(keys: readonly number[], node: SourceNode): boolean {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] as number) < node.start) low = middle + 1;
    else high = middle;
  }
  return low < keys.length && (keys[low] as number) < node.end;
}

function walk(
  resource: Resource,
  node: SourceNode,
  body: boolean,
  keys: readonly number[] | undefined,
  out: Collected,
): void {
  if (node.kind === 'scalar' || (keys !== undefined && !holdsKey(keys, node))) return;
  if (node.kind === 'seq') {
    for (const item of node.items) walk(resource, item, false, keys, out);
    return;
  }
  for (const { key, value } of node.entries) {
    if (key.value === '//') {
      const scope: Scope = body
        ? { kind: 'resource', id: resource.id, start: resource.idNode.start, end: resource.node.end }
        : { kind: 'range', start: node.start, end: node.end };
      for (const comment of isSeq(value) ? value.items : [value]) {
        if (isScalar(comment) && typeof comment.value === 'string') read(comment, scope, resource, out);
      }
    } else walk(resource, value, false, keys, out);
  }
}

function read(comment: ScalarNode, scope: Scope, resource: Resource, out: Collected): void {
  const text = String(comment.value);
  // The string's text starts after its opening quote; escapes before a rule id would shift it, which only moves
  // where an unused item is underlined.
  const base = comment.start + 1;
  const ref = refOf(resource);
  const iacsec = IACSEC.exec(text);
  if (iacsec !== null) {
    const rest = text.slice(iacsec[0].length);
    const separator = REASON_SEPARATOR.exec(rest);
    const list = separator === null ? rest : rest.slice(0, separator.index);
    const items = ruleItems(list, base + iacsec[0].length);
    const range = { start: comment.start, end: comment.end };
    if (items.length === 0) {
      out.misfits.push({ ...range, messageId: 'noRule', data: { marker: 'iacsec-ignore' }, resource: ref });
      return;
    }
    out.directives.push({
      source: 'iacsec-ignore',
      scope,
      items,
      reason: separator === null ? '' : rest.slice(separator.index + separator[0].length).trim(),
      reasonAt: { ...range, how: "'-- <reason>' after the rule ids" },
      resource: ref,
    });
    return;
  }
  for (const { source, pattern } of PEERS) {
    for (const match of text.matchAll(pattern)) {
      const id = match[1] ?? '';
      const start = base + (match.index ?? 0) + match[0].indexOf(id);
      out.directives.push({
        source,
        scope,
        items: [{ selector: { kind: 'peer', tool: source, id }, at: { start, end: start + id.length } }],
        reason: (match[2] ?? '').trim(),
        reasonAt: undefined,
        resource: ref,
      });
    }
  }
}
