import { jsonOf } from '../edits/propose';
import type { Reference } from '../model/references';
import type { Resource } from '../model/template';
import { stringOf } from '../model/values';
import { getValue, type SourceNode } from '../parsing/nodes';
import { inSourceOrder, KeyedIndex, type Ordered } from './keyed-index';
import { nameOf, type TlsContext } from './s3-tls-policy';
import { attributeValues } from './terraform-computed';
import type { RuleContext } from './types';

/*
 * The bucket policies of a template, read once per lint and filed under what can make one a bucket's (a reference,
 * a written name, the same expression as the bucket's name), so that finding a bucket's policies looks at a few
 * candidates instead of every policy. The candidates are judged as before, in source order (`policyTargets`,
 * `terraformPolicyTargets`): besides those that may be the bucket's, they hold the first policy that cannot be
 * told apart from it, which alone leaves the answer open.
 */

interface Policy extends Ordered {
  readonly policy: Resource;
}

/** Policies whose every deployment is unknown to this index: they may be any bucket's, unless they match it. */
interface Undecided {
  /** A value that cannot be read (a parameter without default, another stack's export). */
  readonly unreadable: readonly Policy[];
  /** A literal name, unknown against a bucket whose own name cannot be read. */
  readonly literal: readonly Policy[];
}

interface CloudFormationIndex extends Undecided {
  readonly byPolicy: ReadonlyMap<Resource, Policy>;
  /** By the JSON of a `Bucket` written as an expression, for a bucket whose `BucketName` is written alike. */
  readonly byExpression: KeyedIndex<Policy, string | undefined>;
  readonly byResource: KeyedIndex<Policy>;
  readonly byName: KeyedIndex<Policy>;
}

/** CloudFormation: the `AWS::S3::BucketPolicy` resources that may be this bucket's, in source order. */
export function cloudFormationCandidates(context: RuleContext, tls: TlsContext): Resource[] {
  const index = context.memo('bucket-policies:cloudformation', () => cloudFormationIndex(context));
  // Without policies, the template's references need not be read.
  if (index.byPolicy.size === 0) return [];
  const bucket = tls.bucket;
  const referring = context.template.references.to(bucket.id).map((reference: Reference) => reference.from);
  const name = nameOf(tls);
  const bucketName = getValue(bucket.properties, 'BucketName');
  const matching = [
    referring.map((policy) => index.byPolicy.get(policy)),
    bucketName === undefined ? [] : index.byExpression.get(expressionKey(bucketName)),
    index.byResource.get(bucket.id),
    name === undefined ? [] : index.byName.get(name),
  ];
  return withUndecided(matching, index, name === undefined);
}

function cloudFormationIndex(context: RuleContext): CloudFormationIndex {
  const byPolicy = new Map<Resource, Policy>();
  const byExpression = new KeyedIndex<Policy, string | undefined>();
  const byResource = new KeyedIndex<Policy>();
  const byName = new KeyedIndex<Policy>();
  const unreadable: Policy[] = [];
  const literal: Policy[] = [];
  for (const policy of context.template.resources) {
    if (policy.type !== 'AWS::S3::BucketPolicy') continue;
    const item: Policy = { order: byPolicy.size, policy };
    byPolicy.set(policy, item);
    const written = getValue(policy.properties, 'Bucket');
    if (written !== undefined && written.kind !== 'scalar') byExpression.add(expressionKey(written), item);
    const outcomes = context.values.resolve(written, policy.anchor);
    for (const outcome of outcomes) {
      if (outcome.kind === 'resource') byResource.add(outcome.id, item);
      else if (outcome.kind === 'scalar') byName.add(String(outcome.value), item);
    }
    if (outcomes.some((outcome) => outcome.kind === 'unknown')) unreadable.push(item);
    if (outcomes.some((outcome) => outcome.kind === 'scalar')) literal.push(item);
  }
  return { byPolicy, byExpression, byResource, byName, unreadable, literal };
}

/** Two expressions written alike have the same key (`sameNode` in s3-tls-policy.ts). */
function expressionKey(node: SourceNode): string | undefined {
  return JSON.stringify(jsonOf(node));
}

interface TerraformIndex extends Undecided {
  /** Policies whose `bucket` refers to resources, by each; such a policy is no other bucket's. */
  readonly byReference: KeyedIndex<Policy>;
  readonly byName: KeyedIndex<Policy>;
}

/**
 * Terraform: the `aws_s3_bucket_policy` resources that may be this bucket's, in source order; `name` is the
 * bucket's (`null` when AWS generates it, undefined when it cannot be known).
 */
export function terraformCandidates(
  context: RuleContext,
  bucket: Resource,
  name: string | null | undefined,
): Resource[] {
  const index = context.memo('bucket-policies:terraform', () => terraformIndex(context));
  const matching = [index.byReference.get(bucket.id), typeof name === 'string' ? index.byName.get(name) : []];
  return withUndecided(matching, index, name === undefined);
}

function terraformIndex(context: RuleContext): TerraformIndex {
  const byReference = new KeyedIndex<Policy>();
  const byName = new KeyedIndex<Policy>();
  const unreadable: Policy[] = [];
  const literal: Policy[] = [];
  let order = 0;
  for (const policy of context.template.resources) {
    if (policy.type !== 'aws_s3_bucket_policy') continue;
    const item: Policy = { order: order++, policy };
    const references = context.template.references
      .from(policy.id)
      .filter((reference) => reference.path[0] === 'bucket');
    if (references.length > 0) {
      for (const reference of references) byReference.add(reference.to, item);
      continue;
    }
    const outcomes = attributeValues(policy, context, 'bucket');
    for (const outcome of outcomes) {
      const text = outcome.kind === 'scalar' ? stringOf(outcome) : undefined;
      if (text !== undefined) byName.add(text, item);
    }
    if (outcomes.some((outcome) => outcome.kind === 'unknown')) unreadable.push(item);
    if (outcomes.some((outcome) => outcome.kind === 'scalar')) literal.push(item);
  }
  return { byReference, byName, unreadable, literal };
}

/**
 * The matching policies, and of the undecided ones the first that is not among them: it cannot be this bucket's
 * for sure, so it is unknown, and one unknown policy decides the answer.
 */
function withUndecided(
  matching: readonly (readonly (Policy | undefined)[])[],
  undecided: Undecided,
  nameUnknown: boolean,
): Resource[] {
  const candidates = new Set<Policy | undefined>(matching.flat());
  const firstOther = (list: readonly Policy[]): Policy | undefined => list.find((item) => !candidates.has(item));
  const lists = [...matching, [firstOther(undecided.unreadable)], nameUnknown ? [firstOther(undecided.literal)] : []];
  return inSourceOrder(lists).map((item) => item.policy);
}
