import type { MapNode, SourceNode } from '../parsing/nodes';
import type { JsonValue } from './changes';

export type JsonMap = { readonly [key: string]: JsonValue };

/** `Ref` and `Fn::*`: the long-form names of CloudFormation functions, as the value resolver reads them. */
export function isFunctionName(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

/**
 * A map that is a function call (`{ Ref: X }`, `!Sub …`): an edit must never add keys to it as if it were a
 * map of properties.
 */
export function isIntrinsic(node: MapNode): boolean {
  if (node.shortForm === true) return true;
  const only = node.entries.length === 1 ? node.entries[0] : undefined;
  return only !== undefined && typeof only.key.value === 'string' && isFunctionName(only.key.value);
}

/** `Array.isArray` narrows a readonly array to `any[]`; this keeps the items typed. */
export function isJsonArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

export function isJsonMap(value: JsonValue): value is JsonMap {
  return typeof value === 'object' && value !== null && !isJsonArray(value);
}

/** The function a value calls (`{ "Ref": "X" }` → `["Ref", "X"]`), or undefined for data. */
export function functionOf(value: JsonValue): readonly [string, JsonValue] | undefined {
  if (!isJsonMap(value)) return undefined;
  const keys = Object.keys(value);
  const name = keys.length === 1 ? keys[0] : undefined;
  return name !== undefined && (isFunctionName(name) || name === 'Condition')
    ? [name, value[name] as JsonValue]
    : undefined;
}

/** Whether a node already holds `value` (same scalars, same keys in any order, same items in order). */
export function sameValue(node: SourceNode, value: JsonValue): boolean {
  switch (node.kind) {
    case 'scalar':
      return !isJsonArray(value) && !isJsonMap(value) && node.value === value;
    case 'seq':
      return (
        isJsonArray(value) &&
        value.length === node.items.length &&
        node.items.every((item, i) => sameValue(item, value[i] as JsonValue))
      );
    case 'map': {
      if (!isJsonMap(value)) return false;
      const keys = Object.keys(value);
      return (
        keys.length === node.entries.length &&
        node.entries.every((entry) => {
          const key = String(entry.key.value);
          return keys.includes(key) && sameValue(entry.value, value[key] as JsonValue);
        })
      );
    }
  }
}

/** `["A", "B"]`, `v` → `{ A: { B: v } }`: the value to write where the first key of a path is missing. */
export function nested(path: readonly string[], value: JsonValue): JsonValue {
  return path.reduceRight<JsonValue>((inner, key) => ({ [key]: inner }), value);
}
