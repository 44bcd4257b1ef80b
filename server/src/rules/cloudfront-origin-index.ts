import { stringOf, type Outcome } from '../model/values';
import { entryOf } from '../parsing/nodes';
import { distributionConfigs, listItems } from './cloudfront';
import { attributes, blocks } from './terraform';
import type { RuleContext } from './types';

/*
 * The origin domains of every CloudFront distribution of a template, read once per lint, so that asking whether a
 * distribution fronts a bucket is a lookup per bucket instead of a scan of every distribution.
 */

export interface OriginIndex {
  /** Some origin's domain cannot be read (or its configuration cannot be seen into): it may be any bucket's. */
  readonly unknown: boolean;
  /** The origins' domains that can be read, lower-cased, in code-unit order. */
  readonly domains: readonly string[];
  /** Terraform: the resources an origin's `domain_name` refers to. */
  readonly referred: ReadonlySet<string>;
}

/**
 * Whether an origin's domain starts with a bucket's (lower-cased) name and a dot. The domains that start with it
 * are together in the sorted list, from the first domain not below it.
 */
export function startsWithName(origins: OriginIndex, name: string): boolean {
  const prefix = `${name}.`;
  const domains = origins.domains;
  let low = 0;
  let high = domains.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((domains[middle] as string) < prefix) low = middle + 1;
    else high = middle;
  }
  return domains[low]?.startsWith(prefix) ?? false;
}

/** CloudFormation: the origins of every `AWS::CloudFront::Distribution`. */
export function cloudFormationOrigins(context: RuleContext): OriginIndex {
  return context.memo('cloudfront-origins:cloudformation', () => {
    const values = context.values;
    const origins = new Builder();
    for (const distribution of context.template.resources) {
      if (distribution.type !== 'AWS::CloudFront::Distribution') continue;
      const written = values.lookup(values.resolve(distribution.properties, distribution.anchor), 'DistributionConfig');
      if (written.some((config) => config.kind !== 'map' && config.kind !== 'absent')) origins.unknown = true;
      for (const origin of listItems(distributionConfigs(distribution, context), 'Origins', context)) {
        for (const domain of values.lookup([origin], 'DomainName')) origins.addText(domainText(domain));
      }
    }
    return origins.done();
  });
}

/**
 * An origin's domain as text; a bucket it refers to has been matched by reference already. Undefined when it cannot
 * be read — a parameter or a `!Sub` of one may hold a bucket's name.
 */
function domainText(domain: Outcome): string | undefined {
  return domain.kind === 'resource' ? domain.id : stringOf(domain);
}

/** Terraform: the origins of every `aws_cloudfront_distribution`. */
export function terraformOrigins(context: RuleContext): OriginIndex {
  return context.memo('cloudfront-origins:terraform', () => {
    const values = context.values;
    const origins = new Builder();
    for (const distribution of context.template.resources) {
      if (distribution.type !== 'aws_cloudfront_distribution') continue;
      // Origins written as `dynamic` blocks cannot be read.
      if (entryOf(distribution.node, 'dynamic') !== undefined) origins.unknown = true;
      for (const origin of blocks(values, attributes(distribution, values), 'origin')) {
        if (origin.kind === 'absent') continue;
        if (origin.kind !== 'map') origins.unknown = true;
        for (const domain of values.lookup([origin], 'domain_name')) {
          // A reference to another resource is another origin, whatever its text.
          if (domain.kind === 'resource') origins.referred.add(domain.id);
          else origins.addText(stringOf(domain));
        }
      }
    }
    return origins.done();
  });
}

class Builder {
  unknown = false;
  readonly domains: string[] = [];
  readonly referred = new Set<string>();

  addText(text: string | undefined): void {
    if (text === undefined) this.unknown = true;
    else this.domains.push(text.toLowerCase());
  }

  done(): OriginIndex {
    // The default sort compares code units, as `<` does in `startsWithName`.
    return { unknown: this.unknown, domains: this.domains.sort(), referred: this.referred };
  }
}
