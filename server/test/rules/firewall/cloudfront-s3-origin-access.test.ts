import * as assert from 'node:assert/strict';
import { isS3RestDomain, isS3WebsiteDomain } from '../../../src/rules/cloudfront';
import { cloudfrontS3OriginAccess } from '../../../src/rules/firewall/cloudfront-s3-origin-access';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

const NO_ACCESS = (origin: string): string =>
  `S3 origin ${origin} has neither OriginAccessControlId nor an OriginAccessIdentity, so CloudFront reads the ` +
  'bucket anonymously: the bucket must be public, and anyone can bypass the distribution (its WAF, caching, ' +
  'TLS policy and geo restrictions) by calling S3 directly.';

const CFN_NAMES = { control: 'OriginAccessControlId', identity: 'OriginAccessIdentity' };

/** A bucket and a distribution with one origin, given as block YAML lines of the origin item. */
const withOrigin = (origin: string, header = ''): string =>
  `${header}Resources:
  Site:
    Type: AWS::S3::Bucket
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior: { TargetOriginId: site, ViewerProtocolPolicy: https-only }
        Origins:
          - Id: site
${origin.replace(/^/gm, '            ')}
`;

describe('S3 endpoint domains', () => {
  it('recognises REST endpoints and tells website endpoints apart', () => {
    for (const rest of [
      'b.s3.amazonaws.com',
      'b.s3.eu-west-1.amazonaws.com',
      'b.s3-us-west-2.amazonaws.com',
      'b.s3.cn-north-1.amazonaws.com.cn',
    ])
      assert.ok(isS3RestDomain(rest), rest);
    for (const website of ['b.s3-website-us-east-1.amazonaws.com', 'b.s3-website.eu-west-1.amazonaws.com']) {
      assert.ok(!isS3RestDomain(website), website);
      assert.ok(isS3WebsiteDomain(website), website);
    }
    assert.ok(!isS3RestDomain('example.com'));
    assert.ok(!isS3RestDomain('s3.example.com'));
  });
});

const TF_NAMES = { control: 'origin_access_control_id', identity: 'origin_access_identity' };
/** A bucket and a Terraform distribution with one origin holding these members. */
const tfOrigin = (origin: string, ...others: string[]): string =>
  tfJson([
    '"aws_s3_bucket": { "site": { "bucket": "site" } }',
    `"aws_cloudfront_distribution": { "cdn": { "enabled": true, "origin": { "origin_id": "site", ${origin} } } }`,
    ...others,
  ]);
const TF_BUCKET_DOMAIN = '"domain_name": "${aws_s3_bucket.site.bucket_regional_domain_name}"';
/** A plan of a distribution whose one origin reads the bucket's domain, known only after apply. */
const planOrigin = (
  origin: Record<string, unknown>,
  references: Record<string, string[]> = {},
  unknown: Record<string, boolean> = {},
): string =>
  planJson([
    { address: 'aws_s3_bucket.site', values: { bucket: 'site' } },
    {
      address: 'aws_cloudfront_distribution.cdn',
      values: { enabled: true, origin: [{ origin_id: 'site', ...origin }] },
      unknown: { origin: [{ domain_name: true, ...unknown }] },
      references: { 'origin.domain_name': ['aws_s3_bucket.site.bucket_regional_domain_name'], ...references },
    },
  ]);

