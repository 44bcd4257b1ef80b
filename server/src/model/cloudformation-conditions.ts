import { getValue, isSeq, scalarText, singleEntry, type MapNode, type SourceNode } from '../parsing/nodes';
import type { Truth } from './values';

/**
 * The template's `Conditions`, decided from literals alone (three-valued: a parameter makes a condition
 * unknown), each once per lint. A condition that refers to itself, directly or not, is unknown.
 */
export class ConditionTruths {
  private readonly decided = new Map<string, Truth>();

  constructor(private readonly conditions: MapNode | undefined) {}

  truthOf(name: string): Truth {
    const known = this.decided.get(name);
    if (known !== undefined) return known;
    // Guard against cycles: while a condition is being decided, a reference back to it reads as unknown.
    this.decided.set(name, 'unknown');
    const result = this.truth(getValue(this.conditions, name));
    this.decided.set(name, result);
    return result;
  }

  /** Three-valued truth of a condition expression. */
  private truth(node: SourceNode | undefined): Truth {
    const intrinsic = singleEntry(node);
    if (intrinsic === undefined) return 'unknown';
    const args = intrinsic.value;
    switch (intrinsic.key.value) {
      case 'Condition': {
        const name = scalarText(args);
        return name === undefined ? 'unknown' : this.truthOf(name);
      }
      case 'Fn::Equals': {
        if (!isSeq(args) || args.items.length !== 2) return 'unknown';
        const [left, right] = args.items.map((item) => literalText(item));
        return left === undefined || right === undefined ? 'unknown' : left === right;
      }
      case 'Fn::Not': {
        const inner = isSeq(args) ? this.truth(args.items[0]) : 'unknown';
        return inner === 'unknown' ? 'unknown' : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!isSeq(args)) return 'unknown';
        const decisive = intrinsic.key.value === 'Fn::Or';
        let result: Truth = !decisive;
        for (const item of args.items) {
          const value = this.truth(item);
          if (value === decisive) return decisive;
          if (value === 'unknown') result = 'unknown';
        }
        return result;
      }
      default:
        return 'unknown';
    }
  }
}

function literalText(node: SourceNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}
