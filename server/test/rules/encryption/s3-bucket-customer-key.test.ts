import { s3BucketCustomerKey } from '../../../src/rules/encryption/s3-bucket-customer-key';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf } from '../terraform-fixtures';

const SSE_S3 =
  'The bucket is encrypted with SSE-S3 (AES256), whose keys S3 owns: nobody can restrict, audit or revoke ' +
  'access to the data through a key. A customer-managed KMS key (aws:kms with KMSMasterKeyID) gives control of ' +
  'the key policy, rotation, CloudTrail records of every use, and revocation.';
const AWS_MANAGED =
  'The bucket is encrypted with SSE-KMS under the AWS-managed key aws/s3, whose key policy nobody can change: ' +
  'any principal of the account allowed to read the bucket can decrypt. A customer-managed key (KMSMasterKeyID) ' +
  'gives control of the key policy, rotation and revocation.';

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

/** A bucket whose only default rule is `byDefault` (YAML lines at the rule's indentation), after `header`. */
const bucketWith = (byDefault: string, header = ''): string =>
  `${header}Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
${byDefault.replace(/^/gm, '              ')}
`;

const TF_SSE_S3 = SSE_S3.replace('KMSMasterKeyID', 'kms_master_key_id');
const TF_AWS_MANAGED = AWS_MANAGED.replace('KMSMasterKeyID', 'kms_master_key_id');

/** A `.tf.json` configuration with these `resource` types. */
const tf = (resources: string): string => `{\n  "resource": {\n${resources}\n  }\n}\n`;
const BUCKET = '    "aws_s3_bucket": { "logs": { "bucket": "acme-logs" } }';
/** The companion configuration of the bucket, whose default is `byDefault` (members of the block). */
const companion = (byDefault: string): string =>
  `    "aws_s3_bucket_server_side_encryption_configuration": {\n      "logs": {\n        "bucket": "\${aws_s3_bucket.logs.id}",\n        "rule": { "apply_server_side_encryption_by_default": { ${byDefault} } }\n      }\n    }`;
/** A bucket with the provider-3 inline block, whose default is `byDefault`. */
const inline = (byDefault: string): string =>
  `    "aws_s3_bucket": { "logs": { "server_side_encryption_configuration": { "rule": { "apply_server_side_encryption_by_default": { ${byDefault} } } } } }`;

