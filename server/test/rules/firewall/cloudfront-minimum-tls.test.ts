import { cloudfrontMinimumTls } from '../../../src/rules/firewall/cloudfront-minimum-tls';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

const MISSING =
  'The distribution has its own certificate but no MinimumProtocolVersion, so CloudFront applies its default ' +
  'security policy TLSv1 and viewers can still connect with TLS 1.0 and TLS 1.1.';

/** A distribution whose ViewerCertificate holds `certificate`, given as block YAML lines. */
const distribution = (certificate: string, header = ''): string =>
  `${header}Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Aliases: [www.example.com]
        DefaultCacheBehavior: { TargetOriginId: site, ViewerProtocolPolicy: https-only }
        ViewerCertificate:
${certificate.replace(/^/gm, '          ')}
`;

const ACM = 'AcmCertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc\nSslSupportMethod: sni-only';

/** A Terraform distribution whose viewer_certificate holds these members. */
const tfCdn = (certificate: string): string =>
  tfJson([
    `"aws_cloudfront_distribution": { "cdn": { "enabled": true, "aliases": ["www.example.com"], "viewer_certificate": { ${certificate} } } }`,
  ]);
const TF_ACM =
  '"acm_certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc", "ssl_support_method": "sni-only"';

new RuleTester().run(cloudfrontMinimumTls, {
  valid: [
    { name: 'Terraform: TLSv1.2_2021', tf: tfCdn(`${TF_ACM}, "minimum_protocol_version": "TLSv1.2_2021"`) },
    {
      name: 'Terraform: the default certificate is out of scope',
      tf: tfCdn('"cloudfront_default_certificate": true'),
    },
    {
      name: 'plan: the default certificate, with the empty strings and the TLSv1 a plan writes',
      plan: planJson([
        {
          address: 'aws_cloudfront_distribution.cdn',
          values: {
            enabled: true,
            viewer_certificate: [
              {
                acm_certificate_arn: '',
                cloudfront_default_certificate: true,
                iam_certificate_id: '',
                minimum_protocol_version: 'TLSv1',
                ssl_support_method: '',
              },
            ],
          },
        },
      ]),
    },
    { name: 'TLSv1.2_2021', yaml: distribution(`${ACM}\nMinimumProtocolVersion: TLSv1.2_2021`) },
    { name: 'TLSv1.2_2019', yaml: distribution(`${ACM}\nMinimumProtocolVersion: TLSv1.2_2019`) },
    { name: 'TLSv1.3_2025', yaml: distribution(`${ACM}\nMinimumProtocolVersion: TLSv1.3_2025`) },
    { name: 'the default certificate is out of scope', yaml: distribution('CloudFrontDefaultCertificate: true') },
    {
      name: 'no ViewerCertificate means the default certificate',
      yaml: resourcesYaml(`
        Cdn:
          Type: AWS::CloudFront::Distribution
          Properties:
            DistributionConfig:
              Enabled: true
              DefaultCacheBehavior: { TargetOriginId: site, ViewerProtocolPolicy: https-only }
      `),
    },
    {
      name: 'a version from a parameter without default is unknown',
      yaml: distribution(`${ACM}\nMinimumProtocolVersion: !Ref Policy`, 'Parameters:\n  Policy:\n    Type: String\n'),
    },
  ],
  invalid: [
    {
      name: 'Terraform: a custom certificate without a version gets one',
      tf: tfCdn(TF_ACM),
      errors: [
        {
          messageId: 'missing',
          message: MISSING.replace('MinimumProtocolVersion', 'minimum_protocol_version'),
          data: { setting: 'minimum_protocol_version' },
          text: '"viewer_certificate"',
        },
      ],
      output: tfCdn(`${TF_ACM}, "minimum_protocol_version": "TLSv1.2_2021"`),
    },
    {
      name: 'Terraform: an IAM certificate with TLSv1_2016',
      tf: tfCdn(
        '"iam_certificate_id": "ASCAEXAMPLE", "ssl_support_method": "sni-only", "minimum_protocol_version": "TLSv1_2016"',
      ),
      errors: [
        {
          messageId: 'outdated',
          message:
            'minimum_protocol_version TLSv1_2016 is older than TLSv1.2_2019: viewers can still connect with TLS 1.0 and TLS 1.1.',
          text: '"TLSv1_2016"',
        },
      ],
      output: tfCdn(
        '"iam_certificate_id": "ASCAEXAMPLE", "ssl_support_method": "sni-only", "minimum_protocol_version": "TLSv1.2_2021"',
      ),
    },
    {
      name: 'plan: the provider writes its default, TLSv1; no fix',
      plan: planJson([
        {
          address: 'aws_cloudfront_distribution.cdn',
          values: {
            enabled: true,
            viewer_certificate: [
              {
                acm_certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
                cloudfront_default_certificate: false,
                iam_certificate_id: '',
                minimum_protocol_version: 'TLSv1',
                ssl_support_method: 'sni-only',
              },
            ],
          },
        },
      ]),
      errors: [
        {
          messageId: 'outdated',
          data: { version: 'TLSv1', weakness: 'TLS 1.0 and TLS 1.1', setting: 'minimum_protocol_version' },
          text: '"TLSv1"',
        },
      ],
      output: null,
    },
    {
      name: 'YAML block: a custom certificate without a version gets one',
      yaml: distribution(ACM),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'ViewerCertificate:\n~~~~~~~~~~~~~~~~~' }],
      output: distribution(`${ACM}\nMinimumProtocolVersion: TLSv1.2_2021`),
    },
    {
      name: 'YAML block: an IAM certificate with TLSv1',
      yaml: distribution('IamCertificateId: ASCAEXAMPLE\nSslSupportMethod: sni-only\nMinimumProtocolVersion: TLSv1'),
      errors: [
        {
          messageId: 'outdated',
          message:
            'MinimumProtocolVersion TLSv1 is older than TLSv1.2_2019: viewers can still connect with TLS 1.0 and TLS 1.1.',
          text: 'TLSv1',
        },
      ],
      output: distribution(
        'IamCertificateId: ASCAEXAMPLE\nSslSupportMethod: sni-only\nMinimumProtocolVersion: TLSv1.2_2021',
      ),
    },
    {
      name: 'YAML flow: TLSv1.2_2018 lacks forward secrecy',
      yaml: resourcesYaml(`
        Cdn:
          Type: AWS::CloudFront::Distribution
          Properties:
            DistributionConfig:
              Enabled: true
              ViewerCertificate: { AcmCertificateArn: !Ref Cert, SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2018 }
      `),
      errors: [
        {
          messageId: 'outdated',
          data: {
            version: 'TLSv1.2_2018',
            weakness: 'TLS 1.2 cipher suites without forward secrecy',
            setting: 'MinimumProtocolVersion',
          },
          text: 'TLSv1.2_2018',
        },
      ],
      output: resourcesYaml(`
        Cdn:
          Type: AWS::CloudFront::Distribution
          Properties:
            DistributionConfig:
              Enabled: true
              ViewerCertificate: { AcmCertificateArn: !Ref Cert, SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2021 }
      `),
    },
    {
      name: 'YAML flow: a missing version is added to the flow map',
      yaml: resourcesYaml(`
        Cdn:
          Type: AWS::CloudFront::Distribution
          Properties:
            DistributionConfig:
              Enabled: true
              ViewerCertificate: { AcmCertificateArn: !Ref Cert, SslSupportMethod: sni-only }
      `),
      errors: [{ messageId: 'missing', text: 'ViewerCertificate' }],
      output: resourcesYaml(`
        Cdn:
          Type: AWS::CloudFront::Distribution
          Properties:
            DistributionConfig:
              Enabled: true
              ViewerCertificate: { AcmCertificateArn: !Ref Cert, SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2021 }
      `),
    },
    {
      name: 'JSON: missing and outdated',
      json: `
        {
          "Resources": {
            "A": {
              "Type": "AWS::CloudFront::Distribution",
              "Properties": { "DistributionConfig": { "Enabled": true, "ViewerCertificate": { "AcmCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/a", "SslSupportMethod": "sni-only" } } }
            },
            "B": {
              "Type": "AWS::CloudFront::Distribution",
              "Properties": { "DistributionConfig": { "Enabled": true, "ViewerCertificate": { "AcmCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/b", "SslSupportMethod": "vip", "MinimumProtocolVersion": "SSLv3" } } }
            }
          }
        }
      `,
      errors: [
        { messageId: 'missing', text: '"ViewerCertificate"', line: 5 },
        {
          messageId: 'outdated',
          data: { version: 'SSLv3', weakness: 'SSLv3, TLS 1.0 and TLS 1.1', setting: 'MinimumProtocolVersion' },
          text: '"SSLv3"',
          line: 9,
        },
      ],
      output: `{
  "Resources": {
    "A": {
      "Type": "AWS::CloudFront::Distribution",
      "Properties": { "DistributionConfig": { "Enabled": true, "ViewerCertificate": { "AcmCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/a", "SslSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021" } } }
    },
    "B": {
      "Type": "AWS::CloudFront::Distribution",
      "Properties": { "DistributionConfig": { "Enabled": true, "ViewerCertificate": { "AcmCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/b", "SslSupportMethod": "vip", "MinimumProtocolVersion": "TLSv1.2_2021" } } }
    }
  }
}
`,
    },
    {
      name: 'a parameter default of TLSv1 is what deploys; no fix',
      yaml: distribution(
        `${ACM}\nMinimumProtocolVersion: !Ref Policy`,
        'Parameters:\n  Policy:\n    Type: String\n    Default: TLSv1\n',
      ),
      errors: [{ messageId: 'outdated', text: '!Ref Policy' }],
      output: null,
    },
    {
      name: 'a certificate only on one branch is reported on that branch; no fix',
      yaml: distribution(
        'AcmCertificateArn: !If [Prod, arn:aws:acm:us-east-1:123456789012:certificate/p, !Ref AWS::NoValue]\n' +
          'CloudFrontDefaultCertificate: !If [Prod, !Ref AWS::NoValue, true]',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n',
      ),
      errors: [
        {
          messageId: 'missing',
          message: `${MISSING.slice(0, -1)} (when condition Prod is true).`,
          text: 'ViewerCertificate',
        },
      ],
      output: null,
    },
  ],
});
