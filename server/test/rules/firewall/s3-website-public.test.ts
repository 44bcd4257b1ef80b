import { s3WebsitePublic } from '../../../src/rules/firewall/s3-website-public';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { plan, tf } from './terraform-text';

const MESSAGE =
  'The bucket hosts a website, and no CloudFront distribution in this template uses it as an origin: the S3 ' +
  'website endpoint serves plain HTTP only and needs public read access, so viewers reach it without TLS, ' +
  'WAF, rate limiting or DDoS absorption.';

const SITE = `
  Site:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: www.example.com
      WebsiteConfiguration:
        IndexDocument: index.html
        ErrorDocument: error.html
`;

/** The website bucket and a distribution whose one origin has `domain` as its DomainName. */
const frontedBy = (domain: string, header = ''): string =>
  `${header}Resources:${SITE}  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior: { TargetOriginId: site, ViewerProtocolPolicy: redirect-to-https }
        Origins:
          - Id: site
            DomainName: ${domain}
            CustomOriginConfig: { OriginProtocolPolicy: http-only }
`;

const TF_BUCKET = '"aws_s3_bucket": { "site": { "bucket": "www.example.com" } }';
const TF_WEBSITE = (bucket: string): string =>
  `"aws_s3_bucket_website_configuration": { "site": { "bucket": "${bucket}", "index_document": { "suffix": "index.html" } } }`;
const BY_REFERENCE = TF_WEBSITE('${aws_s3_bucket.site.id}');
/** A distribution whose one origin has `domain` as its domain_name. */
const TF_CDN = (domain: string): string =>
  `"aws_cloudfront_distribution": { "cdn": { "enabled": true, "origin": { "origin_id": "site", "domain_name": "${domain}" } } }`;
const TF_RELATED = [
  { message: 'Bucket aws_s3_bucket.site, which this website configuration serves', text: '"site"', line: 3 },
];

