import * as assert from 'node:assert/strict';
import { Linter } from '../../../src/engine/linter';
import { RuleSet } from '../../../src/engine/rule-set';
import { s3PublicAccessBlock } from '../../../src/rules/responsibility/s3-public-access-block';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const MISSING =
  'PublicAccessBlockConfiguration is not set. Since April 2023 AWS turns on all four Block Public Access ' +
  'settings for every new bucket by default; the setting should be explicit, so the template rather than an ' +
  'account default keeps a later policy or ACL from exposing the data.';

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const flags = (policy = 'true', header = ''): string =>
  header +
  resourcesYaml(`
    Bucket:
      Type: AWS::S3::Bucket
      Properties:
        PublicAccessBlockConfiguration:
          BlockPublicAcls: true
          BlockPublicPolicy: ${policy}
          IgnorePublicAcls: true
          RestrictPublicBuckets: true
  `);

const ALL_FLOW =
  'PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }';

/** A `.tf.json` configuration with these `resource` types. */
const tf = (resources: string): string => `{\n  "resource": {\n${resources}\n  }\n}\n`;
const BUCKET = '    "aws_s3_bucket": { "logs": { "bucket": "acme-logs" } }';
const ALL_TF =
  '"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true';
const companion = (settings: string): string =>
  `    "aws_s3_bucket_public_access_block": { "logs": { "bucket": "\${aws_s3_bucket.logs.id}", ${settings} } }`;
const ACCOUNT = `    "aws_s3_account_public_access_block": { "account": { ${ALL_TF} } }`;

/** A plan: a bucket and its public access block, tied to it by the configuration; `settings` are the block's values. */
const plan = (settings: string): string => `{
  "format_version": "1.2",
  "planned_values": { "root_module": { "resources": [
    { "address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs", "values": { "bucket": "acme-logs" } },
    { "address": "aws_s3_bucket_public_access_block.logs", "mode": "managed", "type": "aws_s3_bucket_public_access_block", "name": "logs",
      "values": { ${settings} } }
  ] } },
  "resource_changes": [],
  "configuration": { "root_module": { "resources": [
    { "address": "aws_s3_bucket_public_access_block.logs", "type": "aws_s3_bucket_public_access_block", "name": "logs",
      "expressions": { "bucket": { "references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"] } } }
  ] } }
}
`;

