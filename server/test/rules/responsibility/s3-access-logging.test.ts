import { s3AccessLogging } from '../../../src/rules/responsibility/s3-access-logging';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const missing =
  'LoggingConfiguration is not set, and S3 records no server access logs unless asked, so who read, wrote or ' +
  'deleted which object in this bucket cannot be reconstructed after an incident.';

const LOGS = 'Logs:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketName: acme-logs\n';

new RuleTester().run(s3AccessLogging, {
  valid: [
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
