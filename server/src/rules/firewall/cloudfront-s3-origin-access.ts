import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { getValue, type SourceNode } from '../../parsing/nodes';
import { combinations } from '../branches';
import { distributionSettings, isS3RestDomain, subTemplate } from '../cloudfront';
import { isPlan } from '../terraform';
import { members } from '../terraform-links';
import type { Rule, RuleContext } from '../types';

type MessageId = 'noAccessControl' | 'legacyIdentity';

export const cloudfrontS3OriginAccess = {
  meta: {
    id: 'firewall/cloudfront-s3-origin-access',
    title: 'CloudFront reads S3 origins through origin access control',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      noAccessControl:
        'S3 origin {{origin}} has neither {{control}} nor an {{identity}}, so CloudFront reads the ' +
        'bucket anonymously: the bucket must be public, and anyone can bypass the distribution (its WAF, caching, ' +
        'TLS policy and geo restrictions) by calling S3 directly.',
      legacyIdentity:
        'S3 origin {{origin}} uses a legacy origin access identity (OAI); AWS recommends origin access control (OAC) ' +
        'since 2022, which also signs requests for SSE-KMS objects, PUT/DELETE and every Region.',
    },
    rationale:
      'The firewall in front of an origin is the customer’s side of the shared-responsibility model: a WAF, rate ' +
      'limits and TLS policy on a CloudFront distribution protect only what cannot be reached without it. An S3 ' +
      'origin read without origin access control forces the bucket to allow public reads, so every object is also ' +
      'served straight from S3 — to scrapers, to attackers probing for files, and around every control on the ' +
      'distribution. Origin access control lets the bucket policy admit only this distribution.',
    remediation:
      'Create an AWS::CloudFront::OriginAccessControl (OriginAccessControlOriginType: s3, SigningBehavior: always, ' +
      'SigningProtocol: sigv4), set the origin’s OriginAccessControlId to it with S3OriginConfig.OriginAccessIdentity ' +
      'empty, and give the bucket a policy that allows s3:GetObject to the cloudfront.amazonaws.com service principal ' +
      'on condition that AWS:SourceArn is the distribution’s ARN; then block public access on the bucket. In ' +
      'Terraform: an aws_cloudfront_origin_access_control, the origin’s origin_access_control_id, and an ' +
      'aws_s3_bucket_policy for the bucket.',
    references: [
      { tool: 'cdkNag', id: 'AwsSolutions-CFR6', match: 'equivalent', name: 'OAI or OAC on S3 origins' },
      { tool: 'cdkNag', id: 'AwsSolutions-CFR7', match: 'equivalent', name: 'OAC rather than OAI' },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::CloudFront::Distribution': (resource, context) => checkDistribution(resource, context, CLOUDFORMATION),
    },
    terraform: {
      aws_cloudfront_distribution: (resource, context) => checkDistribution(resource, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/** How each dialect names an origin's settings, and a bucket's domain attributes. */
interface Names {
  readonly origins: string;
  readonly id: string;
  readonly domain: string;
  readonly control: string;
  readonly s3: string;
  readonly identity: string;
  readonly bucket: string;
  readonly bucketDomains: readonly string[];
}

const CLOUDFORMATION: Names = {
  origins: 'Origins',
  id: 'Id',
  domain: 'DomainName',
  control: 'OriginAccessControlId',
  s3: 'S3OriginConfig',
  identity: 'OriginAccessIdentity',
  bucket: 'AWS::S3::Bucket',
  bucketDomains: ['DomainName', 'RegionalDomainName', 'DualStackDomainName'],
};
const TERRAFORM: Names = {
  origins: 'origin',
  id: 'origin_id',
  domain: 'domain_name',
  control: 'origin_access_control_id',
  s3: 's3_origin_config',
  identity: 'origin_access_identity',
  bucket: 'aws_s3_bucket',
  bucketDomains: ['bucket_domain_name', 'bucket_regional_domain_name'],
};

function checkDistribution(resource: Resource, context: RuleContext<MessageId>, names: Names): void {
  const values = context.values;
  const origins = members(context, distributionSettings(resource, context), names.origins).filter(
    (origin) => origin.kind === 'map',
  );
  for (const origin of origins) {
    const lookup = (key: string): Outcome[] => values.lookup([origin], key);
    // The Id only names the origin in the message, so it does not split the branches.
    const ids = lookup(names.id).map(stringOf);
    const name = ids.length === 1 && ids[0] !== undefined ? ids[0] : '(Id not known)';
    const lists = [lookup(names.domain), lookup(names.control), members(context, [origin], names.s3)];
    for (const [domain, control, s3] of combinations(lists, origin.via)) {
      if (domain === undefined || control === undefined || s3?.kind !== 'map') continue;
      // A plan's configuration names the bucket only for the distribution as a whole: trusted with one origin.
      const single = origins.length === 1 ? resource : undefined;
      if (!isS3Origin(domain, origin, context, names, single) || hasValue(control) !== false) continue;
      for (const identity of values.lookup([s3], names.identity)) {
        const has = hasValue(identity, getValue(s3.map, names.identity));
        if (has === 'unknown') continue;
        context.report({
          node: has ? identity.node : s3.at,
          via: identity.via,
          messageId: has ? 'legacyIdentity' : 'noAccessControl',
          data: { origin: name, control: names.control, identity: names.identity },
        });
      }
    }
  }
}

/**
 * Whether a string property holds a non-empty value; CloudFormation treats `""` as not set, and a Terraform plan
 * writes `""` for one left out. A `!Sub` (or a Terraform string with interpolations) with literal text
 * (`origin-access-identity/cloudfront/${Oai}`) is non-empty whatever its variables are.
 */
function hasValue(outcome: Outcome, written?: SourceNode): boolean | 'unknown' {
  if (outcome.kind === 'absent') return false;
  if (outcome.kind === 'unknown') return subTemplate(written, '')?.trim() ? true : 'unknown';
  if (outcome.kind !== 'scalar') return true;
  return outcome.value !== null && String(outcome.value).trim() !== '';
}

/**
 * Whether the origin's domain is an S3 REST endpoint: written out, a bucket's domain attribute, or a `!Sub` (a
 * string with interpolations) whose literal part is an S3 endpoint. In a plan, where a bucket's domain is known
 * only after apply, the configuration's reference to it (`distribution`, when the distribution has one origin).
 * A website endpoint takes a custom origin, not S3OriginConfig, and is not one.
 */
function isS3Origin(
  domain: Outcome,
  origin: Outcome,
  context: RuleContext<MessageId>,
  names: Names,
  distribution: Resource | undefined,
): boolean {
  if (domain.kind === 'resource') {
    const target = context.template.resource(domain.id);
    return target?.type === names.bucket && names.bucketDomains.includes(domain.attribute ?? '');
  }
  const text = stringOf(domain);
  if (text !== undefined) return isS3RestDomain(text);
  if (domain.kind !== 'unknown' || origin.kind !== 'map') return false;
  const template = subTemplate(getValue(origin.map, names.domain));
  if (template !== undefined) return isS3RestDomain(template);
  if (distribution === undefined || !isPlan(context.template)) return false;
  return context.template.references
    .from(distribution.id)
    .some(
      (reference) =>
        reference.path.join('.') === `${names.origins}.${names.domain}` &&
        names.bucketDomains.includes(reference.attribute ?? '') &&
        context.template.resource(reference.to)?.type === names.bucket,
    );
}
