import type { Change, FixProposal, JsonValue } from '../edits/changes';
import type { Resource, Template } from '../model/template';
import type { Outcome, ValueResolver } from '../model/values';
import { getValue, isMap, isScalar, isSeq } from '../parsing/nodes';
import type { RuleContext } from './types';

/*
 * Helpers for rules' Terraform visitors. One rule, one predicate: a visitor reads the AWS provider's attribute
 * names and blocks, then judges with the same function as the CloudFormation visitor.
 */

/**
 * The values of nested block `name` under each outcome: `.tf.json` writes a block as an object or an array of
 * objects, a plan always as an array. Each block is one map outcome; no block at all is one absent outcome.
 */
export function blocks(values: ValueResolver, from: readonly Outcome[], name: string): readonly Outcome[] {
  const found = values.lookup(from, name);
  // Mostly one value that is not a list (a block written as an object, or none): the lookup's answer as it is.
  if (found.length === 1 && found[0]?.kind !== 'seq') return found;
  const out: Outcome[] = [];
  for (const outcome of found) {
    if (outcome.kind !== 'seq') {
      out.push(outcome);
      continue;
    }
    if (outcome.seq.items.length === 0) {
      out.push({ kind: 'absent', node: outcome.node, via: outcome.via });
      continue;
    }
    for (const item of outcome.seq.items)
      out.push(...values.resolve(item, item).map((value) => ({ ...value, via: [...outcome.via, ...value.via] })));
  }
  return out;
}

/** The attribute values of a Terraform resource, as one outcome to look keys up from. */
export function attributes(resource: Resource, values: ValueResolver): Outcome[] {
  return values.resolve(resource.properties, resource.anchor);
}

/**
 * The resources of `type` that apply to `target` through their `attribute` (`aws_s3_bucket_versioning.bucket`,
 * `aws_security_group_rule.security_group_id`): by reference (`${aws_s3_bucket.b.id}`, or a plan's
 * configuration), or by the same literal value as the target's `targetAttribute` (a bucket's `bucket` name).
 */
export function companions(
  context: RuleContext,
  target: Resource,
  type: string,
  attribute: string,
  targetAttribute?: string,
): Resource[] {
  // A list rather than a Set: a target has a companion or two, and `includes` over them keeps the order a Set would.
  let found: Resource[] = [];
  for (const reference of context.template.references.to(target.id)) {
    const from = reference.from;
    if (from.type === type && reference.path[0] === attribute) found = including(found, from);
  }
  const literal = targetAttribute === undefined ? undefined : literalOf(target, targetAttribute);
  if (literal !== undefined) {
    // Built once per lint, type and attribute: a lookup per target, not a scan of every resource. The memo's key
    // is a constant, so a call hashes no freshly built string.
    const indexes = context.memo('terraform:companions', newCompanionIndexes);
    let byAttribute = indexes.get(type);
    if (byAttribute === undefined) indexes.set(type, (byAttribute = new Map<string, Map<string, Resource[]>>()));
    let byLiteral = byAttribute.get(attribute);
    if (byLiteral === undefined) byAttribute.set(attribute, (byLiteral = literalIndex(context, type, attribute)));
    for (const resource of byLiteral.get(literal) ?? []) found = including(found, resource);
  }
  return found;
}

/**
 * The list with `item` added once. The first item makes a list of one: `push` onto an empty list would reserve room
 * for sixteen.
 */
function including<T>(list: T[], item: T): T[] {
  if (list.length === 0) return [item];
  if (!list.includes(item)) list.push(item);
  return list;
}

/** The memo's empty indexes, made by one function for every call rather than a closure per call. */
const newCompanionIndexes = (): Map<string, Map<string, Map<string, Resource[]>>> => new Map();

/** The resources of `type` by the literal value of their `attribute`. */
function literalIndex(context: RuleContext, type: string, attribute: string): Map<string, Resource[]> {
  const index = new Map<string, Resource[]>();
  for (const resource of context.template.resources) {
    const value = resource.type === type ? literalOf(resource, attribute) : undefined;
    if (value === undefined) continue;
    const list = index.get(value);
    if (list === undefined) index.set(value, [resource]);
    else list.push(resource);
  }
  return index;
}

/** A literal string attribute (not an interpolation), or undefined. */
function literalOf(resource: Resource, attribute: string): string | undefined {
  const value = getValue(resource.properties, attribute);
  if (!isScalar(value) || typeof value.value !== 'string' || value.value.includes('${')) return undefined;
  return value.value;
}

/** Whether a resource is written in a plan (findings there offer no fixes: a plan is output). */
export function isPlan(template: Template): boolean {
  return template.format === 'terraform-plan';
}

/**
 * A fix that adds a companion resource the AWS provider requires (`aws_s3_bucket_server_side_encryption_configuration`
 * beside an `aws_s3_bucket`), as `resource.<type>.<name>` in the configuration's root object. None when `resource`
 * is written as an array of objects, or the document is a plan.
 */
export function companionFix(
  template: Template,
  type: string,
  base: string,
  body: { readonly [key: string]: JsonValue },
  fix: Omit<FixProposal, 'changes'>,
): FixProposal[] {
  if (template.format !== 'terraform') return [];
  const resources = getValue(template.root, 'resource');
  if (resources !== undefined && !isMap(resources)) return [];
  const byType = isMap(resources) ? getValue(resources, type) : undefined;
  if (byType !== undefined && (!isMap(byType) || isSeq(byType))) return [];
  let name = base;
  for (let n = 2; template.resource(`${type}.${name}`) !== undefined; n++) name = `${base}_${n}`;
  const change: Change = { kind: 'set', map: template.root, path: ['resource', type, name], value: body };
  return [{ ...fix, changes: [change] }];
}

/** `${aws_s3_bucket.logs.id}`: an interpolation of a resource's attribute, for a companion's body. */
export function reference(resource: Resource, attribute: string): string {
  return `\${${resource.id}.${attribute}}`;
}
