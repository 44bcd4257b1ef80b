import { cloudfrontViewerHttps } from '../../../src/rules/firewall/cloudfront-viewer-https';
import { RuleTester, resourcesYaml } from '../../rule-tester';

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

new RuleTester().run(cloudfrontViewerHttps, {
  valid: [
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
