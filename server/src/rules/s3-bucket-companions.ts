import type { Resource } from '../model/template';
import type { Outcome } from '../model/values';
import { configuredExpression } from './plan-configuration';
import { attributes, blocks, companions, isPlan } from './terraform';
import type { RuleContext } from './types';

/*
 * The AWS provider splits a bucket's settings into resources of their own since version 4 (aws_s3_bucket_versioning,
 * aws_s3_bucket_logging, aws_s3_bucket_public_access_block, …), while version 3 wrote some as blocks of the bucket.
 * These helpers find either for the S3 rules, so each rule judges the setting with its own predicate.
 */

/** The companion resources of `type` whose `bucket` names this bucket, by reference or by its literal name. */
export function bucketCompanions(context: RuleContext, bucket: Resource, type: string): Resource[] {
  return companions(context, bucket, type, 'bucket', 'bucket');
}

/**
 * The provider-3 inline block `name` of an aws_s3_bucket, when one is written. A plan shows the provider's own
 * reading of that (deprecated, computed) block for every bucket, so there it counts only where the plan's
 * configuration writes it — or, in a plan without configuration, where its value is known.
 */
export function inlineBlocks(context: RuleContext, bucket: Resource, name: string): Outcome[] {
  const found = blocks(context.values, attributes(bucket, context.values), name).filter(
    (block) => block.kind !== 'absent',
  );
  if (!isPlan(context.template)) return found;
  const expression = configuredExpression(context, bucket, name);
  if (expression === null) return [];
  return expression === undefined ? found.filter((block) => block.kind === 'map') : found;
}

/** The name a companion resource added by a fix takes: the bucket's own (`aws_s3_bucket.logs` → `logs`). */
export function companionBase(bucket: Resource): string {
  return bucket.id.slice(bucket.id.indexOf('.') + 1);
}
