import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { entryOf } from '../../parsing/nodes';
import { cloudFormationOrigins, startsWithName, terraformOrigins } from '../cloudfront-origin-index';
import { attributes, blocks, companions } from '../terraform';
import type { Rule, RuleContext } from '../types';
import { flatMap } from '../lists';

type MessageId = 'servedDirectly';

const DISTRIBUTION = 'AWS::CloudFront::Distribution';
const TF_DISTRIBUTION = 'aws_cloudfront_distribution';
const TF_WEBSITE = 'aws_s3_bucket_website_configuration';

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
    terraform: {
      aws_s3_bucket: checkTerraformBucket,
      aws_s3_bucket_website_configuration: checkTerraformWebsite,
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
  // Every distribution's origins, read once per lint: a scan of them per bucket is quadratic.
  const origins = cloudFormationOrigins(context);
  if (name !== undefined && startsWithName(origins, name)) return true;
  return origins.unknown ? 'unknown' : false;
}

/** Terraform, AWS provider 3: the bucket's inline `website` block. */
function checkTerraformBucket(bucket: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const served = blocks(values, attributes(bucket, values), 'website').filter((website) =>
    servesTerraformContent(website, context),
  );
  if (served.length === 0) return;
  const targets = [bucket, ...companions(context, bucket, TF_WEBSITE, 'bucket', 'bucket')];
  if (terraformFronted(targets, context) !== false) return;
  const key = bucket.properties === undefined ? undefined : entryOf(bucket.properties, 'website')?.key;
  for (const website of served)
    context.report({ node: key ?? bucket.anchor, via: website.via, messageId: 'servedDirectly' });
}

/**
 * Terraform, AWS provider 4 and later: an `aws_s3_bucket_website_configuration` is the website; the bucket it
 * configures (by reference, or by the same literal name) is named as a related location.
 */
function checkTerraformWebsite(website: Resource, context: RuleContext<MessageId>): void {
  const configuration = attributes(website, context.values);
  if (!configuration.some((outcome) => servesTerraformContent(outcome, context))) return;
  const buckets = configuredBuckets(website, context);
  if (terraformFronted([website, ...buckets], context) !== false) return;
  const related = buckets.map((bucket) => ({
    node: bucket.idNode,
    message: `Bucket ${bucket.id}, which this website configuration serves`,
  }));
  context.report({ node: website.anchor, related, messageId: 'servedDirectly' });
}

/** The configuration's buckets a website configuration names: by reference, or by the bucket's literal name. */
function configuredBuckets(website: Resource, context: RuleContext<MessageId>): Resource[] {
  const template = context.template;
  const found = new Set<Resource>();
  for (const reference of template.references.from(website.id)) {
    const bucket = reference.path[0] === 'bucket' ? template.resource(reference.to) : undefined;
    if (bucket?.type === 'aws_s3_bucket') found.add(bucket);
  }
  // Buckets by literal name, indexed once per lint so many website configurations stay linear.
  const byName = context.memo('firewall/s3-website-public:buckets-by-name', () => {
    const index = new Map<string, Resource[]>();
    for (const bucket of template.resources) {
      if (bucket.type !== 'aws_s3_bucket') continue;
      for (const name of literalNames(bucket, context)) {
        const buckets = index.get(name);
        if (buckets === undefined) index.set(name, [bucket]);
        else buckets.push(bucket);
      }
    }
    return index;
  });
  for (const name of literalNames(website, context)) for (const bucket of byName.get(name) ?? []) found.add(bucket);
  return [...found];
}

/** The literal values of a resource's `bucket` attribute, lower-cased as S3 bucket names are. */
function literalNames(resource: Resource, context: RuleContext<MessageId>): string[] {
  const values = context.values;
  return flatMap(values.lookup(attributes(resource, values), 'bucket'), (name) => stringOf(name)?.toLowerCase() ?? []);
}

/** As servesContent: only `redirect_all_requests_to` (a string in provider 3, a block since) serves no object. */
function servesTerraformContent(website: Outcome, context: RuleContext<MessageId>): boolean {
  if (website.kind !== 'map') return false;
  return blocks(context.values, [website], 'redirect_all_requests_to').every(
    (redirect) => redirect.kind === 'absent' || (redirect.kind === 'scalar' && redirect.value === ''),
  );
}

/**
 * As frontedByCloudFront: a distribution refers to the bucket or its website configuration, or an origin's
 * `domain_name` starts with a literal bucket name and a dot; unknown when an origin cannot be read or modules may
 * hold a distribution.
 */
function terraformFronted(targets: readonly Resource[], context: RuleContext<MessageId>): boolean | 'unknown' {
  const template = context.template;
  const ids = new Set(targets.map((target) => target.id));
  for (const id of ids)
    if (template.references.to(id).some((reference) => reference.from.type === TF_DISTRIBUTION)) return true;
  if (template.hasHiddenResources()) return 'unknown';
  const names = flatMap(targets, (target) => literalNames(target, context));
  // Every distribution's origins, read once per lint: a scan of them per bucket is quadratic.
  const origins = terraformOrigins(context);
  if ([...ids].some((id) => origins.referred.has(id))) return true;
  if (names.some((name) => startsWithName(origins, name))) return true;
  return origins.unknown ? 'unknown' : false;
}
