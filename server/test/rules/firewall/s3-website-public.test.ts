import { s3WebsitePublic } from '../../../src/rules/firewall/s3-website-public';
import { RuleTester, resourcesYaml } from '../../rule-tester';

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

new RuleTester().run(s3WebsitePublic, {
  valid: [
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