new RuleTester().run(s3WebsitePublic, {
  valid: [
    { name: 'Terraform: a bucket without a website', tf: tf([TF_BUCKET]) },
    {
      name: 'Terraform: redirect-only websites, inline (provider 3) and as a resource',
      tf: tf([
        '"aws_s3_bucket": { "apex": { "website": { "redirect_all_requests_to": "https://www.example.com" } } }',
        '"aws_s3_bucket_website_configuration": { "apex": { "bucket": "${aws_s3_bucket.apex.id}", "redirect_all_requests_to": { "host_name": "www.example.com", "protocol": "https" } } }',
      ]),
    },
    {
      name: "Terraform: fronted through the configuration's website endpoint",
      tf: tf([TF_BUCKET, BY_REFERENCE, TF_CDN('${aws_s3_bucket_website_configuration.site.website_endpoint}')]),
    },
    {
      name: "Terraform: fronted through the bucket's regional domain",
      tf: tf([TF_BUCKET, BY_REFERENCE, TF_CDN('${aws_s3_bucket.site.bucket_regional_domain_name}')]),
    },
    {
      name: 'Terraform: fronted by the literal bucket name',
      tf: tf([TF_WEBSITE('www.example.com'), TF_CDN('www.example.com.s3-website-us-east-1.amazonaws.com')]),
    },
    {
      name: 'Terraform: an origin from a variable without default may front it',
      tf: tf([TF_BUCKET, BY_REFERENCE, TF_CDN('${var.origin}')], '  "variable": { "origin": {} },\n'),
    },
    {
      name: 'Terraform: a module may hold the distribution',
      tf: tf([TF_BUCKET, BY_REFERENCE], '  "module": { "cdn": { "source": "./cdn" } },\n'),
    },
    {
      name: 'plan: the distribution refers to the bucket in the configuration',
      plan: plan([
        { address: 'aws_s3_bucket.site', values: { bucket: 'www.example.com', website: [] } },
        {
          address: 'aws_s3_bucket_website_configuration.site',
          values: { index_document: [{ suffix: 'index.html' }], redirect_all_requests_to: [] },
          unknown: { bucket: true },
          references: { bucket: ['aws_s3_bucket.site'] },
        },
        {
          address: 'aws_cloudfront_distribution.cdn',
          values: { enabled: true, origin: [{ origin_id: 'site' }] },
          unknown: { origin: [{ domain_name: true }] },
          references: { origin: ['aws_s3_bucket.site'] },
        },
      ]),
    },
    { name: 'a bucket without a website', yaml: resourcesYaml('Data:\n  Type: AWS::S3::Bucket') },
    {
      name: 'a redirect-only bucket serves no content',
      yaml: resourcesYaml(`
        Apex:
          Type: AWS::S3::Bucket
          Properties:
            WebsiteConfiguration:
              RedirectAllRequestsTo: { HostName: www.example.com, Protocol: https }
      `),
    },
    {
      name: 'fronted through the website URL',
      yaml: frontedBy("!Select [2, !Split ['/', !GetAtt Site.WebsiteURL]]"),
    },
    { name: 'fronted through the regional domain', yaml: frontedBy('!GetAtt Site.RegionalDomainName') },
    {
      name: 'fronted through a !Sub of the bucket',
      yaml: frontedBy("!Sub '${Site}.s3-website-${AWS::Region}.amazonaws.com'"),
    },
    {
      name: 'fronted by the literal bucket name',
      yaml: frontedBy('www.example.com.s3-website-us-east-1.amazonaws.com'),
    },
    {
      name: 'a distribution whose origin comes from a parameter may front it',
      yaml: frontedBy('!Ref OriginDomain', 'Parameters:\n  OriginDomain:\n    Type: String\n'),
    },
  ],
  invalid: [
    {
      name: 'Terraform: a website configuration and no distribution; the bucket is related',
      tf: tf([TF_BUCKET, BY_REFERENCE]),
      errors: [{ messageId: 'servedDirectly', message: MESSAGE, text: '"site"', line: 4, related: TF_RELATED }],
    },
    {
      name: 'Terraform: the same literal bucket name, and a distribution that fronts something else',
      tf: tf([TF_BUCKET, TF_WEBSITE('www.example.com'), TF_CDN('api.example.com')]),
      errors: [{ messageId: 'servedDirectly', text: '"site"', line: 4, related: TF_RELATED }],
    },
    {
      name: "Terraform: provider 3's inline website block",
      tf: tf(['"aws_s3_bucket": { "site": { "website": { "index_document": "index.html" } } }']),
      errors: [{ messageId: 'servedDirectly', text: '"website"' }],
    },
    {
      name: 'plan: a website configuration and no distribution',
      plan: plan([
        {
          address: 'aws_s3_bucket_website_configuration.site',
          values: {
            bucket: 'www.example.com',
            index_document: [{ suffix: 'index.html' }],
            redirect_all_requests_to: [],
          },
        },
      ]),
      errors: [{ messageId: 'servedDirectly', text: '"values"' }],
    },
    {
      name: 'YAML block: a website bucket and no distribution',
      yaml: `Resources:${SITE}`,
      errors: [
        { messageId: 'servedDirectly', message: MESSAGE, underline: 'WebsiteConfiguration:\n~~~~~~~~~~~~~~~~~~~~' },
      ],
    },
    {
      name: 'YAML flow: a distribution that fronts something else',
      yaml: frontedBy('api.example.com').replace(
        /WebsiteConfiguration:\n.*\n.*\n/,
        'WebsiteConfiguration: { IndexDocument: index.html }\n',
      ),
      errors: [{ messageId: 'servedDirectly', text: 'WebsiteConfiguration' }],
    },
    {
      name: 'JSON: routing rules without RedirectAllRequestsTo still serve content',
      json: `
        {
          "Resources": {
            "Site": {
              "Type": "AWS::S3::Bucket",
              "Properties": { "WebsiteConfiguration": { "IndexDocument": "index.html", "RoutingRules": [
                { "RedirectRule": { "HostName": "example.com" }, "RoutingRuleCondition": { "KeyPrefixEquals": "old/" } }
              ] } }
            }
          }
        }
      `,
      errors: [{ messageId: 'servedDirectly', text: '"WebsiteConfiguration"' }],
    },
    {
      name: 'a website only on one branch',
      yaml: resourcesYaml(`
        Site:
          Type: AWS::S3::Bucket
          Properties:
            WebsiteConfiguration: !If [Public, { IndexDocument: index.html }, !Ref AWS::NoValue]
      `).replace(
        'Resources:',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Public: !Equals [!Ref Env, demo]\nResources:',
      ),
      errors: [
        {
          messageId: 'servedDirectly',
          message: `${MESSAGE.slice(0, -1)} (when condition Public is true).`,
          text: 'WebsiteConfiguration',
        },
      ],
    },
  ],
});
