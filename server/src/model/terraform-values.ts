import { entryOf, isMap, isScalar, isSeq, type MapNode, type SourceNode } from '../parsing/nodes';
import type { Parameter } from './template';
import type { Outcome, Step, Truth, ValueResolver } from './values';

/** What an interpolation `${…}` that is the whole of a string says, when iacsec can tell. */
export type Expression =
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'local'; readonly name: string }
  | { readonly kind: 'resource'; readonly address: string; readonly attribute: string | undefined }
  | { readonly kind: 'other' };

const WHOLE = /^\$\{([^{}]*)\}$/;
const VARIABLE = /^var\.([A-Za-z_][\w-]*)$/;
const LOCAL = /^local\.([A-Za-z_][\w-]*)$/;
/** `aws_kms_key.main.arn`, `aws_s3_bucket.logs[0].id`, `aws_x.y["k"].z`: a managed resource and an attribute. */
const RESOURCE = /^([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?(?:\.([A-Za-z_]\w*))?$/;
/** Every reference to a managed resource inside an interpolation, for the reference index. */
export const RESOURCE_REFERENCE =
  /(?<![\w.])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?(?:\.([A-Za-z_]\w*))?/g;

/**
 * The interpolations of a string, `${…}` without braces inside (not `$${`, Terraform's escape for a literal `${`):
 * what `/(?<!\$)\$\{([^{}]*)\}/g` captures, found with `indexOf`, which costs far less than a regular expression's
 * `matchAll` on the thousands of strings of a large configuration.
 */
export function interpolations(text: string): string[] {
  const found: string[] = [];
  for (let from = 0; ;) {
    const at = text.indexOf('${', from);
    if (at === -1) return found;
    from = at + 1;
    if (at > 0 && text.charCodeAt(at - 1) === 0x24 /* $ */) continue;
    let end = at + 2;
    while (end < text.length && text.charCodeAt(end) !== 0x7b /* { */ && text.charCodeAt(end) !== 0x7d /* } */) end++;
    if (text.charCodeAt(end) !== 0x7d) continue;
    found.push(text.slice(at + 2, end));
    from = end + 1;
  }
}

/** Reads a string that is one interpolation; undefined for a literal string (no `${`). */
export function expressionOf(text: string): Expression | undefined {
  if (!text.includes('${') && !text.includes('%{')) return undefined;
  const whole = WHOLE.exec(text.trim());
  if (whole === null) return { kind: 'other' };
  const inner = (whole[1] ?? '').trim();
  const variable = VARIABLE.exec(inner);
  if (variable !== null) return { kind: 'variable', name: variable[1] ?? '' };
  const local = LOCAL.exec(inner);
  if (local !== null) return { kind: 'local', name: local[1] ?? '' };
  const resource = RESOURCE.exec(inner);
  if (resource !== null) return { kind: 'resource', address: `${resource[1]}.${resource[2]}`, attribute: resource[3] };
  return { kind: 'other' };
}

export interface TerraformFacts {
  readonly variables: ReadonlyMap<string, Parameter>;
  readonly locals: ReadonlyMap<string, SourceNode>;
  /** Whether a managed resource with this address (no instance key) exists in the document. */
  readonly hasResource: (address: string) => boolean;
  /** `.tf.json` strings are expressions; a plan's values are literal data. */
  readonly interpolate: boolean;
  /** A plan's `after_unknown`: attributes whose value is known only after apply. */
  readonly isUnknown?: (map: MapNode, key: string) => boolean;
}

/**
 * Values in Terraform's semantics: `null` is absence, `${var.x}` follows the variable's default, `${local.x}` the
 * local, `${aws_x.y.attr}` is that resource; every other expression (functions, conditionals, data sources,
 * modules) is unknown. Terraform has no named conditions: `condition` is always unknown.
 */
export class TerraformValues implements ValueResolver {
  constructor(private readonly facts: TerraformFacts) {}

  resolve(node: SourceNode | undefined, at: SourceNode): Outcome[] {
    return this.values(node, at, [], 0);
  }

  lookup(from: readonly Outcome[], ...keys: string[]): Outcome[] {
    let current = from as Outcome[];
    for (const key of keys) {
      // Most lookups start from one outcome (a resource's attributes, one block): its values are the answer.
      if (current.length === 1) {
        current = this.member(current[0] as Outcome, key);
        continue;
      }
      const next: Outcome[] = [];
      for (const outcome of current) for (const value of this.member(outcome, key)) next.push(value);
      current = next;
    }
    return current;
  }

  /** The values of `key` under one outcome, as a new array. */
  private member(outcome: Outcome, key: string): Outcome[] {
    if (outcome.kind === 'map') {
      const entry = entryOf(outcome.map, key);
      if (entry !== undefined) return this.values(entry.value, entry.key, outcome.via, 0);
      if (this.facts.isUnknown?.(outcome.map, key) === true)
        return [{ kind: 'unknown', node: outcome.at, via: outcome.via }];
      return [{ kind: 'absent', node: outcome.at, via: outcome.via }];
    }
    if (outcome.kind === 'absent') return [outcome];
    return [{ kind: 'unknown', node: outcome.node, via: outcome.via }];
  }

  condition(): Truth {
    return 'unknown';
  }

  private values(node: SourceNode | undefined, at: SourceNode, via: readonly Step[], depth: number): Outcome[] {
    if (node === undefined) return [{ kind: 'absent', node: at, via }];
    if (isMap(node)) return [{ kind: 'map', map: node, at, node, via }];
    if (isSeq(node)) return [{ kind: 'seq', seq: node, node, via }];
    if (node.value === null) return [{ kind: 'absent', node, via }];
    if (!this.facts.interpolate || typeof node.value !== 'string')
      return [{ kind: 'scalar', value: node.value, source: node, node, via }];
    const expression = expressionOf(node.value);
    if (expression === undefined) return [{ kind: 'scalar', value: node.value, source: node, node, via }];
    // Locals and variables may refer to each other; a bounded depth keeps a cycle from looping.
    if (depth > 16) return [{ kind: 'unknown', node, via }];
    switch (expression.kind) {
      case 'variable': {
        const variable = this.facts.variables.get(expression.name);
        const fallback = variable?.defaultValue;
        if (fallback === undefined) return [{ kind: 'unknown', node, via }];
        const step: Step = {
          kind: 'parameter',
          name: expression.name,
          source: 'default',
          value: isScalar(fallback) ? String(fallback.value) : '…',
          node: fallback,
          label: 'variable',
        };
        return this.values(fallback, at, [...via, step], depth + 1).map((outcome) => ({ ...outcome, node }));
      }
      case 'local': {
        const local = this.facts.locals.get(expression.name);
        if (local === undefined) return [{ kind: 'unknown', node, via }];
        return this.values(local, at, via, depth + 1).map((outcome) => ({ ...outcome, node }));
      }
      case 'resource':
        if (!this.facts.hasResource(expression.address)) return [{ kind: 'unknown', node, via }];
        return [{ kind: 'resource', id: expression.address, attribute: expression.attribute, node, via }];
      case 'other':
        return [{ kind: 'unknown', node, via }];
    }
  }
}
