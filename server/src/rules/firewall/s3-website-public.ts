import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { distributionConfigs, listItems } from '../cloudfront';
import type { Rule, RuleContext } from '../types';

type MessageId = 'servedDirectly';

const DISTRIBUTION = 'AWS::CloudFront::Distribution';

export const s3WebsitePublic = {
  meta: {
    id: 'firewall/s3-website-public',
    title: 'S3 website buckets are served through CloudFront, not directly',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      servedDirectly:
        'The bucket hosts a website, and no CloudFront distribution in this template uses it as an origin: the S3 ' +
        'website endpoint serves plain HTTP only and needs public read access, so viewers reach it without TLS, ' +
        'WAF, rate limiting or DDoS absorption.',
    },
    rationale:
      'The firewall in front of a public entry point is the customer’s side of the shared-responsibility model. An S3 ' +
      'website endpoint cannot serve HTTPS, cannot take a certificate, a WAF web ACL or rate limits, and works only ' +
      'when the bucket allows anonymous reads. Served directly, every page and the session data it carries crosses ' +
      'the network in the clear, and every object of the bucket is readable by anyone. CloudFront in front of the ' +
      'bucket gives TLS, AWS WAF, Shield Standard and caching, and lets the bucket stay private.',
    remediation:
      'Put a CloudFront distribution in front of the content: a private bucket as an S3 origin with origin access ' +
      'control (then the WebsiteConfiguration can go; use the distribution’s DefaultRootObject and CloudFront ' +
      'Functions for index documents), or the website endpoint as a custom origin when S3 redirection rules are ' +
      'needed. Then block public access on the bucket.',
    references: [
      {
        tool: 'kics',
        id: '90501b1b-cded-4cc1-9e8b-206b85cda317',
        match: 'related',
        name: 'S3 Static Website Host Enabled (any website bucket)',
      },
      { tool: 'checkov', id: 'CKV_AWS_20', match: 'related', name: 'S3 bucket ACL allows public read' },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::S3::Bucket': checkBucket,
    },
  },
} satisfies Rule<MessageId>;

function checkBucket(bucket: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const websites = values.lookup(values.resolve(bucket.properties, bucket.anchor), 'WebsiteConfiguration');
  const served = websites.filter((website) => website.kind === 'map' && servesContent(website, context));
  if (served.length === 0 || frontedByCloudFront(bucket, context) !== false) return;
  for (const website of served) {
    if (website.kind === 'map') context.report({ node: website.at, via: website.via, messageId: 'servedDirectly' });
  }
}

/**
 * Whether a website configuration serves the bucket's objects. One that only has RedirectAllRequestsTo answers
 * every request with a redirect (typically to the HTTPS site) and serves no content, so it is left alone.
 */
function servesContent(website: Outcome, context: RuleContext<MessageId>): boolean {
  return context.values.lookup([website], 'RedirectAllRequestsTo').every((redirect) => redirect.kind === 'absent');
}

/**
 * Whether a distribution of this template fronts the bucket: it refers to the bucket (its name, domain or website
 * URL), or an origin names the bucket's literal BucketName. Unknown when a distribution has an origin domain the
 * linter cannot read, or the template hides resources in modules: either may be this bucket.
 */
function frontedByCloudFront(bucket: Resource, context: RuleContext<MessageId>): boolean | 'unknown' {
  if (context.template.references.to(bucket.id).some((reference) => reference.from.type === DISTRIBUTION)) return true;
  if (context.template.hasHiddenResources()) return 'unknown';
  const names = context.values.lookup(context.values.resolve(bucket.properties, bucket.anchor), 'BucketName');
  const name = names.length === 1 ? stringOf(names[0] as Outcome)?.toLowerCase() : undefined;
  let answer: boolean | 'unknown' = false;
  for (const distribution of context.template.resources) {
    if (distribution.type !== DISTRIBUTION) continue;
    const configs = distributionConfigs(distribution, context);
    const written = context.values.lookup(
      context.values.resolve(distribution.properties, distribution.anchor),
      'DistributionConfig',
    );
    if (written.some((config) => config.kind !== 'map' && config.kind !== 'absent')) answer = 'unknown';
    for (const origin of listItems(configs, 'Origins', context)) {
      for (const domain of context.values.lookup([origin], 'DomainName')) {
        const text = domainText(domain);
        if (text === undefined) answer = 'unknown';
        else if (name !== undefined && text.toLowerCase().startsWith(`${name}.`)) return true;
      }
    }
  }
  return answer;
}

/**
 * An origin's domain as text; a bucket it refers to has been matched already. Undefined when it cannot be read —
 * a parameter or a `!Sub` of one may hold this bucket's name.
 */
function domainText(domain: Outcome): string | undefined {
  return domain.kind === 'resource' ? domain.id : stringOf(domain);
}
