import type { Resource, Template } from '../../model/template';
import { isMap, isScalar, isSeq, type ScalarNode, type SourceNode } from '../../parsing/nodes';
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
export function terraformDirectives(template: Template, out: Collected): void {
  for (const resource of template.resources) walk(resource, resource.node, true, out);
}

function walk(resource: Resource, node: SourceNode, body: boolean, out: Collected): void {
  if (isSeq(node)) {
    for (const item of node.items) walk(resource, item, false, out);
    return;
  }
  if (!isMap(node)) return;
  for (const { key, value } of node.entries) {
    if (key.value === '//') {
      const scope: Scope = body
        ? { kind: 'resource', id: resource.id, start: resource.idNode.start, end: resource.node.end }
        : { kind: 'range', start: node.start, end: node.end };
      for (const comment of isSeq(value) ? value.items : [value]) {
        if (isScalar(comment) && typeof comment.value === 'string') read(comment, scope, resource, out);
      }
    } else walk(resource, value, false, out);
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
