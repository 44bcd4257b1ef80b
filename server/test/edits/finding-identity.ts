import type { EngineFinding } from '../../src/engine/finding';
import type { ParsedDocument } from '../../src/parsing/detect';
import type { SourceNode } from '../../src/parsing/nodes';

/**
 * How a finding is recognised across an edit of its file. Offsets move with every edit above them, so they
 * are no part of it. Two keys, tried in turn (`matchFindings`):
 *
 * - what it says: rule, resource (logical id or address), message id and message — the identity `iacsec diff`
 *   uses to tell new findings from resolved ones (server/src/diff/finding-delta.ts). It follows a finding that
 *   moved, as when a fix adds `Properties` to a resource and a missing-property finding that was reported on
 *   the logical id is now reported on the new key;
 * - where it stands: rule, resource and the place of the underlined node, a JSON path (`placeOf`). It follows
 *   a finding whose message changed though the fix did not touch it: narrowing a security group turns an RDS
 *   instance's "public, and its group is open" into "public".
 *
 * Findings that agree in a key are counted, never told apart.
 */
export function sayingOf(finding: EngineFinding): string {
  return JSON.stringify([finding.ruleId, finding.resource?.id ?? null, finding.messageId, finding.message]);
}

/** A finding with the place it stands at. */
export interface Placed {
  readonly finding: EngineFinding;
  readonly place: string;
}

/**
 * Each finding's place in its document: the JSON path of the node it underlines (`#key` for a key). A
 * resource's logical id and its `Properties` key are one place, the resource itself, since rules report a
 * missing property on whichever of the two exists (docs: "report nodes, not positions"). A range that is no
 * node's falls back to the underlined text.
 */
export function placed(findings: readonly EngineFinding[], document: ParsedDocument, text: string): Placed[] {
  const places = new Map<string, string>();
  const visit = (node: SourceNode, path: readonly string[]): void => {
    const at = `${node.start}:${node.end}`;
    if (!places.has(at)) places.set(at, JSON.stringify(path));
    if (node.kind === 'seq') node.items.forEach((item, index) => visit(item, [...path, String(index)]));
    if (node.kind !== 'map') return;
    for (const entry of node.entries) {
      const keyPath = [...path, String(entry.key.value)];
      const resource = keyPath.length === 2 && keyPath[0] === 'Resources';
      const properties = keyPath.length === 3 && keyPath[0] === 'Resources' && keyPath[2] === 'Properties';
      const keyPlace = resource || properties ? keyPath.slice(0, 2) : [...keyPath, '#key'];
      places.set(`${entry.key.start}:${entry.key.end}`, JSON.stringify(keyPlace));
      visit(entry.value, keyPath);
    }
  };
  visit(document.root, []);
  return findings.map((finding) => ({
    finding,
    place:
      places.get(`${finding.start}:${finding.end}`) ??
      `text ${JSON.stringify(text.slice(finding.start, finding.end).replace(/\s+/g, ' '))}`,
  }));
}

function placeKey(entry: Placed): string {
  return JSON.stringify([entry.finding.ruleId, entry.finding.resource?.id ?? null, entry.place]);
}

/**
 * Pairs findings after an edit with findings before it, each at most once: first by what they say, then the
 * rest by where they stand. Returns those of `before` and of `after` left unpaired, in their order.
 */
export function matchFindings(
  before: readonly Placed[],
  after: readonly Placed[],
): { resolved: Placed[]; appeared: Placed[] } {
  let resolved = [...before];
  let appeared = [...after];
  for (const key of [(entry: Placed) => sayingOf(entry.finding), placeKey]) {
    const pool = new Map<string, Placed[]>();
    for (const entry of resolved) pool.set(key(entry), [...(pool.get(key(entry)) ?? []), entry]);
    const paired = new Set<Placed>();
    appeared = appeared.filter((entry) => {
      const twin = pool.get(key(entry))?.shift();
      if (twin !== undefined) paired.add(twin);
      return twin === undefined;
    });
    resolved = resolved.filter((entry) => !paired.has(entry));
  }
  return { resolved, appeared };
}

/** Readable in a failure message. */
export function describeFinding(finding: EngineFinding): string {
  return `${finding.ruleId} on ${finding.resource?.id ?? '(no resource)'} (${finding.messageId}): ${finding.message}`;
}

/** The findings a user sees: a suppressed one is shown nowhere, and no fix touches it. */
export function shown(findings: readonly EngineFinding[]): EngineFinding[] {
  return findings.filter((finding) => finding.suppressed === undefined);
}

/** How often each fix is offered, by what its finding says and its title. */
export function offers(findings: readonly EngineFinding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of shown(findings))
    for (const fix of finding.fixes) {
      const key = offerKey(finding, fix.title);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return counts;
}

export function offerKey(finding: EngineFinding, title: string): string {
  return JSON.stringify([sayingOf(finding), title]);
}
