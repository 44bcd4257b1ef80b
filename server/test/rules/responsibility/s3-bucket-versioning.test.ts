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

/** A `.tf.json` configuration with these `resource` types; `head` goes before them. */
const tf = (resources: string, head = ''): string => `{\n${head}  "resource": {\n${resources}\n  }\n}\n`;
const BUCKET = '    "aws_s3_bucket": { "logs": { "bucket": "acme-logs" } }';
const companion = (bucketName: string, status: string): string =>
  `    "aws_s3_bucket_versioning": { "logs": { "bucket": "${bucketName}", "versioning_configuration": { "status": "${status}" } } }`;

/**
 * A plan: a bucket whose provider-computed `versioning` is unknown, and optionally its versioning resource, tied to it
 * by the configuration, which writes no `versioning` block on the bucket.
 */
const plan = (status: string | undefined): string => `{
  "format_version": "1.2",
  "planned_values": { "root_module": { "resources": [
    { "address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs", "values": { "bucket": "acme-logs" } }${
      status === undefined
        ? ''
        : `,
    { "address": "aws_s3_bucket_versioning.logs", "mode": "managed", "type": "aws_s3_bucket_versioning", "name": "logs",
      "values": { "versioning_configuration": [ { "status": "${status}", "mfa_delete": null } ] } }`
    }
  ] } },
  "resource_changes": [
    { "address": "aws_s3_bucket.logs", "change": { "actions": ["create"], "after": { "bucket": "acme-logs" }, "after_unknown": { "versioning": true } } }
  ],
  "configuration": { "root_module": { "resources": [
    { "address": "aws_s3_bucket.logs", "type": "aws_s3_bucket", "name": "logs", "expressions": { "bucket": { "constant_value": "acme-logs" } } },
    { "address": "aws_s3_bucket_versioning.logs", "type": "aws_s3_bucket_versioning", "name": "logs",
      "expressions": { "bucket": { "references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"] } } }
  ] } }
}
`;

new RuleTester().run(s3BucketVersioning, {
  valid: [
    {
      name: 'Terraform: a companion by reference',
      tf: tf(`${BUCKET},\n${companion('${aws_s3_bucket.logs.id}', 'Enabled')}`),
    },
    { name: 'Terraform: a companion by bucket name', tf: tf(`${BUCKET},\n${companion('acme-logs', 'Enabled')}`) },
    {
      name: 'Terraform: the inline block of AWS provider 3',
      tf: tf('    "aws_s3_bucket": { "logs": { "versioning": { "enabled": true } } }'),
    },
    {
      name: 'Terraform: a module may bring the versioning',
      tf: tf(BUCKET, '  "module": { "storage": { "source": "./storage" } },\n'),
    },
    { name: 'plan: versioning enabled by the companion the configuration ties to the bucket', plan: plan('Enabled') },
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
      name: 'Terraform: no versioning for the bucket; the fix adds the companion resource',
      tf: tf(BUCKET),
      errors: [
        {
          messageId: 'missing',
          message: MISSING.replace(
            'VersioningConfiguration',
            'Versioning (an aws_s3_bucket_versioning for this bucket)',
          ),
          text: '"logs"',
        },
      ],
      output: `{
  "resource": {
    "aws_s3_bucket": { "logs": { "bucket": "acme-logs" } },
    "aws_s3_bucket_versioning": {
      "logs": {
        "bucket": "\${aws_s3_bucket.logs.id}",
        "versioning_configuration": {
          "status": "Enabled"
        }
      }
    }
  }
}
`,
    },
    {
      name: 'Terraform: a companion that suspends versioning',
      tf: tf(`${BUCKET},\n${companion('${aws_s3_bucket.logs.id}', 'Suspended')}`),
      errors: [{ messageId: 'suspended', message: SUSPENDED, text: '"Suspended"' }],
      output: tf(`${BUCKET},\n${companion('${aws_s3_bucket.logs.id}', 'Enabled')}`),
    },
    {
      name: 'Terraform: a companion with status Disabled',
      tf: tf(`${BUCKET},\n${companion('acme-logs', 'Disabled')}`),
      errors: [
        {
          messageId: 'disabled',
          message: `versioning_configuration.status is Disabled, so the bucket is not versioned, ${LOST}`,
          data: { setting: 'versioning_configuration.status', value: 'Disabled' },
          text: '"Disabled"',
        },
      ],
      output: tf(`${BUCKET},\n${companion('acme-logs', 'Enabled')}`),
    },
    {
      name: 'Terraform: provider 3 inline versioning off',
      tf: tf('    "aws_s3_bucket": { "logs": { "versioning": [{ "enabled": false }] } }'),
      errors: [
        {
          messageId: 'disabled',
          message: `versioning.enabled is false, so the bucket is not versioned, ${LOST}`,
          text: 'false',
        },
      ],
      output: tf('    "aws_s3_bucket": { "logs": { "versioning": [{ "enabled": true }] } }'),
    },
    {
      name: 'Terraform: provider 3 inline block without enabled',
      tf: tf('    "aws_s3_bucket": { "logs": { "versioning": { "mfa_delete": false } } }'),
      errors: [
        {
          messageId: 'noStatus',
          message: `versioning has no enabled, so the bucket is not versioned, ${LOST}`,
          text: '"versioning"',
        },
      ],
      output: tf('    "aws_s3_bucket": { "logs": { "versioning": { "mfa_delete": false, "enabled": true } } }'),
    },
    {
      name: 'plan: a bucket without versioning, its computed block not counted',
      plan: plan(undefined),
      errors: [{ messageId: 'missing', text: '"values"', line: 4 }],
      output: null,
    },
    {
      name: 'plan: the companion suspends versioning',
      plan: plan('Suspended'),
      errors: [{ messageId: 'suspended', text: '"Suspended"' }],
      output: null,
    },
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
