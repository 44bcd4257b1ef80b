import { s3AccessLogging } from '../../../src/rules/responsibility/s3-access-logging';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const missing =
  'LoggingConfiguration is not set, and S3 records no server access logs unless asked, so who read, wrote or ' +
  'deleted which object in this bucket cannot be reconstructed after an incident.';

const LOGS = 'Logs:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketName: acme-logs\n';

const TF_MISSING = missing.replace(
  'LoggingConfiguration',
  'Server access logging (an aws_s3_bucket_logging for this bucket)',
);

/** A `.tf.json` configuration with these `resource` types; `head` goes before them. */
const tf = (resources: string, head = ''): string => `{\n${head}  "resource": {\n${resources}\n  }\n}\n`;
const DATA = '    "aws_s3_bucket": { "data": { "bucket": "acme-data" } }';
const TWO = '    "aws_s3_bucket": { "data": { "bucket": "acme-data" }, "logs": { "bucket": "acme-logs" } }';
const LOGGING = (target: string): string =>
  `    "aws_s3_bucket_logging": { "data": { "bucket": "\${aws_s3_bucket.data.id}", "target_bucket": "${target}", "target_prefix": "data/" } }`;

/** A plan: two buckets, the data bucket logging into the other through the configuration's references. */
const plan = (withLogging: boolean): string => `{
  "format_version": "1.2",
  "planned_values": { "root_module": { "resources": [
    { "address": "aws_s3_bucket.data", "mode": "managed", "type": "aws_s3_bucket", "name": "data", "values": { "bucket": "acme-data" } },
    { "address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs", "values": { "bucket": "acme-logs" } }${
      withLogging
        ? `,
    { "address": "aws_s3_bucket_logging.data", "mode": "managed", "type": "aws_s3_bucket_logging", "name": "data", "values": { "target_prefix": "data/" } }`
        : ''
    }
  ] } },
  "resource_changes": [
    { "address": "aws_s3_bucket.data", "change": { "actions": ["create"], "after": {}, "after_unknown": { "acl": true, "logging": true } } },
    { "address": "aws_s3_bucket.logs", "change": { "actions": ["create"], "after": {}, "after_unknown": { "acl": true, "logging": true } } }
  ],
  "configuration": { "root_module": { "resources": [
    { "address": "aws_s3_bucket.data", "type": "aws_s3_bucket", "name": "data", "expressions": { "bucket": { "constant_value": "acme-data" } } },
    { "address": "aws_s3_bucket.logs", "type": "aws_s3_bucket", "name": "logs", "expressions": { "bucket": { "constant_value": "acme-logs" } } }${
      withLogging
        ? `,
    { "address": "aws_s3_bucket_logging.data", "type": "aws_s3_bucket_logging", "name": "data", "expressions": {
      "bucket": { "references": ["aws_s3_bucket.data.id", "aws_s3_bucket.data"] },
      "target_bucket": { "references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"] } } }`
        : ''
    }
  ] } }
}
`;

