import type { Resource } from '../model/template';
import { stringOf, type Outcome } from '../model/values';
import { itemOutcomes } from './branches';
import { isPlan } from './terraform';
import { attributeValues } from './terraform-computed';
import type { RuleContext } from './types';

/*
 * Dialect-neutral reading for rules whose predicate walks lists and links between resources: a CloudFormation
 * list property and a Terraform nested block are both "members", and a resource another one names is found by
 * `Ref`/`${…}` values or, in a plan, by the configuration's references.
 */

/** Whether the document is Terraform (a `.tf.json` configuration or a plan). */
export function isTerraform(context: RuleContext): boolean {
  return context.template.dialect === 'terraform';
}

/**
 * The members under `key` of each outcome: the items of a CloudFormation list (each branch of each item) or the
 * Terraform nested blocks (`.tf.json` object or array, a plan's array). No member at all is one absent outcome;
 * a value that cannot be seen into stays as it is (unknown).
 */
export function members(context: RuleContext, from: readonly Outcome[], key: string): Outcome[] {
  return expand(context, context.values.lookup(from, key));
}

/**
 * The values of a resource's top-level property or attribute; in a Terraform plan, one the provider computes and
 * the configuration never wrote (`internal` of an `aws_lb`) is absent rather than unknown.
 */
export function propertyOf(context: RuleContext, resource: Resource, key: string): readonly Outcome[] {
  if (isTerraform(context)) return attributeValues(resource, context, key);
  return context.values.lookup(context.values.resolve(resource.properties, resource.anchor), key);
}

/** The members of a resource's top-level list property or nested block (see `members`). */
export function resourceMembers(context: RuleContext, resource: Resource, key: string): Outcome[] {
  return expand(context, propertyOf(context, resource, key));
}

function expand(context: RuleContext, lists: readonly Outcome[]): Outcome[] {
  const out: Outcome[] = [];
  for (const list of lists) {
    if (list.kind !== 'seq') out.push(list);
    else if (list.seq.items.length === 0) out.push({ kind: 'absent', node: list.node, via: list.via });
    else if (isTerraform(context)) {
      for (const item of list.seq.items)
        out.push(
          ...context.values.resolve(item, item).map((value) => ({ ...value, via: [...list.via, ...value.via] })),
        );
    } else out.push(...itemOutcomes(context.values, list.seq, list.node, list.via));
  }
  return out;
}

/**
 * The resources of the document that a Terraform attribute refers to, at `path` from the resource body (nested
 * blocks without indices): `${aws_lb.web.arn}` in a `.tf.json`, or the `configuration` references of a plan.
 */
export function referredResources(context: RuleContext, resource: Resource, path: readonly string[]): Resource[] {
  const found = new Set<Resource>();
  for (const reference of context.template.references.from(resource.id)) {
    const keys = reference.path.filter((key) => !/^\d+$/.test(key));
    if (keys.length !== path.length || !keys.every((key, i) => key === path[i])) continue;
    const target = context.template.resource(reference.to);
    if (target !== undefined) found.add(target);
  }
  return [...found];
}

/**
 * The one resource a value names: `${aws_lb.web.arn}` (the whole value), or in a plan, where the value is data or
 * known only after apply, the single resource the configuration's expression at `path` refers to. Undefined when
 * the value names no resource of the document or several (a conditional expression), which is unknown.
 */
export function namedResource(
  context: RuleContext,
  owner: Resource,
  value: Outcome,
  path: readonly string[],
): Resource | undefined {
  if (value.kind === 'resource') return context.template.resource(value.id);
  if (!isPlan(context.template) || value.kind === 'absent') return undefined;
  const targets = referredResources(context, owner, path);
  return targets.length === 1 ? targets[0] : undefined;
}

/**
 * What a value identifies, to compare two values for "the same API" or "the same stage": the resource it names,
 * or its literal text; undefined when it cannot be read.
 */
export function identityOf(
  context: RuleContext,
  owner: Resource,
  value: Outcome,
  path: readonly string[],
): string | undefined {
  const named = isTerraform(context) ? namedResource(context, owner, value, path) : undefined;
  if (named !== undefined) return `resource:${named.id}`;
  if (value.kind === 'resource') return `resource:${value.id}`;
  const text = stringOf(value);
  return text === undefined ? undefined : `literal:${text}`;
}

/** Not set: absent, or the empty string the AWS provider writes into a plan for an optional string left out. */
export function isUnset(value: Outcome): boolean {
  return value.kind === 'absent' || stringOf(value)?.trim() === '';
}

/** The address's last part, `aws_lb.web` → `web`: a companion resource's name. */
export function resourceName(resource: Resource): string {
  return (
    resource.id
      .slice(resource.id.lastIndexOf('.') + 1)
      .replace(/\[.*$/, '')
      .replace(/[^\w-]/g, '_') || 'this'
  );
}
