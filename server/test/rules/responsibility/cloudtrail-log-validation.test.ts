import { cloudtrailLogValidation } from '../../../src/rules/responsibility/cloudtrail-log-validation';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const missing =
  'EnableLogFileValidation is not set, and CloudTrail leaves validation off unless asked, so CloudTrail writes no ' +
  'digest files and a log file altered or deleted in the bucket cannot be told from a genuine one.';
const disabled =
  'EnableLogFileValidation is false, so CloudTrail writes no digest files and a log file altered or deleted in the ' +
  'bucket cannot be told from a genuine one.';

const TF_MISSING = missing.replace('EnableLogFileValidation', 'enable_log_file_validation');
const TF_DISABLED = disabled.replace('EnableLogFileValidation', 'enable_log_file_validation');

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

new RuleTester().run(cloudtrailLogValidation, {
  valid: [
    { name: 'Terraform: true', tf: tfTrail('"enable_log_file_validation": true') },
    {
      name: 'Terraform: a variable without default is unknown',
      tf: tfTrail('"enable_log_file_validation": "${var.validate}"'),
    },
    {
      name: 'plan: true in the planned values',
      plan: planOf([
        { type: 'aws_cloudtrail', name: 'main', values: '{ "name": "main", "enable_log_file_validation": true }' },
      ]),
    },
    { name: 'true, said outright', yaml: trail('EnableLogFileValidation: true') },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "b", "IsLogging": true, "EnableLogFileValidation": "true"}}}}',
    },
    {
      name: 'a parameter with neither default nor allowed values is unknown',
      yaml: trail('EnableLogFileValidation: !Ref On', 'Parameters:\n  On:\n    Type: String\n'),
    },
    {
      name: 'a condition decided from literals keeps only its branch',
      yaml: trail('EnableLogFileValidation: !If [Always, true, false]', 'Conditions:\n  Always: !Equals [1, 1]\n'),
    },
  ],
  invalid: [
    {
      name: 'block style, absent',
      yaml: trail('IncludeGlobalServiceEvents: true'),
      errors: [{ messageId: 'missing', message: missing, text: 'Properties' }],
      output: trail('IncludeGlobalServiceEvents: true\n        EnableLogFileValidation: true'),
    },
    {
      name: 'block style, false',
      yaml: trail('EnableLogFileValidation: false'),
      errors: [{ messageId: 'disabled', message: disabled, text: 'false' }],
      output: trail('EnableLogFileValidation: true'),
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
          Properties: { S3BucketName: central-trail-logs, IsLogging: true, EnableLogFileValidation: true }
      `),
    },
    {
      name: 'flow style, "false" as a string',
      yaml: resourcesYaml(`
        Trail:
          Type: AWS::CloudTrail::Trail
          Properties: { S3BucketName: central-trail-logs, IsLogging: true, EnableLogFileValidation: "false" }
      `),
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output: resourcesYaml(`
        Trail:
          Type: AWS::CloudTrail::Trail
          Properties: { S3BucketName: central-trail-logs, IsLogging: true, EnableLogFileValidation: true }
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
                "EnableLogFileValidation": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, false',
      json: '{"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "b", "IsLogging": true, "EnableLogFileValidation": false}}}}',
      errors: [{ messageId: 'disabled', text: 'false' }],
      output:
        '{"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "b", "IsLogging": true, "EnableLogFileValidation": true}}}}',
    },
    {
      name: 'a parameter default of false is reported, without a fix',
      yaml: trail('EnableLogFileValidation: !Ref On', "Parameters:\n  On:\n    Type: String\n    Default: 'false'\n"),
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
      yaml: trail('EnableLogFileValidation: !If [Prod, true, false]', ENV),
      errors: [
        { messageId: 'disabled', message: disabled.replace(/\.$/, ' (when condition Prod is false).'), text: 'false' },
      ],
      output: null,
    },
    {
      name: 'Terraform: absent, on the resource name; the fix adds it, safely',
      tf: tfTrail('"is_multi_region_trail": true'),
      errors: [
        {
          messageId: 'missing',
          message: TF_MISSING,
          data: { setting: 'enable_log_file_validation' },
          underline: '"main": {\n~~~~~~',
          line: 5,
        },
      ],
      output: tfTrail('"is_multi_region_trail": true,\n        "enable_log_file_validation": true'),
    },
    {
      name: 'Terraform: false is replaced',
      tf: tfTrail('"enable_log_file_validation": false'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: 'false' }],
      output: tfTrail('"enable_log_file_validation": true'),
    },
    {
      name: 'Terraform: a variable default of false names the variable, and has no fix',
      tf: tfTrail(
        '"enable_log_file_validation": "${var.validate}"',
        '"variable": { "validate": { "default": false } },',
      ),
      errors: [
        {
          messageId: 'disabled',
          message: TF_DISABLED.replace(/\.$/, ' (by the default of variable validate).'),
          text: '"${var.validate}"',
        },
      ],
      output: null,
    },
    {
      name: 'plan: false in the planned values, without a fix',
      plan: planOf([
        { type: 'aws_cloudtrail', name: 'main', values: '{ "name": "main", "enable_log_file_validation": false }' },
      ]),
      errors: [{ messageId: 'disabled', message: inPlan(TF_DISABLED, 'aws_cloudtrail.main'), text: 'false', line: 6 }],
      output: null,
    },
  ],
});
