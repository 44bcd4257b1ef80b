import { s3BucketVersioning } from '../../../src/rules/responsibility/s3-bucket-versioning';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const LOST = 'so an object overwritten or deleted, by mistake, a bug or ransomware, cannot be recovered.';
const MISSING = `VersioningConfiguration is not set, and S3 does not version a bucket unless asked, ${LOST}`;
const SUSPENDED = `Versioning is Suspended: S3 keeps the versions it has but no new ones, ${LOST}`;

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const bucket = (status: string, header = ''): string =>
  header +
  resourcesYaml(`
    Bucket:
      Type: AWS::S3::Bucket
      Properties:
        VersioningConfiguration:
          Status: ${status}
  `);

new RuleTester().run(s3BucketVersioning, {
  valid: [
    { name: 'Enabled', yaml: bucket('Enabled') },
    {
      name: 'flow style',
      yaml: resourcesYaml(
        'B: { Type: AWS::S3::Bucket, Properties: { VersioningConfiguration: { Status: Enabled } } }\n',
      ),
    },
    {
      name: 'JSON',
      json: '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Enabled"}}}}}',
    },
    {
      name: 'a parameter without default is unknown',
      yaml: bucket('!Ref Status', 'Parameters:\n  Status:\n    Type: String\n'),
    },
    { name: 'other resources', yaml: resourcesYaml('Q:\n  Type: AWS::SQS::Queue\n') },
  ],
  invalid: [
    {
      name: 'no Properties: on the logical id; the fix creates them',
      yaml: resourcesYaml('Bucket:\n  Type: AWS::S3::Bucket\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Bucket:\n~~~~~~' }],
      output: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            VersioningConfiguration:
              Status: Enabled
      `),
    },
    {
      name: 'Properties without versioning: on the Properties key',
      yaml: resourcesYaml('Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketName: orders\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            BucketName: orders
            VersioningConfiguration:
              Status: Enabled
      `),
    },
    {
      name: 'Suspended',
      yaml: bucket('Suspended'),
      errors: [{ messageId: 'suspended', message: SUSPENDED, text: 'Suspended' }],
      output: bucket('Enabled'),
    },
    {
      name: 'a configuration without Status',
      yaml: resourcesYaml('Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    VersioningConfiguration: {}\n'),
      errors: [{ messageId: 'noStatus', text: 'VersioningConfiguration' }],
      output: resourcesYaml(
        'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    VersioningConfiguration: { Status: Enabled }\n',
      ),
    },
    {
      name: 'flow style, missing',
      yaml: resourcesYaml('B: { Type: AWS::S3::Bucket, Properties: { BucketName: orders } }\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(
        'B: { Type: AWS::S3::Bucket, Properties: { BucketName: orders, VersioningConfiguration: { Status: Enabled } } }\n',
      ),
    },
    {
      name: 'flow style, Suspended',
      yaml: resourcesYaml(
        'B: { Type: AWS::S3::Bucket, Properties: { VersioningConfiguration: { Status: Suspended } } }\n',
      ),
      errors: [{ messageId: 'suspended', text: 'Suspended' }],
      output: resourcesYaml(
        'B: { Type: AWS::S3::Bucket, Properties: { VersioningConfiguration: { Status: Enabled } } }\n',
      ),
    },
    {
      name: 'JSON, missing',
      json: `
        {
          "Resources": {
            "B": {
              "Type": "AWS::S3::Bucket",
              "Properties": { "BucketName": "orders" }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "B": {
              "Type": "AWS::S3::Bucket",
              "Properties": { "BucketName": "orders", "VersioningConfiguration": { "Status": "Enabled" } }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, Suspended',
      json: '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Suspended"}}}}}',
      errors: [{ messageId: 'suspended', text: '"Suspended"' }],
      output:
        '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Enabled"}}}}}',
    },
    {
      name: 'a parameter default of Suspended is what deploys; a person decides the fix',
      yaml: bucket('!Ref Status', 'Parameters:\n  Status:\n    Type: String\n    Default: Suspended\n'),
      errors: [
        {
          messageId: 'suspended',
          message: under(SUSPENDED, 'by the default of parameter Status'),
          text: '!Ref Status',
        },
      ],
      output: null,
    },
    {
      name: 'absent on one branch of a condition: named, and left to a person',
      yaml:
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n' +
        resourcesYaml(`
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              VersioningConfiguration: !If [Prod, { Status: Enabled }, !Ref AWS::NoValue]
        `),
      errors: [
        {
          messageId: 'missing',
          message: under(MISSING, 'when condition Prod is false'),
          text: 'VersioningConfiguration',
        },
      ],
      output: null,
    },
  ],
});
