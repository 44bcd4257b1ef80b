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

new RuleTester().run(s3PublicAccessBlock, {
  valid: [
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