new RuleTester().run(s3AccessLogging, {
  valid: [
    {
      name: 'Terraform: a logging resource into a bucket of the configuration, which is exempt as a destination',
      tf: tf(`${TWO},\n${LOGGING('${aws_s3_bucket.logs.id}')}`),
    },
    {
      name: 'Terraform: the provider-3 inline block, into a bucket named literally',
      tf: tf(
        '    "aws_s3_bucket": { "data": { "logging": { "target_bucket": "acme-logs" } }, "logs": { "bucket": "acme-logs" } }',
      ),
    },
    {
      name: 'Terraform: a log-delivery-write ACL declares a log bucket',
      tf: tf(
        '    "aws_s3_bucket": { "logs": { "bucket": "acme-logs" } },\n' +
          '    "aws_s3_bucket_acl": { "logs": { "bucket": "acme-logs", "acl": "log-delivery-write" } }',
      ),
    },
    {
      name: 'Terraform: a trail’s bucket',
      tf: tf(
        '    "aws_s3_bucket": { "logs": { "bucket": "acme-logs" } },\n' +
          '    "aws_cloudtrail": { "main": { "s3_bucket_name": "${aws_s3_bucket.logs.id}" } }',
      ),
    },
    {
      name: 'Terraform: a bucket policy that lets the log service write',
      tf: tf(
        `${DATA},\n    "aws_s3_bucket_policy": { "data": { "bucket": "\${aws_s3_bucket.data.id}", "policy": "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": {\\"Service\\": \\"logging.s3.amazonaws.com\\"}, \\"Action\\": \\"s3:PutObject\\"}]}" } }`,
      ),
    },
    {
      name: 'Terraform: a load balancer’s access logs, the block written as an array',
      tf: tf(
        `${DATA},\n    "aws_lb": { "web": { "access_logs": [{ "bucket": "\${aws_s3_bucket.data.id}", "enabled": true }] } }`,
      ),
    },
    {
      name: 'Terraform: a module may bring the logging',
      tf: tf(DATA, '  "module": { "logs": { "source": "./logs" } },\n'),
    },
    { name: 'plan: the logging resource the configuration ties to the buckets', plan: plan(true) },
    {
      name: 'logs into a bucket of the template, which is exempt as a destination',
      yaml: resourcesYaml(
        'Data:\n  Type: AWS::S3::Bucket\n  Properties:\n    LoggingConfiguration:\n      DestinationBucketName: !Ref Logs\n      LogFilePrefix: data/\n' +
          'Logs:\n  Type: AWS::S3::Bucket\n',
      ),
    },
    {
      name: 'an empty LoggingConfiguration logs into the bucket itself',
      yaml: resourcesYaml('Data:\n  Type: AWS::S3::Bucket\n  Properties:\n    LoggingConfiguration: {}\n'),
    },
    {
      name: 'a destination named by its literal BucketName',
      yaml: resourcesYaml(
        LOGS +
          'Data:\n  Type: AWS::S3::Bucket\n  Properties:\n    LoggingConfiguration:\n      DestinationBucketName: acme-logs\n',
      ),
    },
    {
      name: 'AccessControl: LogDeliveryWrite declares a log bucket',
      yaml: resourcesYaml('Logs:\n  Type: AWS::S3::Bucket\n  Properties:\n    AccessControl: LogDeliveryWrite\n'),
    },
    {
      name: 'a trail’s bucket',
      yaml: resourcesYaml(
        'Logs:\n  Type: AWS::S3::Bucket\nTrail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    S3BucketName: !Ref Logs\n    IsLogging: true\n',
      ),
    },
    {
      name: 'a load balancer’s access-log bucket',
      yaml: resourcesYaml(`
        Logs:
          Type: AWS::S3::Bucket
        Alb:
          Type: AWS::ElasticLoadBalancingV2::LoadBalancer
          Properties:
            LoadBalancerAttributes:
              - Key: access_logs.s3.bucket
                Value: !Ref Logs
      `),
    },
    {
      name: 'CloudFront standard logging',
      yaml: resourcesYaml(`
        Logs:
          Type: AWS::S3::Bucket
        Cdn:
          Type: AWS::CloudFront::Distribution
          Properties:
            DistributionConfig:
              Enabled: true
              Logging:
                Bucket: !GetAtt Logs.DomainName
      `),
    },
    {
      name: 'a bucket policy that lets a log-delivery service write',
      yaml: resourcesYaml(`
        Logs:
          Type: AWS::S3::Bucket
        LogsPolicy:
          Type: AWS::S3::BucketPolicy
          Properties:
            Bucket: !Ref Logs
            PolicyDocument:
              Statement:
                - Effect: Allow
                  Principal: { Service: delivery.logs.amazonaws.com }
                  Action: s3:PutObject
                  Resource: !Sub '\${Logs.Arn}/*'
      `),
    },
    {
      name: 'an AccessControl from a parameter without default may be LogDeliveryWrite: unknown',
      yaml:
        'Parameters:\n  Acl:\n    Type: String\n' +
        resourcesYaml('Data:\n  Type: AWS::S3::Bucket\n  Properties:\n    AccessControl: !Ref Acl\n'),
    },
    {
      name: 'JSON, logging configured',
      json: '{"Resources": {"Data": {"Type": "AWS::S3::Bucket", "Properties": {"LoggingConfiguration": {"DestinationBucketName": "central-logs"}}}}}',
    },
  ],
  invalid: [
    {
      name: 'Terraform: no logging for the bucket, on its name',
      tf: tf(DATA),
      errors: [
        {
          messageId: 'missing',
          message: TF_MISSING,
          data: { setting: 'Server access logging (an aws_s3_bucket_logging for this bucket)' },
          text: '"data"',
        },
      ],
    },
    {
      name: 'Terraform: a reference from elsewhere (a Lambda’s environment) does not make a log bucket',
      tf: tf(
        `${DATA},\n    "aws_lambda_function": { "f": { "environment": { "variables": { "BUCKET": "\${aws_s3_bucket.data.id}" } } } }`,
      ),
      errors: [{ messageId: 'missing', text: '"data"', line: 3 }],
    },
    {
      name: 'plan: neither bucket logs; the computed inline block and ACL are not the author’s',
      plan: plan(false),
      errors: [
        { messageId: 'missing', text: '"values"', line: 4 },
        { messageId: 'missing', text: '"values"', line: 5 },
      ],
    },
    {
      name: 'block style, no LoggingConfiguration',
      yaml: resourcesYaml('Data:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketName: acme-data\n'),
      errors: [{ messageId: 'missing', message: missing, text: 'Properties' }],
    },
    {
      name: 'no Properties at all: the logical id',
      yaml: resourcesYaml('Data:\n  Type: AWS::S3::Bucket\n'),
      errors: [{ messageId: 'missing', text: 'Data' }],
    },
    {
      name: 'flow style',
      yaml: resourcesYaml(
        'Data:\n  Type: AWS::S3::Bucket\n  Properties: { VersioningConfiguration: { Status: Enabled } }\n',
      ),
      errors: [{ messageId: 'missing', text: 'Properties' }],
    },
    {
      name: 'JSON',
      json: '{"Resources": {"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "acme-data"}}}}',
      errors: [{ messageId: 'missing', text: '"Properties"' }],
    },
    {
      name: 'a reference that does not deliver logs leaves the bucket judged',
      yaml: resourcesYaml(`
        Data:
          Type: AWS::S3::Bucket
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Environment:
              Variables:
                BUCKET: !Ref Data
      `),
      errors: [{ messageId: 'missing', underline: 'Data:\n~~~~', line: 3 }],
    },
    {
      name: 'a bucket CloudFront serves is data, not a log destination',
      yaml: resourcesYaml(`
        Site:
          Type: AWS::S3::Bucket
        Cdn:
          Type: AWS::CloudFront::Distribution
          Properties:
            DistributionConfig:
              Enabled: true
              Origins:
                - Id: site
                  DomainName: !GetAtt Site.RegionalDomainName
                  S3OriginConfig: {}
      `),
      errors: [{ messageId: 'missing', underline: 'Site:\n~~~~', line: 3 }],
    },
    {
      name: 'a condition that drops the logging on one branch names it',
      yaml:
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n' +
        resourcesYaml(
          'Data:\n  Type: AWS::S3::Bucket\n  Properties:\n    LoggingConfiguration: !If [Prod, { DestinationBucketName: central-logs }, !Ref AWS::NoValue]\n',
        ),
      errors: [
        {
          messageId: 'missing',
          message: missing.replace(/\.$/, ' (when condition Prod is false).'),
          text: 'LoggingConfiguration',
        },
      ],
    },
  ],
});
