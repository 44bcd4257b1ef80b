import type { Resource, Template } from '../../model/template';
import { getValue, isMap, isSeq, scalarText, type MapNode, type SourceNode } from '../../parsing/nodes';
import { refOf } from './tree';
import type { Collected, PeerSource, ResourceRef, Scope } from './types';

/**
 * Suppressions written as data, in YAML and JSON alike: iacsec's own `Metadata.iacsec.ignore` on a resource (or
 * on the template, where it covers every finding), and the peers' on a resource — checkov's `skip`, cfn_nag's and
 * cdk-nag's `rules_to_suppress`, cfn-lint's `config.ignore_checks`, Guard's `SuppressedRules`. A peer's entry that
 * iacsec cannot read is the peer's business and passes silently; a malformed iacsec entry is reported.
 */
export function metadataDirectives(template: Template, out: Collected): void {
  const templateMetadata = getValue(template.root, 'Metadata');
  if (isMap(templateMetadata)) {
    const own = getValue(templateMetadata, 'iacsec');
    if (own !== undefined) iacsecEntries(own, { kind: 'document' }, undefined, out);
  }
  for (const resource of template.resources) {
    const metadata = getValue(resource.node, 'Metadata');
    if (isMap(metadata)) resourceMetadata(resource, metadata, out);
  }
}

function resourceMetadata(resource: Resource, metadata: MapNode, out: Collected): void {
  const scope: Scope = { kind: 'resource', id: resource.id, start: resource.idNode.start, end: resource.node.end };
  const ref = refOf(resource);
  for (const { key, value } of metadata.entries) {
    const section = isMap(value) ? value : undefined;
    switch (key.value) {
      case 'iacsec':
        iacsecEntries(value, scope, ref, out);
        break;
      case 'checkov':
        peerEntries(getValue(section, 'skip'), 'checkov', 'comment', scope, ref, out);
        break;
      case 'cfn_nag':
        peerEntries(getValue(section, 'rules_to_suppress'), 'cfn_nag', 'reason', scope, ref, out);
        break;
      case 'cdk_nag':
        peerEntries(getValue(section, 'rules_to_suppress'), 'cdk_nag', 'reason', scope, ref, out);
        break;
      case 'cfn-lint': {
        const config = getValue(section, 'config');
        peerNames(getValue(isMap(config) ? config : undefined, 'ignore_checks'), 'cfn-lint', scope, ref, out);
        break;
      }
      case 'guard':
        peerNames(getValue(section, 'SuppressedRules'), 'guard', scope, ref, out);
        break;
      default:
        break;
    }
  }
}

/** `iacsec: { ignore: [{ rule, reason }] }`; a bare rule id as an entry is read too, as one without a reason. */
function iacsecEntries(node: SourceNode, scope: Scope, resource: ResourceRef | undefined, out: Collected): void {
  const ignore = isMap(node) ? getValue(node, 'ignore') : undefined;
  if (!isSeq(ignore)) {
    const what = 'Metadata.iacsec';
    out.misfits.push({
      start: node.start,
      end: node.end,
      messageId: 'malformed',
      data: { what, expected: 'ignore: [{ rule, reason }]' },
      resource,
    });
    return;
  }
  for (const entry of ignore.items) {
    const ruleNode = isMap(entry) ? getValue(entry, 'rule') : entry;
    const rule = scalarText(ruleNode);
    if (ruleNode === undefined || rule === undefined || rule.trim() === '') {
      const data = { what: 'This Metadata.iacsec.ignore entry', expected: '{ rule, reason }' };
      out.misfits.push({ start: entry.start, end: entry.end, messageId: 'malformed', data, resource });
      continue;
    }
    out.directives.push({
      source: 'iacsec-ignore',
      scope,
      items: [{ selector: { kind: 'rule', pattern: rule.trim() }, at: { start: ruleNode.start, end: ruleNode.end } }],
      reason: isMap(entry) ? (scalarText(getValue(entry, 'reason'))?.trim() ?? '') : '',
      reasonAt: { start: entry.start, end: entry.end, how: "a 'reason' beside the 'rule'" },
      resource,
    });
  }
}

/**
 * `[{ id, <reason key> }]`. A cdk-nag entry with `applies_to` suppresses only some of that check's findings
 * (say, one wildcard of IAM5); iacsec cannot tell which of its own findings those are, so it leaves such an
 * entry alone rather than hide more than the author meant.
 */
function peerEntries(
  list: SourceNode | undefined,
  source: PeerSource,
  reasonKey: string,
  scope: Scope,
  resource: ResourceRef | undefined,
  out: Collected,
): void {
  if (!isSeq(list)) return;
  for (const entry of list.items) {
    if (!isMap(entry) || (source === 'cdk_nag' && getValue(entry, 'applies_to') !== undefined)) continue;
    const idNode = getValue(entry, 'id');
    const id = scalarText(idNode)?.trim();
    if (idNode === undefined || id === undefined || id === '') continue;
    out.directives.push({
      source,
      scope,
      items: [{ selector: { kind: 'peer', tool: source, id }, at: { start: idNode.start, end: idNode.end } }],
      reason: scalarText(getValue(entry, reasonKey))?.trim() ?? '',
      reasonAt: undefined,
      resource,
    });
  }
}

/** A list of check names, with no reasons: cfn-lint's `ignore_checks`, Guard's `SuppressedRules`. */
function peerNames(
  list: SourceNode | undefined,
  source: PeerSource,
  scope: Scope,
  resource: ResourceRef | undefined,
  out: Collected,
): void {
  if (!isSeq(list)) return;
  for (const item of list.items) {
    const id = scalarText(item)?.trim();
    if (id === undefined || id === '') continue;
    out.directives.push({
      source,
      scope,
      items: [{ selector: { kind: 'peer', tool: source, id }, at: { start: item.start, end: item.end } }],
      reason: '',
      reasonAt: undefined,
      resource,
    });
  }
}
