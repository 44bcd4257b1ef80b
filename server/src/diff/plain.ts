import type { SourceNode } from '../parsing/nodes';

/**
 * A source tree as the plain JSON value it stands for: what the diff library compares. Short-form tags are
 * already long form (`!Ref x` is `{ Ref: x }`); the readers refuse repeated keys. Every key, `__proto__`
 * included, becomes an own property, never a prototype.
 */
export function plainValue(node: SourceNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plainValue);
    case 'map': {
      const map: Record<string, unknown> = {};
      for (const { key, value } of node.entries) {
        Object.defineProperty(map, String(key.value), {
          value: plainValue(value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return map;
    }
  }
}
