import { cloudfrontViewerHttps } from '../../../src/rules/firewall/cloudfront-viewer-https';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

const MESSAGE = (behavior: string): string =>
  `ViewerProtocolPolicy allow-all lets viewers use plain HTTP for ${behavior}: CloudFront answers http:// ` +
  'requests without redirecting them, so requests, cookies and responses can cross the network unencrypted.';

/** A distribution with a default behaviour using `policy`, and optional extra config lines (block YAML). */
const distribution = (policy: string, extra = ''): string =>
  resourcesYaml(`
    Cdn:
      Type: AWS::CloudFront::Distribution
      Properties:
        DistributionConfig:
          Enabled: true
          Origins:
            - Id: site
              DomainName: example.com
              CustomOriginConfig: { OriginProtocolPolicy: https-only }
          DefaultCacheBehavior:
            TargetOriginId: site
            ViewerProtocolPolicy: ${policy}
            CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
  `) + extra;

const ENV = 'Parameters:\n  Env:\n    Type: String\n';

/** A Terraform distribution whose default cache behaviour uses `policy`, with extra members. */
const tfCdn = (policy: string, extra = ''): string =>
  tfJson([
    `"aws_cloudfront_distribution": { "cdn": { "enabled": true, "default_cache_behavior": { "target_origin_id": "site", "viewer_protocol_policy": "${policy}" }${extra} } }`,
  ]);
const TF_MESSAGE = (behavior: string): string =>
  MESSAGE(behavior).replace('ViewerProtocolPolicy', 'viewer_protocol_policy');

new RuleTester().run(cloudfrontViewerHttps, {
  valid: [
    {
      name: 'Terraform: redirect-to-https, and https-only on a path',
      tf: tfCdn(
        'redirect-to-https',
        ', "ordered_cache_behavior": { "path_pattern": "/api/*", "target_origin_id": "site", "viewer_protocol_policy": "https-only" }',
      ),
    },
    { name: 'Terraform: a variable without default is unknown', tf: tfCdn('${var.viewer_protocol_policy}') },
    { name: 'redirect-to-https', yaml: distribution('redirect-to-https') },
    { name: 'https-only', yaml: distribution('https-only') },
    {
      name: 'a parameter without default is unknown',
      yaml: `Parameters:\n  Policy:\n    Type: String\n${distribution('!Ref Policy')}`,
    },
    {
      name: 'an imported distribution config is unknown',
      yaml: resourcesYaml(`
        Cdn:
          Type: AWS::CloudFront::Distribution
          Properties:
            DistributionConfig: !ImportValue shared-config
      `),
    },
  ],
  invalid: [
    {
      name: 'Terraform: allow-all on the default behaviour',
      tf: tfCdn('allow-all'),
      errors: [
        {
          messageId: 'allowAll',
          message: TF_MESSAGE('the default cache behaviour'),
          data: { behavior: 'the default cache behaviour', setting: 'viewer_protocol_policy' },
          text: '"allow-all"',
        },
      ],
      output: tfCdn('redirect-to-https'),
    },
    {
      name: 'Terraform: allow-all on an ordered cache behaviour names its path',
      tf: tfCdn(
        'https-only',
        ', "ordered_cache_behavior": [ { "path_pattern": "/img/*", "target_origin_id": "site", "viewer_protocol_policy": "allow-all" } ]',
      ),
      errors: [{ messageId: 'allowAll', message: TF_MESSAGE('path /img/*'), text: '"allow-all"' }],
      output: tfCdn(
        'https-only',
        ', "ordered_cache_behavior": [ { "path_pattern": "/img/*", "target_origin_id": "site", "viewer_protocol_policy": "redirect-to-https" } ]',
      ),
    },
    {
      name: 'plan: allow-all on the default behaviour; no fix',
      plan: planJson([
        {
          address: 'aws_cloudfront_distribution.cdn',
          values: {
            enabled: true,
            default_cache_behavior: [{ target_origin_id: 'site', viewer_protocol_policy: 'allow-all' }],
            ordered_cache_behavior: [],
          },
        },
      ]),
      errors: [
        {
          messageId: 'allowAll',
          message: `${TF_MESSAGE('the default cache behaviour').slice(0, -1)}. This is a plan: fix aws_cloudfront_distribution.cdn in the Terraform configuration and plan again.`,
          text: '"allow-all"',
        },
      ],
      output: null,
    },
    {
      name: 'YAML block: allow-all on the default behaviour',
      yaml: distribution('allow-all'),
      errors: [
        {
          messageId: 'allowAll',
          message: MESSAGE('the default cache behaviour'),
          underline: 'ViewerProtocolPolicy: allow-all\n                      ~~~~~~~~~',
        },
      ],
      output: distribution('redirect-to-https'),
    },
    {
      name: 'YAML flow: allow-all on a cache behaviour names its path',
      yaml: resourcesYaml(`
        Cdn:
          Type: AWS::CloudFront::Distribution
          Properties:
            DistributionConfig:
              Enabled: true
              DefaultCacheBehavior: { TargetOriginId: site, ViewerProtocolPolicy: https-only }
              CacheBehaviors:
                - { PathPattern: /api/*, TargetOriginId: site, ViewerProtocolPolicy: allow-all }
      `),
      errors: [{ messageId: 'allowAll', message: MESSAGE('path /api/*'), text: 'allow-all' }],
      output: resourcesYaml(`
        Cdn:
          Type: AWS::CloudFront::Distribution
          Properties:
            DistributionConfig:
              Enabled: true
              DefaultCacheBehavior: { TargetOriginId: site, ViewerProtocolPolicy: https-only }
              CacheBehaviors:
                - { PathPattern: /api/*, TargetOriginId: site, ViewerProtocolPolicy: redirect-to-https }
      `),
    },
    {
      name: 'JSON: default and cache behaviour',
      json: `
        {
          "Resources": {
            "Cdn": {
              "Type": "AWS::CloudFront::Distribution",
              "Properties": {
                "DistributionConfig": {
                  "Enabled": true,
                  "DefaultCacheBehavior": { "TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all" },
                  "CacheBehaviors": [{ "PathPattern": "/img/*", "TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all" }]
                }
              }
            }
          }
        }
      `,
      errors: [
        { messageId: 'allowAll', message: MESSAGE('the default cache behaviour'), text: '"allow-all"', line: 8 },
        { messageId: 'allowAll', message: MESSAGE('path /img/*'), text: '"allow-all"', line: 9 },
      ],
      output: `{
  "Resources": {
    "Cdn": {
      "Type": "AWS::CloudFront::Distribution",
      "Properties": {
        "DistributionConfig": {
          "Enabled": true,
          "DefaultCacheBehavior": { "TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https" },
          "CacheBehaviors": [{ "PathPattern": "/img/*", "TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https" }]
        }
      }
    }
  }
}
`,
    },
    {
      name: 'a parameter default of allow-all is what deploys; no fix',
      yaml: `Parameters:\n  Policy:\n    Type: String\n    Default: allow-all\n${distribution('!Ref Policy')}`,
      errors: [
        {
          messageId: 'allowAll',
          message: `${MESSAGE('the default cache behaviour').slice(0, -1)} (by the default of parameter Policy).`,
          text: '!Ref Policy',
        },
      ],
      output: null,
    },
    {
      name: 'a branch of a condition; no fix',
      yaml: `${ENV}Conditions:\n  Dev: !Equals [!Ref Env, dev]\n${distribution('!If [Dev, allow-all, https-only]')}`,
      errors: [{ messageId: 'allowAll', text: 'allow-all' }],
      output: null,
    },
  ],
});
