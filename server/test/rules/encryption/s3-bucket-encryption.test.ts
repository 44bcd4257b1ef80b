import { s3BucketEncryption } from '../../../src/rules/encryption/s3-bucket-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const MISSING =
  'BucketEncryption is not set. Since 5 January 2023 AWS applies SSE-S3 (AES256) to every new bucket by default; ' +
  'the setting should be explicit, so the template rather than an account default says how the data is encrypted.';
const NO_DEFAULT =
  'BucketEncryption has no rule with a default algorithm (ServerSideEncryptionByDefault.SSEAlgorithm: AES256, aws:kms ' +
  'or aws:kms:dsse). S3 falls back to SSE-S3 (AES256), its default since 5 January 2023; the setting should be explicit.';
const unknownAlgorithm = (name: string): string =>
  `SSEAlgorithm '${name}' is not an S3 default-encryption algorithm (AES256, aws:kms or aws:kms:dsse). ` +
  'Since 5 January 2023 S3 applies SSE-S3 (AES256) when nothing valid is set; the setting should be explicit and valid.';

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

/** The lines the fix adds under `Properties` in block style, at the file's indentation (two spaces here). */
const DECLARED = `
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256`;

/** The same in flow style and in one-line JSON. */
const DECLARED_FLOW =
  'BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 } }] }';
const DECLARED_JSON =
  '"BucketEncryption": { "ServerSideEncryptionConfiguration": [ { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } } ] }';

/** A bucket whose only default rule sets `algorithm`, written as YAML. */
const bucketWith = (algorithm: string, header = ''): string =>
  `${header}Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: ${algorithm}
`;

/** A `.tf.json` configuration with these `resource` types. */
const tf = (resources: string): string => `{\n  "resource": {\n${resources}\n  }\n}\n`;
const BUCKET = '    "aws_s3_bucket": { "logs": { "bucket": "acme-logs" } }';
const companion = (bucket: string, algorithm: string): string =>
  `    "aws_s3_bucket_server_side_encryption_configuration": {\n      "logs": {\n        "bucket": "${bucket}",\n        "rule": { "apply_server_side_encryption_by_default": { "sse_algorithm": "${algorithm}" } }\n      }\n    }`;

/** A plan: a bucket, and optionally its encryption configuration tied to it through `configuration`. */
const plan = (withCompanion: boolean): string => `{
  "format_version": "1.2",
  "planned_values": { "root_module": { "resources": [
    { "address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs", "values": { "bucket": "acme-logs" } }${
      withCompanion
        ? `,
    { "address": "aws_s3_bucket_server_side_encryption_configuration.logs", "mode": "managed", "type": "aws_s3_bucket_server_side_encryption_configuration", "name": "logs",
      "values": { "rule": [ { "apply_server_side_encryption_by_default": [ { "sse_algorithm": "aws:kms" } ] } ] } }`
        : ''
    }
  ] } },
  "resource_changes": [],
  "configuration": { "root_module": { "resources": [
    { "address": "aws_s3_bucket_server_side_encryption_configuration.logs", "type": "aws_s3_bucket_server_side_encryption_configuration", "name": "logs",
      "expressions": { "bucket": { "references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"] } } }
  ] } }
}
`;

