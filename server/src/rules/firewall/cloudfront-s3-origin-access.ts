import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { getValue, type SourceNode } from '../../parsing/nodes';
import { combinations } from '../branches';
import { distributionConfigs, isS3RestDomain, listItems, subTemplate } from '../cloudfront';
import type { Rule, RuleContext } from '../types';

type MessageId = 'noAccessControl' | 'legacyIdentity';

const BUCKET_DOMAINS = ['DomainName', 'RegionalDomainName', 'DualStackDomainName'];

export const cloudfrontS3OriginAccess = {
  meta: {
    id: 'firewall/cloudfront-s3-origin-access',
    title: 'CloudFront reads S3 origins through origin access control',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      noAccessControl:
        'S3 origin {{origin}} has neither OriginAccessControlId nor an OriginAccessIdentity, so CloudFront reads the ' +
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
      'on condition that AWS:SourceArn is the distribution’s ARN; then block public access on the bucket.',
    references: [
      { tool: 'cdkNag', id: 'AwsSolutions-CFR6', match: 'equivalent', name: 'OAI or OAC on S3 origins' },
      { tool: 'cdkNag', id: 'AwsSolutions-CFR7', match: 'equivalent', name: 'OAC rather than OAI' },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::CloudFront::Distribution': checkDistribution,
    },
  },
} satisfies Rule<MessageId>;

function checkDistribution(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  for (const origin of listItems(distributionConfigs(resource, context), 'Origins', context)) {
    const lookup = (key: string): Outcome[] => values.lookup([origin], key);
    // The Id only names the origin in the message, so it does not split the branches.
    const ids = lookup('Id').map(stringOf);
    const name = ids.length === 1 && ids[0] !== undefined ? ids[0] : '(Id not known)';
    const lists = [lookup('DomainName'), lookup('OriginAccessControlId'), lookup('S3OriginConfig')];
    for (const [domain, control, s3] of combinations(lists, origin.via)) {
      if (domain === undefined || control === undefined || s3?.kind !== 'map') continue;
      if (!isS3Origin(domain, origin, context) || hasValue(control) !== false) continue;
      for (const identity of values.lookup([s3], 'OriginAccessIdentity')) {
        const has = hasValue(identity, getValue(s3.map, 'OriginAccessIdentity'));
        if (has === 'unknown') continue;
        context.report({
          node: has ? identity.node : s3.at,
          via: identity.via,
          messageId: has ? 'legacyIdentity' : 'noAccessControl',
          data: { origin: name },
        });
      }
    }
  }
}

/**
 * Whether a string property holds a non-empty value; CloudFormation treats `""` as not set. A `!Sub` with literal
 * text (`origin-access-identity/cloudfront/${Oai}`) is non-empty whatever its variables are.
 */
function hasValue(outcome: Outcome, written?: SourceNode): boolean | 'unknown' {
  if (outcome.kind === 'absent') return false;
  if (outcome.kind === 'unknown') return subTemplate(written, '')?.trim() ? true : 'unknown';
  if (outcome.kind !== 'scalar') return true;
  return outcome.value !== null && String(outcome.value).trim() !== '';
}

/**
 * Whether the origin's domain is an S3 REST endpoint: written out, a bucket's domain attribute, or a `!Sub` whose
 * literal part is an S3 endpoint. A website endpoint takes a custom origin, not S3OriginConfig, and is not one.
 */
function isS3Origin(domain: Outcome, origin: Outcome, context: RuleContext<MessageId>): boolean {
  if (domain.kind === 'resource') {
    const target = context.template.resource(domain.id);
    return target?.type === 'AWS::S3::Bucket' && BUCKET_DOMAINS.includes(domain.attribute ?? '');
  }
  const text = stringOf(domain);
  if (text !== undefined) return isS3RestDomain(text);
  if (domain.kind !== 'unknown' || origin.kind !== 'map') return false;
  const template = subTemplate(getValue(origin.map, 'DomainName'));
  return template !== undefined && isS3RestDomain(template);
}
