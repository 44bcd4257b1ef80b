import { cloudtrailMultiRegion } from '../../../src/rules/responsibility/cloudtrail-multi-region';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const missing =
  'IsMultiRegionTrail is not set, and a trail covers one region unless asked, so the trail records only the region ' +
  'its stack is deployed in, and resources started in any other region — where an intruder goes to stay unseen — ' +
  'leave no record.';
const disabled =
  'IsMultiRegionTrail is false, so the trail records only the region its stack is deployed in, and resources ' +
  'started in any other region — where an intruder goes to stay unseen — leave no record.';

const TF_MISSING = missing.replace('IsMultiRegionTrail', 'is_multi_region_trail');
const TF_DISABLED = disabled.replace('IsMultiRegionTrail', 'is_multi_region_trail');

/** A `.tf.json` trail whose body ends with `last`. */
const tfTrail = (last: string, head = ''): string =>
  tfResource(
    'aws_cloudtrail',
    'main',
    `"name": "main",\n        "s3_bucket_name": "central-trail-logs",\n        ${last}`,
    head,
  );

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A trail in block style whose properties end with `last`. */
const trail = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Trail:
      Type: AWS::CloudTrail::Trail
      Properties:
        S3BucketName: central-trail-logs
        IsLogging: true
        ${last}
  `);

new RuleTester().run(cloudtrailMultiRegion, {
  valid: [
    { name: 'Terraform: true', tf: tfTrail('"is_multi_region_trail": true') },
    {
      name: 'Terraform: a local that is true',
      tf: tfTrail('"is_multi_region_trail": "${local.everywhere}"', '"locals": { "everywhere": true },'),
    },
    {
      name: 'plan: known only after apply',
      plan: planOf([
        {
          type: 'aws_cloudtrail',
          name: 'main',
          values: '{ "name": "main" }',
          unknown: '{ "is_multi_region_trail": true }',
        },
      ]),
    },
    { name: 'true, said outright', yaml: trail('IsMultiRegionTrail: true') },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "b", "IsLogging": true, "IsMultiRegionTrail": "true"}}}}',
    },
    {
      name: 'a parameter with neither default nor allowed values is unknown',
      yaml: trail('IsMultiRegionTrail: !Ref On', 'Parameters:\n  On:\n    Type: String\n'),
    },
    {
      name: 'a condition decided from literals keeps only its branch',
      yaml: trail('IsMultiRegionTrail: !If [Always, true, false]', 'Conditions:\n  Always: !Equals [1, 1]\n'),
    },
  ],
  invalid: [
    {
      name: 'block style, absent',
      yaml: trail('IncludeGlobalServiceEvents: true'),
      errors: [{ messageId: 'missing', message: missing, text: 'Properties' }],
      output: trail('IncludeGlobalServiceEvents: true\n        IsMultiRegionTrail: true'),
    },
    {
      name: 'block style, false',
      yaml: trail('IsMultiRegionTrail: false'),
      errors: [{ messageId: 'disabled', message: disabled, text: 'false' }],
      output: trail('IsMultiRegionTrail: true'),
    },
    {
      name: 'flow style, absent',
      yaml: resourcesYaml(`
        Trail:
          Type: AWS::CloudTrail::Trail
          Properties: { S3BucketName: central-trail-logs, IsLogging: true }
      `),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(`
        Trail:
          Type: AWS::CloudTrail::Trail
          Properties: { S3BucketName: central-trail-logs, IsLogging: true, IsMultiRegionTrail: true }
      `),
    },
    {
      name: 'flow style, "false" as a string',
      yaml: resourcesYaml(`
        Trail:
          Type: AWS::CloudTrail::Trail
          Properties: { S3BucketName: central-trail-logs, IsLogging: true, IsMultiRegionTrail: "false" }
      `),
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output: resourcesYaml(`
        Trail:
          Type: AWS::CloudTrail::Trail
          Properties: { S3BucketName: central-trail-logs, IsLogging: true, IsMultiRegionTrail: true }
      `),
    },
    {
      name: 'JSON, absent',
      json: `
        {
          "Resources": {
            "Trail": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": {
                "S3BucketName": "central-trail-logs",
                "IsLogging": true
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Trail": {
              "Type": "AWS::CloudTrail::Trail",
              "Properties": {
                "S3BucketName": "central-trail-logs",
                "IsLogging": true,
                "IsMultiRegionTrail": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, false',
      json: '{"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "b", "IsLogging": true, "IsMultiRegionTrail": false}}}}',
      errors: [{ messageId: 'disabled', text: 'false' }],
      output:
        '{"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "b", "IsLogging": true, "IsMultiRegionTrail": true}}}}',
    },
    {
      name: 'a parameter default of false is reported, without a fix',
      yaml: trail('IsMultiRegionTrail: !Ref On', "Parameters:\n  On:\n    Type: String\n    Default: 'false'\n"),
      errors: [
        {
          messageId: 'disabled',
          message: disabled.replace(/\.$/, ' (by the default of parameter On).'),
          text: '!Ref On',
        },
      ],
      output: null,
    },
    {
      name: 'one branch of a condition, without a fix',
      yaml: trail('IsMultiRegionTrail: !If [Prod, true, false]', ENV),
      errors: [
        { messageId: 'disabled', message: disabled.replace(/\.$/, ' (when condition Prod is false).'), text: 'false' },
      ],
      output: null,
    },
    {
      name: 'Terraform: absent, on the resource name; the fix adds it, as a suggestion',
      tf: tfTrail('"enable_log_file_validation": true'),
      errors: [
        {
          messageId: 'missing',
          message: TF_MISSING,
          data: { setting: 'is_multi_region_trail' },
          underline: '"main": {\n~~~~~~',
          line: 5,
        },
      ],
      output: tfTrail('"enable_log_file_validation": true,\n        "is_multi_region_trail": true'),
    },
    {
      name: 'Terraform: false from a local is reported where it is used, without a fix',
      tf: tfTrail('"is_multi_region_trail": "${local.everywhere}"', '"locals": { "everywhere": false },'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: '"${local.everywhere}"' }],
      output: null,
    },
    {
      name: 'plan: false in the planned values, without a fix',
      plan: planOf([
        { type: 'aws_cloudtrail', name: 'main', values: '{ "name": "main", "is_multi_region_trail": false }' },
      ]),
      errors: [{ messageId: 'disabled', message: inPlan(TF_DISABLED, 'aws_cloudtrail.main'), text: 'false', line: 6 }],
      output: null,
    },
  ],
});