new RuleTester().run(s3PublicAccessBlock, {
  valid: [
    { name: 'Terraform: a companion with all four settings', tf: tf(`${BUCKET},\n${companion(ALL_TF)}`) },
    { name: 'Terraform: the account-level block turns all four on', tf: tf(`${BUCKET},\n${ACCOUNT}`) },
    {
      name: 'Terraform: a companion’s setting left off is on at the account level',
      tf: tf(`${BUCKET},\n${companion('"block_public_acls": false')},\n${ACCOUNT}`),
    },
    { name: 'plan: all four planned true', plan: plan(ALL_TF) },
    { name: 'all four true', yaml: flags() },
    { name: "strings 'true'", yaml: flags("'true'") },
    { name: 'flow style', yaml: resourcesYaml(`B: { Type: AWS::S3::Bucket, Properties: { ${ALL_FLOW} } }\n`) },
    {
      name: 'a parameter without default is unknown',
      yaml: flags('!Ref Block', 'Parameters:\n  Block:\n    Type: String\n'),
    },
    { name: 'other resources', yaml: resourcesYaml('Q:\n  Type: AWS::SQS::Queue\n') },
  ],
  invalid: [
    {
      name: 'Terraform: no block for the bucket; the safe fix adds the companion with all four',
      tf: tf(BUCKET),
      errors: [
        {
          messageId: 'missing',
          message: MISSING.replace(
            'PublicAccessBlockConfiguration',
            'Block Public Access (an aws_s3_bucket_public_access_block for this bucket)',
          ),
          text: '"logs"',
        },
      ],
      output: `{
  "resource": {
    "aws_s3_bucket": { "logs": { "bucket": "acme-logs" } },
    "aws_s3_bucket_public_access_block": {
      "logs": {
        "bucket": "\${aws_s3_bucket.logs.id}",
        "block_public_acls": true,
        "block_public_policy": true,
        "ignore_public_acls": true,
        "restrict_public_buckets": true
      }
    }
  }
}
`,
    },
    {
      name: 'Terraform: a companion that turns a setting off',
      tf: tf(
        `${BUCKET},\n${companion(ALL_TF.replace('"restrict_public_buckets": true', '"restrict_public_buckets": false'))}`,
      ),
      errors: [
        {
          messageId: 'flagOff',
          message:
            'restrict_public_buckets is false, so a public bucket policy gives anyone, and other accounts, access to the data.',
          text: 'false',
        },
      ],
      output: tf(`${BUCKET},\n${companion(ALL_TF)}`),
    },
    {
      name: 'Terraform: settings left out of the companion read as false',
      tf: tf(`${BUCKET},\n${companion('"block_public_acls": true, "ignore_public_acls": true')}`),
      errors: [
        {
          messageId: 'flagsMissing',
          message:
            'This public access block leaves out block_public_policy, restrict_public_buckets, which S3 then reads as ' +
            'false, so a bucket policy or ACL can make the data public.',
          data: { flags: 'block_public_policy, restrict_public_buckets', setting: 'This public access block' },
          text: '"logs"',
          line: 4,
        },
      ],
      output: tf(
        `${BUCKET},\n${companion('"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true')}`,
      ),
    },
    {
      name: 'plan: the provider’s default of false is planned for a setting left out',
      plan: plan(ALL_TF.replace('"block_public_policy": true', '"block_public_policy": false')),
      errors: [
        {
          messageId: 'flagOff',
          message:
            'block_public_policy is false, so S3 accepts a bucket policy that grants public access. This is a plan: ' +
            'fix aws_s3_bucket_public_access_block.logs in the Terraform configuration and plan again.',
          text: 'false',
        },
      ],
      output: null,
    },
    {
      name: 'no Properties: on the logical id, and the safe fix declares the default',
      yaml: resourcesYaml('Bucket:\n  Type: AWS::S3::Bucket\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Bucket:\n~~~~~~' }],
      output: resourcesYaml(`
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            PublicAccessBlockConfiguration:
              BlockPublicAcls: true
              BlockPublicPolicy: true
              IgnorePublicAcls: true
              RestrictPublicBuckets: true
      `),
    },
    {
      name: 'an explicit false: on the value',
      yaml: flags('false'),
      errors: [
        {
          messageId: 'flagOff',
          message: 'BlockPublicPolicy is false, so S3 accepts a bucket policy that grants public access.',
          underline: 'BlockPublicPolicy: false\n                   ~~~~~',
        },
      ],
      output: flags(),
    },
    {
      name: 'flags left out of the configuration read as false',
      yaml: resourcesYaml(
        'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    PublicAccessBlockConfiguration:\n      BlockPublicAcls: true\n      IgnorePublicAcls: true\n',
      ),
      errors: [
        {
          messageId: 'flagsMissing',
          message:
            'PublicAccessBlockConfiguration leaves out BlockPublicPolicy, RestrictPublicBuckets, which S3 then reads as ' +
            'false, so a bucket policy or ACL can make the data public.',
          text: 'PublicAccessBlockConfiguration',
        },
      ],
      output: resourcesYaml(
        'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    PublicAccessBlockConfiguration:\n      BlockPublicAcls: true\n      IgnorePublicAcls: true\n      BlockPublicPolicy: true\n      RestrictPublicBuckets: true\n',
      ),
    },
    {
      name: 'flow style, missing',
      yaml: resourcesYaml('B: { Type: AWS::S3::Bucket, Properties: { BucketName: logs } }\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(`B: { Type: AWS::S3::Bucket, Properties: { BucketName: logs, ${ALL_FLOW} } }\n`),
    },
    {
      name: 'flow style, false',
      yaml: resourcesYaml(
        `B: { Type: AWS::S3::Bucket, Properties: { ${ALL_FLOW.replace('IgnorePublicAcls: true', 'IgnorePublicAcls: false')} } }\n`,
      ),
      errors: [{ messageId: 'flagOff', text: 'false' }],
      output: resourcesYaml(`B: { Type: AWS::S3::Bucket, Properties: { ${ALL_FLOW} } }\n`),
    },
    {
      name: 'JSON, missing',
      json: `
        {
          "Resources": {
            "B": {
              "Type": "AWS::S3::Bucket",
              "Properties": { "BucketName": "logs" }
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
              "Properties": { "BucketName": "logs", "PublicAccessBlockConfiguration": { "BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true } }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, false',
      json: '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}}}}}',
      errors: [{ messageId: 'flagOff', text: 'false' }],
      output:
        '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}}}}}',
    },
    {
      name: 'a parameter default of false is what deploys; a person decides the fix',
      yaml: flags('!Ref Block', 'Parameters:\n  Block:\n    Type: String\n    Default: false\n'),
      errors: [
        {
          messageId: 'flagOff',
          message: under(
            'BlockPublicPolicy is false, so S3 accepts a bucket policy that grants public access.',
            'by the default of parameter Block',
          ),
          text: '!Ref Block',
        },
      ],
      output: null,
    },
  ],
});

describe('responsibility/s3-public-access-block fix kinds', () => {
  it('in Terraform, adds the companion in bulk, but not beside a public ACL or a website', () => {
    const linter = new Linter(new RuleSet([s3PublicAccessBlock]));
    const kinds = (resources: string): boolean[] =>
      linter.lint(tf(resources), 'main.tf.json').findings.flatMap((finding) => finding.fixes.map((fix) => fix.safe));
    assert.deepEqual(kinds(BUCKET), [true]);
    assert.deepEqual(kinds('    "aws_s3_bucket": { "logs": { "acl": "public-read" } }'), [false]);
    assert.deepEqual(
      kinds(`${BUCKET},\n    "aws_s3_bucket_website_configuration": { "logs": { "bucket": "acme-logs" } }`),
      [false],
    );
    assert.deepEqual(
      kinds(
        `${BUCKET},\n    "aws_s3_bucket_acl": { "logs": { "bucket": "\${aws_s3_bucket.logs.id}", "acl": "public-read" } }`,
      ),
      [false],
    );
  });

  const linter = new Linter(new RuleSet([s3PublicAccessBlock]));
  const kinds = (properties: string): boolean[] =>
    linter
      .lint(`Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n${properties}`, 'b.yaml')
      .findings.flatMap((finding) => finding.fixes.map((fix) => fix.safe));

  it('declares the default in bulk, but not for a bucket written to be public, nor over an explicit false', () => {
    assert.deepEqual(kinds('      BucketName: logs\n'), [true]);
    assert.deepEqual(kinds('      AccessControl: PublicRead\n'), [false]);
    assert.deepEqual(kinds('      WebsiteConfiguration: { IndexDocument: index.html }\n'), [false]);
    assert.deepEqual(
      kinds(`      ${ALL_FLOW.replace('RestrictPublicBuckets: true', 'RestrictPublicBuckets: false')}\n`),
      [false],
    );
  });
});