new RuleTester().run(cloudfrontS3OriginAccess, {
  valid: [
    {
      name: 'Terraform: origin access control',
      tf: tfOrigin(
        `${TF_BUCKET_DOMAIN}, "origin_access_control_id": "\${aws_cloudfront_origin_access_control.site.id}", "s3_origin_config": { "origin_access_identity": "" }`,
      ),
    },
    {
      name: 'Terraform: a custom origin is not an S3 origin',
      tf: tfOrigin(
        '"domain_name": "api.example.com", "custom_origin_config": { "http_port": 80, "https_port": 443, "origin_protocol_policy": "https-only", "origin_ssl_protocols": ["TLSv1.2"] }',
      ),
    },
    {
      name: 'Terraform: a domain from a variable without default is unknown',
      tf: tfOrigin('"domain_name": "${var.origin_domain}", "s3_origin_config": {}'),
    },
    {
      name: 'plan: an origin access control known only after apply',
      plan: planOrigin(
        { s3_origin_config: [{ origin_access_identity: '' }] },
        { 'origin.origin_access_control_id': ['aws_cloudfront_origin_access_control.site.id'] },
        { origin_access_control_id: true },
      ),
    },
    {
      name: 'origin access control',
      yaml: withOrigin(
        'DomainName: !GetAtt Site.RegionalDomainName\nOriginAccessControlId: !Ref Oac\nS3OriginConfig:\n  OriginAccessIdentity: ""',
      ),
    },
    {
      name: 'a custom origin is not an S3 origin',
      yaml: withOrigin('DomainName: api.example.com\nCustomOriginConfig: { OriginProtocolPolicy: https-only }'),
    },
    {
      name: 'an origin domain from a parameter is unknown',
      yaml: withOrigin(
        'DomainName: !Ref OriginDomain\nS3OriginConfig: {}',
        'Parameters:\n  OriginDomain:\n    Type: String\n',
      ),
    },
    {
      name: 'an identity from a parameter is unknown',
      yaml: withOrigin(
        'DomainName: !GetAtt Site.DomainName\nS3OriginConfig:\n  OriginAccessIdentity: !Ref Oai',
        'Parameters:\n  Oai:\n    Type: String\n',
      ),
    },
    {
      name: 'a control id from a parameter is unknown',
      yaml: withOrigin(
        'DomainName: !GetAtt Site.DomainName\nOriginAccessControlId: !Ref Oac\nS3OriginConfig: {}',
        'Parameters:\n  Oac:\n    Type: String\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: a bucket domain attribute with an empty identity',
      tf: tfOrigin(`${TF_BUCKET_DOMAIN}, "s3_origin_config": { "origin_access_identity": "" }`),
      errors: [
        {
          messageId: 'noAccessControl',
          message: NO_ACCESS('site')
            .replace('OriginAccessControlId', 'origin_access_control_id')
            .replace('OriginAccessIdentity', 'origin_access_identity'),
          data: { origin: 'site', ...TF_NAMES },
          text: '"s3_origin_config"',
        },
      ],
    },
    {
      name: 'Terraform: a bucket endpoint written with an interpolation, and a legacy identity',
      tf: tfOrigin(
        '"domain_name": "${aws_s3_bucket.site.id}.s3.amazonaws.com", "s3_origin_config": { "origin_access_identity": "${aws_cloudfront_origin_access_identity.site.cloudfront_access_identity_path}" }',
        '"aws_cloudfront_origin_access_identity": { "site": { "comment": "site" } }',
      ),
      errors: [
        {
          messageId: 'legacyIdentity',
          text: '"${aws_cloudfront_origin_access_identity.site.cloudfront_access_identity_path}"',
        },
      ],
    },
    {
      name: 'plan: the configuration names the bucket; an empty identity and no control',
      plan: planOrigin({ origin_access_control_id: '', s3_origin_config: [{ origin_access_identity: '' }] }),
      // A plan writes nested blocks as arrays: the finding underlines the block.
      errors: [
        {
          messageId: 'noAccessControl',
          data: { origin: 'site', ...TF_NAMES },
          text: '{\n                    "origin_access_identity": ""\n                  }',
        },
      ],
    },
    {
      name: 'YAML block: a bucket domain attribute with an empty identity',
      yaml: withOrigin('DomainName: !GetAtt Site.RegionalDomainName\nS3OriginConfig:\n  OriginAccessIdentity: ""'),
      errors: [
        { messageId: 'noAccessControl', message: NO_ACCESS('site'), underline: 'S3OriginConfig:\n~~~~~~~~~~~~~~' },
      ],
    },
    {
      name: 'YAML flow: a written S3 endpoint with an empty S3OriginConfig',
      yaml: resourcesYaml(`
        Cdn:
          Type: AWS::CloudFront::Distribution
          Properties:
            DistributionConfig:
              Enabled: true
              Origins:
                - { Id: site, DomainName: assets.s3.eu-west-1.amazonaws.com, S3OriginConfig: {} }
      `),
      errors: [{ messageId: 'noAccessControl', data: { origin: 'site', ...CFN_NAMES }, text: 'S3OriginConfig' }],
    },
    {
      name: 'a !Sub of the bucket with the S3 suffix written out; an empty control id is not set',
      yaml: withOrigin("DomainName: !Sub '${Site}.s3.amazonaws.com'\nOriginAccessControlId: ''\nS3OriginConfig: {}"),
      errors: [{ messageId: 'noAccessControl', text: 'S3OriginConfig' }],
    },
    {
      name: 'a legacy origin access identity',
      yaml: withOrigin(
        "DomainName: !GetAtt Site.DomainName\nS3OriginConfig:\n  OriginAccessIdentity: !Sub 'origin-access-identity/cloudfront/${Oai}'",
        '',
      ).replace(
        'Resources:\n',
        'Resources:\n  Oai:\n    Type: AWS::CloudFront::CloudFrontOriginAccessIdentity\n    Properties:\n      CloudFrontOriginAccessIdentityConfig: { Comment: site }\n',
      ),
      errors: [
        {
          messageId: 'legacyIdentity',
          message:
            'S3 origin site uses a legacy origin access identity (OAI); AWS recommends origin access control (OAC) ' +
            'since 2022, which also signs requests for SSE-KMS objects, PUT/DELETE and every Region.',
          text: "!Sub 'origin-access-identity/cloudfront/${Oai}'",
        },
      ],
    },
    {
      name: 'JSON: a flow-style origin list',
      json: `
        {
          "Resources": {
            "Cdn": {
              "Type": "AWS::CloudFront::Distribution",
              "Properties": { "DistributionConfig": { "Enabled": true, "Origins": [
                { "Id": "a", "DomainName": "assets.s3.amazonaws.com", "S3OriginConfig": { "OriginAccessIdentity": "" } }
              ] } }
            }
          }
        }
      `,
      errors: [{ messageId: 'noAccessControl', data: { origin: 'a', ...CFN_NAMES }, text: '"S3OriginConfig"' }],
    },
    {
      name: 'only on the branch without access control',
      yaml: withOrigin(
        'DomainName: !GetAtt Site.DomainName\nOriginAccessControlId: !If [Secure, !Ref Oac, !Ref AWS::NoValue]\nS3OriginConfig: {}',
        'Parameters:\n  Env:\n    Type: String\n  Oac:\n    Type: String\nConditions:\n  Secure: !Equals [!Ref Env, prod]\n',
      ),
      errors: [
        {
          messageId: 'noAccessControl',
          message: `${NO_ACCESS('site').slice(0, -1)} (when condition Secure is false).`,
          text: 'S3OriginConfig',
        },
      ],
    },
  ],
});
