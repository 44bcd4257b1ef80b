import type { Range } from '../parsing/nodes';

/** A value a fix writes, as JSON data; `{ "Ref": "X" }` and the like are written in the file's own style. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * What a fix changes, said in terms of the source tree rather than text, so that a finding stays small,
 * structured-cloneable data and the text edits are worked out only when someone asks for the fix (the edit
 * builder in this folder turns changes into minimal, style-preserving offset edits).
 */
export type Change =
  /**
   * Sets `path` under the map node at `map` (identified by its exact range): the last key gets `value`,
   * missing intermediate maps are created, an existing value at the path is replaced.
   */
  | { readonly kind: 'set'; readonly map: Range; readonly path: readonly string[]; readonly value: JsonValue }
  /** Replaces the value node at `node` (identified by its exact range) with `value`. */
  | { readonly kind: 'replace'; readonly node: Range; readonly value: JsonValue }
  /** Removes the map entry whose key node is at `key`. */
  | { readonly kind: 'remove'; readonly key: Range }
  /** Adds a parameter to the template's `Parameters` section, creating the section when there is none. */
  | {
      readonly kind: 'addParameter';
      readonly name: string;
      readonly definition: { readonly [key: string]: JsonValue };
    };

/**
 * A fix a rule offers. `safe`: changes nothing deployed, or nothing anyone relies on, so it may be applied in
 * bulk (`iacsec fix`, fix-on-save); otherwise a suggestion, applied one at a time by a person. A fix that makes
 * CloudFormation replace the resource says so in its title and is never safe.
 */
export interface FixProposal {
  readonly title: string;
  readonly safe: boolean;
  readonly changes: readonly Change[];
}

/** One text edit, in offsets of the document text (after any BOM). */
export interface TextEdit extends Range {
  readonly text: string;
}

/**
 * The fix with every node it names reduced to its range. Rules point changes at source nodes, which carry their
 * whole subtree (a `set` on a resource's map holds the resource, one on `Resources` the template); a finding that
 * kept them would copy the template into every message to a worker and keep it alive in every cached result.
 */
export function detachedFix(fix: FixProposal): FixProposal {
  return { title: fix.title, safe: fix.safe, changes: fix.changes.map(detachedChange) };
}

function detachedChange(change: Change): Change {
  switch (change.kind) {
    case 'set':
      return { kind: 'set', map: span(change.map), path: change.path, value: change.value };
    case 'replace':
      return { kind: 'replace', node: span(change.node), value: change.value };
    case 'remove':
      return { kind: 'remove', key: span(change.key) };
    case 'addParameter':
      return change;
  }
}

function span(range: Range): Range {
  return { start: range.start, end: range.end };
}