new RuleTester().run(s3BucketCustomerKey, {
  valid: [
    {
      name: 'aws:kms with a key from the template',
      yaml: `${bucketWith('SSEAlgorithm: aws:kms\nKMSMasterKeyID: !GetAtt Key.Arn')}  Key:\n    Type: AWS::KMS::Key\n`,
    },
    {
      name: 'aws:kms:dsse with a literal key ARN',
      yaml: bucketWith(
        "SSEAlgorithm: 'aws:kms:dsse'\nKMSMasterKeyID: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      ),
    },
    {
      name: 'a key from a parameter without a default is unknown, so not reported',
      yaml: bucketWith(
        'SSEAlgorithm: aws:kms\nKMSMasterKeyID: !Ref KeyArn',
        'Parameters:\n  KeyArn:\n    Type: String\n',
      ),
    },
    {
      name: 'a key imported from another stack',
      yaml: bucketWith('SSEAlgorithm: aws:kms\nKMSMasterKeyID: !ImportValue DataKey'),
    },
    {
      name: 'no BucketEncryption: encryption/s3-bucket-encryption’s finding, not this one’s',
      yaml: resourcesYaml('Bucket:\n  Type: AWS::S3::Bucket\n'),
    },
    {
      name: 'no default algorithm, or one S3 does not know: also the other rule’s',
      yaml: resourcesYaml(`
        A:
          Type: AWS::S3::Bucket
          Properties:
            BucketEncryption:
              ServerSideEncryptionConfiguration:
                - BucketKeyEnabled: true
        B:
          Type: AWS::S3::Bucket
          Properties:
            BucketEncryption:
              ServerSideEncryptionConfiguration:
                - ServerSideEncryptionByDefault: { SSEAlgorithm: aes256 }
      `),
    },
    {
      name: 'an algorithm from a parameter without a default is unknown',
      yaml: bucketWith('SSEAlgorithm: !Ref Algorithm', 'Parameters:\n  Algorithm:\n    Type: String\n'),
    },
    {
      name: 'BucketEncryption from a mapping that names a key',
      yaml: `
        Mappings:
          Shared:
            Encryption:
              Rule: { SSEAlgorithm: aws:kms, KMSMasterKeyID: alias/data }
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - ServerSideEncryptionByDefault: !FindInMap [Shared, Encryption, Rule]
      `,
    },
    {
      name: 'JSON, flow of one line',
      json: '{ "Resources": { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "ServerSideEncryptionConfiguration": [ { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": { "Ref": "Key" } } } ] } } }, "Key": { "Type": "AWS::KMS::Key" } } }',
    },
    {
      name: 'Terraform: the companion names a customer-managed key',
      tf: tf(`${BUCKET},\n${companion('"sse_algorithm": "aws:kms", "kms_master_key_id": "${aws_kms_key.logs.arn}"')}`),
    },
    { name: 'Terraform: no encryption configuration is the other rule’s finding', tf: tf(BUCKET) },
    {
      name: 'Terraform: an inline block with a customer-managed key',
      tf: tf(inline('"sse_algorithm": "aws:kms", "kms_master_key_id": "${aws_kms_key.logs.arn}"')),
    },
    {
      name: 'plan: the bucket as AWS reports it is judged by its companion instead',
      plan: planOf([
        {
          type: 'aws_s3_bucket',
          name: 'logs',
          values:
            '{"bucket": "acme-logs", "server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256", "kms_master_key_id": ""}]}]}]}',
        },
        {
          type: 'aws_s3_bucket_server_side_encryption_configuration',
          name: 'logs',
          values:
            '{"bucket": "acme-logs", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms", "kms_master_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"}]}]}',
        },
      ]),
    },
  ],
  invalid: [
    {
      name: 'AES256 (SSE-S3): reported on the algorithm',
      yaml: bucketWith('SSEAlgorithm: AES256'),
      errors: [{ messageId: 'sseS3', message: SSE_S3, underline: 'SSEAlgorithm: AES256\n              ~~~~~~' }],
    },
    {
      name: 'aws:kms without a key id is the AWS-managed aws/s3 key',
      yaml: bucketWith('SSEAlgorithm: aws:kms'),
      errors: [{ messageId: 'awsManagedKey', message: AWS_MANAGED, text: 'aws:kms' }],
    },
    {
      name: 'the aws/s3 alias, by name or ARN, is the AWS-managed key too',
      yaml: resourcesYaml(`
        A:
          Type: AWS::S3::Bucket
          Properties:
            BucketEncryption:
              ServerSideEncryptionConfiguration:
                - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms, KMSMasterKeyID: alias/aws/s3 }
        B:
          Type: AWS::S3::Bucket
          Properties:
            BucketEncryption:
              ServerSideEncryptionConfiguration:
                - ServerSideEncryptionByDefault:
                    SSEAlgorithm: aws:kms:dsse
                    KMSMasterKeyID: arn:aws:kms:eu-west-1:111122223333:alias/aws/s3
      `),
      errors: [
        { messageId: 'awsManagedKey', text: 'alias/aws/s3', line: 8 },
        {
          messageId: 'awsManagedKey',
          text: 'arn:aws:kms:eu-west-1:111122223333:alias/aws/s3',
        },
      ],
    },
    {
      name: 'JSON: the quoted value',
      json: `
        {
          "Resources": {
            "Bucket": {
              "Type": "AWS::S3::Bucket",
              "Properties": {
                "BucketEncryption": {
                  "ServerSideEncryptionConfiguration": [{ "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } }]
                }
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'sseS3', text: '"AES256"' }],
    },
    {
      name: 'a parameter’s default: the message names it',
      yaml: bucketWith(
        'SSEAlgorithm: !Ref Algorithm',
        'Parameters:\n  Algorithm:\n    Type: String\n    Default: AES256\n    AllowedValues: [AES256, aws:kms]\n',
      ),
      errors: [
        {
          messageId: 'sseS3',
          message: under(SSE_S3, 'by the default of parameter Algorithm'),
          text: '!Ref Algorithm',
        },
      ],
    },
    {
      name: 'a key on one branch only: the branch without it is named',
      yaml: bucketWith(
        'SSEAlgorithm: aws:kms\nKMSMasterKeyID: !If [HasKey, !Ref KeyArn, !Ref AWS::NoValue]',
        'Parameters:\n  KeyArn:\n    Type: String\nConditions:\n  HasKey: !Not [!Equals [!Ref KeyArn, ""]]\n',
      ),
      errors: [
        { messageId: 'awsManagedKey', message: under(AWS_MANAGED, 'when condition HasKey is false'), text: 'aws:kms' },
      ],
    },
    {
      name: 'an undecided !If between AES256 and a customer key: the AES256 branch',
      yaml: bucketWith(
        'SSEAlgorithm: !If [UseKms, aws:kms, AES256]\nKMSMasterKeyID: !If [UseKms, alias/data, !Ref AWS::NoValue]',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  UseKms: !Equals [!Ref Env, prod]\n',
      ),
      errors: [
        {
          messageId: 'sseS3',
          message: under(SSE_S3, 'when condition UseKms is false'),
          underline: 'SSEAlgorithm: !If [UseKms, aws:kms, AES256]\n                                    ~~~~~~',
        },
      ],
    },
    {
      name: 'flow style',
      yaml: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [ { ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 } } ] } }
      `),
      errors: [{ messageId: 'sseS3', text: 'AES256' }],
    },
    {
      name: 'Terraform: the companion uses SSE-S3',
      tf: tf(`${BUCKET},\n${companion('"sse_algorithm": "AES256"')}`),
      errors: [{ messageId: 'sseS3', message: TF_SSE_S3, data: { key: 'kms_master_key_id' }, text: '"AES256"' }],
    },
    {
      name: 'Terraform: aws:kms without a key is the AWS-managed key',
      tf: tf(`${BUCKET},\n${companion('"sse_algorithm": "aws:kms"')}`),
      errors: [{ messageId: 'awsManagedKey', message: TF_AWS_MANAGED, text: '"aws:kms"' }],
    },
    {
      name: 'Terraform: the inline block names the AWS-managed key by its alias',
      tf: tf(inline('"sse_algorithm": "aws:kms", "kms_master_key_id": "alias/aws/s3"')),
      errors: [{ messageId: 'awsManagedKey', text: '"alias/aws/s3"' }],
    },
    {
      name: 'plan: a blank key is no key',
      plan: planOf([
        {
          type: 'aws_s3_bucket_server_side_encryption_configuration',
          name: 'logs',
          values:
            '{"bucket": "acme-logs", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms", "kms_master_key_id": ""}]}]}',
        },
      ]),
      errors: [
        {
          messageId: 'awsManagedKey',
          message: inPlan(TF_AWS_MANAGED, 'aws_s3_bucket_server_side_encryption_configuration.logs'),
          text: '"aws:kms"',
          line: 6,
        },
      ],
    },
  ],
});
