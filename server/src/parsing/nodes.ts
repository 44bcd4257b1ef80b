/**
 * The source tree every dialect is read into: plain objects with offset ranges into the document text
 * (UTF-16 code units, after any BOM). Both the YAML and the JSON reader produce it, so rules never know
 * which syntax a template was written in.
 */

export interface Range {
  readonly start: number;
  readonly end: number;
}

export type ScalarValue = string | number | boolean | null;

export interface ScalarNode extends Range {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
}

export interface MapEntry {
  readonly key: ScalarNode;
  readonly value: SourceNode;
}

export interface MapNode extends Range {
  readonly kind: 'map';
  readonly entries: readonly MapEntry[];
  /** Set when the map was written as a YAML short-form tag (`!Ref x` reads as `{ Ref: x }`). */
  readonly shortForm?: true;
}

export interface SeqNode extends Range {
  readonly kind: 'seq';
  readonly items: readonly SourceNode[];
}

export type SourceNode = ScalarNode | MapNode | SeqNode;

export function isMap(node: SourceNode | undefined): node is MapNode {
  return node !== undefined && node.kind === 'map';
}

export function isSeq(node: SourceNode | undefined): node is SeqNode {
  return node !== undefined && node.kind === 'seq';
}

export function isScalar(node: SourceNode | undefined): node is ScalarNode {
  return node !== undefined && node.kind === 'scalar';
}

export function entryOf(map: MapNode, key: string): MapEntry | undefined {
  for (const entry of map.entries) {
    if (entry.key.value === key) return entry;
  }
  return undefined;
}

export function getValue(map: MapNode | undefined, key: string): SourceNode | undefined {
  return map === undefined ? undefined : entryOf(map, key)?.value;
}

/** The string a scalar holds, with numbers and booleans in their canonical text; undefined for collections and null. */
export function scalarText(node: SourceNode | undefined): string | undefined {
  if (node === undefined || node.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** A map holding exactly one entry, the shape of every CloudFormation intrinsic function. */
export function singleEntry(node: SourceNode | undefined): MapEntry | undefined {
  return node !== undefined && node.kind === 'map' && node.entries.length === 1 ? node.entries[0] : undefined;
}