new RuleTester().run(s3BucketEncryption, {
  valid: [
    {
      name: 'Terraform: a companion configuration by reference',
      tf: tf(`${BUCKET},\n${companion('${aws_s3_bucket.logs.id}', 'AES256')}`),
    },
    {
      name: 'Terraform: a companion configuration by bucket name',
      tf: tf(`${BUCKET},\n${companion('acme-logs', 'aws:kms')}`),
    },
    {
      name: 'Terraform: the inline block of AWS provider 3',
      tf: tf(
        '    "aws_s3_bucket": { "logs": { "server_side_encryption_configuration": { "rule": { "apply_server_side_encryption_by_default": { "sse_algorithm": "AES256" } } } } }',
      ),
    },
    {
      name: 'Terraform: a module may bring the configuration',
      tf: `{"module": {"enc": {"source": "./enc"}},${tf(BUCKET).slice(1)}`,
    },
    { name: 'plan: the companion is tied to the bucket by the configuration', plan: plan(true) },
    { name: 'AES256 in block style', yaml: bucketWith('AES256') },
    { name: 'aws:kms:dsse, quoted', yaml: bucketWith("'aws:kms:dsse'") },
    {
      name: 'aws:kms with a key and a bucket key',
      yaml: `
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - BucketKeyEnabled: true
                    ServerSideEncryptionByDefault:
                      SSEAlgorithm: aws:kms
                      KMSMasterKeyID: !GetAtt Key.Arn
          Key:
            Type: AWS::KMS::Key
      `,
    },
    {
      name: 'flow style',
      yaml: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [ { ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 } } ] } }
      `),
    },
    {
      name: 'JSON, long form',
      json: `
        {
          "Resources": {
            "Bucket": {
              "Type": "AWS::S3::Bucket",
              "Properties": {
                "BucketEncryption": {
                  "ServerSideEncryptionConfiguration": [{ "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms" } }]
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'a parameter whose default is valid',
      yaml: bucketWith('!Ref Algorithm', 'Parameters:\n  Algorithm:\n    Type: String\n    Default: AES256\n'),
    },
    {
      name: 'a parameter with neither default nor allowed values is unknown',
      yaml: bucketWith('!Ref Algorithm', 'Parameters:\n  Algorithm:\n    Type: String\n'),
    },
    { name: 'a value imported from another stack is unknown', yaml: bucketWith('!ImportValue SharedAlgorithm') },
    {
      name: '!Sub that resolves to a valid algorithm',
      yaml: bucketWith("!Sub 'aws:${Service}'", 'Parameters:\n  Service:\n    Type: String\n    Default: kms\n'),
    },
    {
      name: 'both branches of an undecided !If are valid',
      yaml: bucketWith(
        '!If [UseKms, aws:kms, AES256]',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  UseKms: !Equals [!Ref Env, prod]\n',
      ),
    },
    {
      name: 'a condition decided from literals keeps only its branch',
      yaml: `
        Conditions:
          Always: !Equals [a, a]
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption: !If
                - Always
                - ServerSideEncryptionConfiguration:
                    - ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 }
                - !Ref AWS::NoValue
      `,
    },
    {
      name: 'one valid rule among several is enough',
      yaml: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            BucketEncryption:
              ServerSideEncryptionConfiguration:
                - BucketKeyEnabled: true
                - ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 }
      `),
    },
    {
      name: 'BucketEncryption from a parameter is unknown',
      yaml:
        'Parameters:\n  Encryption:\n    Type: String\n' +
        resourcesYaml('Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketEncryption: !Ref Encryption\n'),
    },
    {
      name: 'other S3 resources are not buckets',
      yaml: resourcesYaml(
        'Policy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: b\n    PolicyDocument: {}\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: no configuration for the bucket; the fix adds the companion resource',
      tf: tf(BUCKET),
      errors: [
        {
          messageId: 'missing',
          data: {
            setting: 'Default encryption (an aws_s3_bucket_server_side_encryption_configuration for this bucket)',
          },
          text: '"logs"',
        },
      ],
      output: `{
  "resource": {
    "aws_s3_bucket": { "logs": { "bucket": "acme-logs" } },
    "aws_s3_bucket_server_side_encryption_configuration": {
      "logs": {
        "bucket": "\${aws_s3_bucket.logs.id}",
        "rule": {
          "apply_server_side_encryption_by_default": {
            "sse_algorithm": "AES256"
          }
        }
      }
    }
  }
}
`,
    },
    {
      name: 'Terraform: the companion names an algorithm S3 does not know',
      tf: tf(`${BUCKET},\n${companion('${aws_s3_bucket.logs.id}', 'aes256')}`),
      errors: [
        { messageId: 'unknownAlgorithm', data: { algorithm: 'aes256', name: 'sse_algorithm' }, text: '"aes256"' },
      ],
      output: tf(`${BUCKET},\n${companion('${aws_s3_bucket.logs.id}', 'AES256')}`),
    },
    {
      name: 'plan: a bucket with no configuration, and no fix',
      plan: plan(false),
      errors: [{ messageId: 'missing', text: '"values"' }],
      output: null,
    },
    {
      name: 'no Properties: reported on the logical id',
      yaml: resourcesYaml('Bucket:\n  Type: AWS::S3::Bucket\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Bucket:\n~~~~~~' }],
      output: resourcesYaml(`Bucket:\n  Type: AWS::S3::Bucket\n  Properties:${DECLARED.replace(/\n {2}/g, '\n')}\n`),
    },
    {
      name: 'Properties without BucketEncryption: reported on the Properties key',
      yaml: `
        Resources:
          Logs:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: logs
      `,
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: `Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: logs${DECLARED}\n`,
    },
    {
      name: 'JSON: the key with its quotes',
      json: '{ "Resources": { "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "VersioningConfiguration": { "Status": "Enabled" } } } } }',
      errors: [{ messageId: 'missing', text: '"Properties"', line: 1, column: 57 }],
      output: `{ "Resources": { "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "VersioningConfiguration": { "Status": "Enabled" }, ${DECLARED_JSON} } } } }`,
    },
    {
      name: 'two buckets: the same lines are told apart by line',
      yaml: resourcesYaml(
        'A:\n  Type: AWS::S3::Bucket\n  Properties:\n    Tags: []\nB:\n  Type: AWS::S3::Bucket\n  Properties:\n    Tags: []\n',
      ),
      errors: [
        { messageId: 'missing', line: 5, underline: 'Properties:\n~~~~~~~~~~' },
        { messageId: 'missing', line: 9, underline: 'Properties:\n~~~~~~~~~~' },
      ],
      output: resourcesYaml(
        `A:\n  Type: AWS::S3::Bucket\n  Properties:\n    Tags: []${DECLARED.replace(/\n {2}/g, '\n')}\nB:\n  Type: AWS::S3::Bucket\n  Properties:\n    Tags: []${DECLARED.replace(/\n {2}/g, '\n')}\n`,
      ),
    },
    {
      name: 'BucketEncryption: !Ref AWS::NoValue is absence',
      yaml: resourcesYaml('Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketEncryption: !Ref AWS::NoValue\n'),
      errors: [{ messageId: 'missing', underline: 'BucketEncryption: !Ref AWS::NoValue\n~~~~~~~~~~~~~~~~' }],
      output: resourcesYaml(`Bucket:\n  Type: AWS::S3::Bucket\n  Properties:${DECLARED.replace(/\n {2}/g, '\n')}\n`),
    },
    {
      name: 'BucketEncryption without a configuration',
      yaml: resourcesYaml('Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketEncryption: {}\n'),
      errors: [{ messageId: 'noDefault', message: NO_DEFAULT, underline: 'BucketEncryption: {}\n~~~~~~~~~~~~~~~~' }],
      output: resourcesYaml(`Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    ${DECLARED_FLOW}\n`),
    },
    {
      name: 'an empty configuration',
      yaml: resourcesYaml(
        'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketEncryption:\n      ServerSideEncryptionConfiguration: []\n',
      ),
      errors: [
        {
          messageId: 'noDefault',
          underline: 'ServerSideEncryptionConfiguration: []\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        },
      ],
      output: resourcesYaml(`Bucket:\n  Type: AWS::S3::Bucket\n  Properties:${DECLARED.replace(/\n {2}/g, '\n')}\n`),
    },
    {
      name: 'a rule with only a bucket key',
      yaml: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            BucketEncryption:
              ServerSideEncryptionConfiguration:
                - BucketKeyEnabled: true
      `),
      errors: [
        { messageId: 'noDefault', underline: 'ServerSideEncryptionConfiguration:\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~' },
      ],
      output: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            BucketEncryption:
              ServerSideEncryptionConfiguration:
                - BucketKeyEnabled: true
                  ServerSideEncryptionByDefault:
                    SSEAlgorithm: AES256
      `),
    },
    {
      name: 'a default without an algorithm',
      yaml: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            BucketEncryption:
              ServerSideEncryptionConfiguration:
                - ServerSideEncryptionByDefault:
                    KMSMasterKeyID: alias/data
      `),
      errors: [
        { messageId: 'noDefault', underline: '- ServerSideEncryptionByDefault:\n  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~' },
      ],
      // A KMS key says the author meant SSE-KMS: not the default, so not for a fix to write.
      output: null,
    },
    {
      name: 'an algorithm S3 does not know (case matters)',
      yaml: bucketWith('aes256'),
      errors: [
        {
          messageId: 'unknownAlgorithm',
          message: unknownAlgorithm('aes256'),
          data: { algorithm: 'aes256', name: 'SSEAlgorithm' },
          underline: 'SSEAlgorithm: aes256\n              ~~~~~~',
        },
      ],
      output: bucketWith('AES256'),
    },
    {
      name: 'flow style, unknown algorithm',
      yaml: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [ { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES128" } } ] } }
      `),
      errors: [
        { messageId: 'unknownAlgorithm', data: { algorithm: 'AES128', name: 'SSEAlgorithm' }, text: '"AES128"' },
      ],
      output: null,
    },
    {
      name: 'the failing branch of an undecided !If is named',
      yaml: bucketWith(
        '!If [UseKms, aws:kms, none]',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  UseKms: !Equals [!Ref Env, prod]\n',
      ),
      errors: [
        {
          messageId: 'unknownAlgorithm',
          message: under(unknownAlgorithm('none'), 'when condition UseKms is false'),
          underline: 'SSEAlgorithm: !If [UseKms, aws:kms, none]\n                                    ~~~~',
        },
      ],
      output: null,
    },
    {
      name: 'a parameter default that is not an algorithm',
      yaml: bucketWith('!Ref Algorithm', 'Parameters:\n  Algorithm:\n    Type: String\n    Default: none\n'),
      errors: [
        {
          messageId: 'unknownAlgorithm',
          message: under(unknownAlgorithm('none'), 'by the default of parameter Algorithm'),
          text: '!Ref Algorithm',
        },
      ],
      output: null,
    },
    {
      name: 'allowed values of a parameter without a default: the failing one is named',
      yaml: bucketWith(
        '!Ref Algorithm',
        'Parameters:\n  Algorithm:\n    Type: String\n    AllowedValues: [AES256, aws:kms, plain]\n',
      ),
      errors: [
        {
          messageId: 'unknownAlgorithm',
          message: under(unknownAlgorithm('plain'), "when parameter Algorithm is 'plain'"),
          text: '!Ref Algorithm',
        },
      ],
      output: null,
    },
    {
      name: 'JSON: Fn::If that drops BucketEncryption on one branch',
      json: `
        {
          "Conditions": { "Encrypt": { "Fn::Equals": [{ "Ref": "Env" }, "prod"] } },
          "Parameters": { "Env": { "Type": "String" } },
          "Resources": {
            "Bucket": {
              "Type": "AWS::S3::Bucket",
              "Properties": {
                "BucketEncryption": {
                  "Fn::If": [
                    "Encrypt",
                    { "ServerSideEncryptionConfiguration": [{ "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } }] },
                    { "Ref": "AWS::NoValue" }
                  ]
                }
              }
            }
          }
        }
      `,
      errors: [
        {
          messageId: 'missing',
          message: under(MISSING, 'when condition Encrypt is false'),
          underline: '"BucketEncryption": {\n~~~~~~~~~~~~~~~~~~',
        },
      ],
      output: null,
    },
    {
      name: 'every rule fails: each is reported',
      yaml: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            BucketEncryption:
              ServerSideEncryptionConfiguration:
                - ServerSideEncryptionByDefault: { SSEAlgorithm: AES128 }
                - ServerSideEncryptionByDefault: { SSEAlgorithm: SSE-C }
      `),
      errors: [
        { messageId: 'unknownAlgorithm', data: { algorithm: 'AES128', name: 'SSEAlgorithm' }, text: 'AES128' },
        { messageId: 'unknownAlgorithm', data: { algorithm: 'SSE-C', name: 'SSEAlgorithm' }, text: 'SSE-C' },
      ],
      output: null,
    },
    {
      name: 'fix, YAML flow style: the key joins the one-line map',
      yaml: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties: { BucketName: logs, Tags: [] }
      `),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties: { BucketName: logs, Tags: [], ${DECLARED_FLOW} }
      `),
    },
    {
      name: 'fix, YAML at four spaces: the file’s own indentation',
      yaml: `
        Resources:
            Bucket:
                Type: AWS::S3::Bucket
                Properties:
                    BucketName: logs # kept
                # about Other
            Other:
                Type: AWS::SNS::Topic
      `,
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: `
        Resources:
            Bucket:
                Type: AWS::S3::Bucket
                Properties:
                    BucketName: logs # kept
                    BucketEncryption:
                        ServerSideEncryptionConfiguration:
                            - ServerSideEncryptionByDefault:
                                  SSEAlgorithm: AES256
                # about Other
            Other:
                Type: AWS::SNS::Topic
      `,
    },
    {
      name: 'fix, JSON across lines: a member on its own line at the members’ indentation',
      json: `
        {
          "Resources": {
            "Bucket": {
              "Type": "AWS::S3::Bucket",
              "Properties": {
                "BucketName": "logs"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Bucket": {
              "Type": "AWS::S3::Bucket",
              "Properties": {
                "BucketName": "logs",
                "BucketEncryption": {
                  "ServerSideEncryptionConfiguration": [
                    {
                      "ServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "AES256"
                      }
                    }
                  ]
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'fix, JSON without Properties: Properties is created',
      json: `
        {
          "Resources": {
            "Bucket": { "Type": "AWS::S3::Bucket" }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Bucket"' }],
      output: `
        {
          "Resources": {
            "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { ${DECLARED_JSON} } }
          }
        }
      `,
    },
    {
      name: 'fix: a default without an algorithm gets one',
      yaml: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            BucketEncryption:
              ServerSideEncryptionConfiguration:
                - ServerSideEncryptionByDefault: {}
      `),
      errors: [{ messageId: 'noDefault', text: 'ServerSideEncryptionByDefault' }],
      output: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            BucketEncryption:
              ServerSideEncryptionConfiguration:
                - ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 }
      `),
    },
    {
      name: 'fix: a misspelt algorithm keeps its quotes',
      yaml: bucketWith('"aws:KMS"'),
      errors: [
        { messageId: 'unknownAlgorithm', data: { algorithm: 'aws:KMS', name: 'SSEAlgorithm' }, text: '"aws:KMS"' },
      ],
      output: bucketWith('"aws:kms"'),
    },
    {
      name: 'no fix: Properties is a function call',
      yaml: `
        Conditions:
          Never: !Equals [a, b]
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties: !If [Never, { BucketName: a }, { BucketName: b }]
      `,
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: null,
    },
    {
      name: 'no fix: a configuration read from Mappings is not the bucket’s to edit',
      yaml: `
        Mappings:
          Shared:
            Encryption:
              Settings: { BucketKeyEnabled: true }
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption: !FindInMap [Shared, Encryption, Settings]
      `,
      errors: [{ messageId: 'noDefault', text: 'BucketEncryption' }],
      output: null,
    },
  ],
});
