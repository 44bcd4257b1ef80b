import type { Resource } from '../model/template';
import type { Outcome } from '../model/values';
import { isSeq, scalarText, singleEntry, type SourceNode } from '../parsing/nodes';
import { itemOutcomes } from './branches';
import { attributes } from './terraform';
import { isTerraform } from './terraform-links';
import type { RuleContext } from './types';

/*
 * Shared by the CloudFront rules of the firewall theme: the values of a distribution's DistributionConfig and of
 * the members of its lists, followed through conditions and parameters like every other property. An
 * `aws_cloudfront_distribution` writes the same settings on the resource itself, in nested blocks.
 */

/**
 * The settings of a distribution, per dialect: each map value of CloudFormation's `DistributionConfig`, or the
 * attributes of an `aws_cloudfront_distribution`.
 */
export function distributionSettings(resource: Resource, context: RuleContext<string>): Outcome[] {
  return isTerraform(context) ? attributes(resource, context.values) : distributionConfigs(resource, context);
}

/** Every value of `DistributionConfig` that is a map; other values (unknown, a function) answer nothing. */
export function distributionConfigs(resource: Resource, context: RuleContext<string>): Outcome[] {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  return values.lookup(properties, 'DistributionConfig').filter((config) => config.kind === 'map');
}

/** The map items of a list under `key` of each config, each carrying the steps that reach it. */
export function listItems(configs: readonly Outcome[], key: string, context: RuleContext<string>): Outcome[] {
  const items: Outcome[] = [];
  for (const list of context.values.lookup(configs, key)) {
    if (list.kind !== 'seq') continue;
    for (const item of itemOutcomes(context.values, list.seq, list.node, list.via)) {
      if (item.kind === 'map') items.push(item);
    }
  }
  return items;
}

/** An S3 REST endpoint (`b.s3.amazonaws.com`, `b.s3.eu-west-1.amazonaws.com`, `b.s3-us-west-2…`), not a website one. */
export function isS3RestDomain(domain: string): boolean {
  const host = domain.trim().toLowerCase().replace(/\.$/, '');
  return /(^|\.)s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.test(host) && !/(^|\.)s3[.-]website/.test(host);
}

/** An S3 website endpoint (`b.s3-website-us-east-1.amazonaws.com`, `b.s3-website.eu-west-1.amazonaws.com`). */
export function isS3WebsiteDomain(domain: string): boolean {
  const host = domain.trim().toLowerCase().replace(/\.$/, '');
  return /(^|\.)s3[.-]website[.-][a-z0-9.-]*amazonaws\.com(\.cn)?$/.test(host);
}

/**
 * The text of a `Fn::Sub` template with its `${…}` variables replaced by `blank`, for a domain whose bucket part is a reference
 * the value resolver cannot know but whose endpoint suffix is written literally (`!Sub ${Bucket}.s3.amazonaws.com`).
 */
export function subTemplate(node: SourceNode | undefined, blank = 'x'): string | undefined {
  // Terraform writes the same as a string with interpolations (`${aws_s3_bucket.b.id}.s3.amazonaws.com`).
  if (node?.kind === 'scalar' && typeof node.value === 'string' && node.value.includes('${'))
    return node.value.replace(/\$\{[^}]*\}/g, blank);
  const entry = singleEntry(node);
  if (entry === undefined || entry.key.value !== 'Fn::Sub') return undefined;
  const text = isSeq(entry.value) ? scalarText(entry.value.items[0]) : scalarText(entry.value);
  return text?.replace(/\$\{[^}]*\}/g, blank);
}
