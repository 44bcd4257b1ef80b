import type { Json } from './emit';

/**
 * One generated Terraform resource, written once and read by two writers: the `.tf.json` writer prints its body
 * as it is, the plan writer evaluates it the way `terraform plan` would (references to resources being created are
 * unknown until apply, variables take their values, nested blocks become arrays).
 */
export interface TfResource {
  readonly type: string;
  readonly name: string;
  /** Written with `count = 1`: the plan addresses its one instance as `<address>[0]`. */
  readonly counted?: boolean;
  readonly body: ValueMap;
}

/** A resource of the generated cycle; `n` numbers the cycle, `random` draws its variants. */
export type TfSlot = (n: number, random: () => number) => TfResource;

/** A value of a resource body: JSON, where strings may hold `${…}`, or an expression the plan needs told. */
export type Value = string | number | boolean | null | Expression | Value[] | ValueMap;
export type ValueMap = { [key: string]: Value };

/**
 * An HCL expression whose value the plan writer cannot work out from references alone (a conditional, a function
 * call): `.tf.json` writes `text`, a plan writes `planned` once every resource it names is known.
 */
export class Expression {
  constructor(
    readonly text: string,
    readonly planned: Json,
  ) {}
}

export const expression = (text: string, planned: Json): Expression => new Expression(text, planned);

/** `${aws_kms_key.data_3.arn}`: how `.tf.json` refers to another resource's attribute. */
export const ref = (type: string, name: string, attribute: string, key?: number): string =>
  `\${${type}.${name}${key === undefined ? '' : `[${key}]`}.${attribute}}`;

export const variable = (name: string): string => `\${var.${name}}`;

/** Attributes whose object value is a map of the user's keys, not a nested block. */
const MAP_ATTRIBUTES: ReadonlySet<string> = new Set(['tags', 'tags_all', 'variables']);

/** Whether an object under `key` is a nested block, which a plan writes as an array of objects. */
export function isBlock(key: string, value: Value): value is ValueMap | Value[] {
  if (MAP_ATTRIBUTES.has(key) || value === null || typeof value !== 'object' || value instanceof Expression)
    return false;
  return Array.isArray(value) ? value.length > 0 && value.every(isPlainMap) : true;
}

export function isPlainMap(value: Value): value is ValueMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Expression);
}

/** The text of a string or expression: what `.tf.json` holds and where references are found. */
export function textOf(value: Value): string | undefined {
  return typeof value === 'string' ? value : value instanceof Expression ? value.text : undefined;
}

/**
 * What an expression refers to, as `terraform show -json` lists it under `references`: `aws_x.y.attr` then
 * `aws_x.y` (with an instance key, `aws_x.y[0].attr`, `aws_x.y[0]`, `aws_x.y`), `var.name`, `local.name`.
 */
export function referencesOf(text: string): string[] {
  const found: string[] = [];
  for (const interpolation of text.matchAll(/(?<!\$)\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g)) {
    const inner = interpolation[1] ?? '';
    for (const match of inner.matchAll(
      /(?<![\w.])(?:(var|local)\.(\w+)|([a-z][a-z0-9]*_[a-z0-9_]+)\.(\w+)(\[\d+\])?(?:\.(\w+))?)/g,
    )) {
      if (match[1] !== undefined) {
        found.push(`${match[1]}.${match[2]}`);
        continue;
      }
      const address = `${match[3]}.${match[4]}`;
      const instance = `${address}${match[5] ?? ''}`;
      if (match[6] !== undefined) found.push(`${instance}.${match[6]}`);
      if (instance !== address) found.push(instance);
      found.push(address);
    }
  }
  return [...new Set(found)];
}

/** A resource address with its instance key: `aws_ebs_volume.data_0[0]`. */
export function instanceAddress(resource: TfResource): string {
  return `${resource.type}.${resource.name}${resource.counted === true ? '[0]' : ''}`;
}

/** A small seeded generator (mulberry32): the same count always yields the same resources. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `choices`, picked by `random`. */
export function pick<T>(random: () => number, choices: readonly T[]): T {
  return choices[Math.floor(random() * choices.length)] as T;
}
