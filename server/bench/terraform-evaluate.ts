import type { Json } from './emit';
import { LOCALS, VARIABLES } from './terraform-inputs';
import { Expression, isBlock, isPlainMap, referencesOf, textOf, type Value, type ValueMap } from './terraform-resource';

/**
 * How `terraform plan` reads one attribute of the configuration, in the three shapes `terraform show -json` writes
 * it: the planned value (left out while unknown), its `after_unknown` mirror (`true` where unknown, containers
 * mirrored, known leaves `false`) and its `configuration` expression (`constant_value` or `references`).
 */
export interface Evaluated {
  readonly planned: Json | undefined;
  readonly unknown: Json;
  readonly expression: Json;
}

/** What the evaluator needs to know of other resources: the planned values of one it refers to, if known. */
export type Lookup = (address: string) => { readonly known: boolean; readonly values: Readonly<Record<string, Json>> };

/** Keys of a resource body that are Terraform's own, not the resource type's attributes. */
const META = new Set(['//', 'count', 'for_each', 'depends_on', 'lifecycle', 'provider']);

/** A resource body: planned values, `after_unknown` and `expressions`, meta-arguments and comments left out. */
export function evaluateBody(
  body: ValueMap,
  lookup: Lookup,
): { planned: Record<string, Json>; unknown: Record<string, Json>; expressions: Record<string, Json> } {
  const planned: Record<string, Json> = {};
  const unknown: Record<string, Json> = {};
  const expressions: Record<string, Json> = {};
  for (const [key, value] of Object.entries(body)) {
    if (META.has(key)) continue;
    const result = evaluate(key, value, lookup);
    if (result.planned !== undefined) planned[key] = result.planned;
    if (result.unknown !== false) unknown[key] = result.unknown;
    expressions[key] = result.expression;
  }
  return { planned, unknown, expressions };
}

function evaluate(key: string, value: Value, lookup: Lookup): Evaluated {
  if (isBlock(key, value)) {
    const items = (Array.isArray(value) ? value : [value]).filter(isPlainMap).map((item) => evaluateBody(item, lookup));
    return {
      planned: items.map((item) => item.planned),
      unknown: items.map((item) => item.unknown),
      expression: items.map((item) => item.expressions),
    };
  }
  if (isPlainMap(value) || Array.isArray(value)) return evaluateCollection(value, lookup);
  return evaluateLeaf(value, lookup);
}

/** A map attribute (`tags`, `variables`) or a list: known element by element, but one expression for the whole. */
function evaluateCollection(value: ValueMap | Value[], lookup: Lookup): Evaluated {
  const texts: string[] = [];
  const collect = (item: Value): void => {
    const text = textOf(item);
    if (text !== undefined) texts.push(text);
    else if (Array.isArray(item)) item.forEach(collect);
    else if (isPlainMap(item)) Object.values(item).forEach(collect);
  };
  collect(value);
  const references = [...new Set(texts.flatMap(referencesOf))];
  if (Array.isArray(value)) {
    const items = value.map((item) => evaluateLeaf(item, lookup));
    // A list with an unknown element is unknown as a whole in planned values.
    const known = items.every((item) => item.planned !== undefined);
    return {
      planned: known ? items.map((item) => item.planned as Json) : undefined,
      unknown: known ? items.map(() => false) : true,
      expression: references.length === 0 ? { constant_value: literal(value) } : { references },
    };
  }
  const planned: Record<string, Json> = {};
  const unknown: Record<string, Json> = {};
  for (const [key, item] of Object.entries(value)) {
    const result = evaluateLeaf(item, lookup);
    if (result.planned !== undefined) planned[key] = result.planned;
    if (result.unknown !== false) unknown[key] = result.unknown;
  }
  return {
    planned,
    unknown,
    expression: references.length === 0 ? { constant_value: literal(value) } : { references },
  };
}

function evaluateLeaf(value: Value, lookup: Lookup): Evaluated {
  const text = textOf(value);
  if (text === undefined || (!(value instanceof Expression) && !text.includes('${')))
    return { planned: literal(value), unknown: false, expression: { constant_value: literal(value) } };
  const references = referencesOf(text);
  const expression: Json = references.length === 0 ? {} : { references };
  const planned = value instanceof Expression ? plannedExpression(value, lookup) : interpolate(text, lookup);
  return planned === undefined
    ? { planned: undefined, unknown: true, expression }
    : { planned, unknown: false, expression };
}

/** An expression's value: what it was written with, once every resource it names is known. */
function plannedExpression(value: Expression, lookup: Lookup): Json | undefined {
  for (const reference of referencesOf(value.text)) {
    if (!reference.startsWith('var.') && !reference.startsWith('local.') && !lookup(stripInstance(reference)).known)
      return undefined;
  }
  return value.planned;
}

/**
 * A string of literal text and simple references (`${var.x}`, `${local.x}`, `${aws_x.y.attr}`): a whole-string
 * reference keeps its value's type (a list variable stays a list); undefined while a resource is unknown.
 */
function interpolate(text: string, lookup: Lookup): Json | undefined {
  const whole = /^\$\{([^{}]*)\}$/.exec(text);
  if (whole !== null) return valueOf(whole[1] ?? '', lookup);
  let unknown = false;
  const result = text.replace(/\$\{([^{}]*)\}/g, (_, inner: string) => {
    const value = valueOf(inner, lookup);
    if (value === undefined) unknown = true;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
  return unknown ? undefined : result;
}

function valueOf(inner: string, lookup: Lookup): Json | undefined {
  const parts = inner.trim().split('.');
  const [head, second, attribute] = parts;
  if (head === 'var' && second !== undefined && VARIABLES[second] !== undefined) return VARIABLES[second].value;
  if (head === 'local' && second !== undefined && LOCALS[second] !== undefined) return LOCALS[second].value;
  if (head === undefined || second === undefined || attribute === undefined || parts.length !== 3)
    throw new Error(`bench generator: "\${${inner}}" needs expression() to say its planned value`);
  const target = lookup(`${head}.${stripInstance(second)}`);
  if (!target.known) return undefined;
  const value = target.values[attribute];
  if (value === undefined) throw new Error(`bench generator: ${head}.${second} has no planned "${attribute}"`);
  return value;
}

/** `aws_x.y[0].id` → `aws_x.y.id`; `aws_x.y[0]` → `aws_x.y`. */
function stripInstance(reference: string): string {
  return reference.replace(/\[\d+\]/g, '');
}

/** A value without expressions, as `constant_value` holds it. */
function literal(value: Value): Json {
  if (value instanceof Expression) return value.planned;
  if (Array.isArray(value)) return value.map(literal);
  if (isPlainMap(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, literal(item)]));
  return value;
}

/** `sensitive_values`: the planned values' containers mirrored, `true` on the attributes the provider hides. */
export function sensitiveShape(values: Json, sensitive: ReadonlySet<string> = new Set()): Json {
  if (Array.isArray(values))
    return values.map((item) => (item !== null && typeof item === 'object' ? sensitiveShape(item) : false));
  if (values === null || typeof values !== 'object') return false;
  const shape: Record<string, Json> = {};
  for (const [key, value] of Object.entries(values)) {
    if (sensitive.has(key)) shape[key] = true;
    else if (value !== null && typeof value === 'object') shape[key] = sensitiveShape(value);
  }
  return shape;
}
