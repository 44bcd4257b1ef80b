import { ecrScanOnPush } from '../../../src/rules/responsibility/ecr-scan-on-push';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const WHY =
  'so images are not checked for known vulnerabilities when they are pushed, and vulnerable software ships ' +
  'unnoticed; keeping the software in images patched is the customer’s job; registry-level enhanced scanning, ' +
  'which a template cannot show, would cover it.';
const absent = `ImageScanningConfiguration.ScanOnPush is not set, and AWS’s default is false, ${WHY}`;
const disabled = `ScanOnPush is false, ${WHY}`;

const TF_ABSENT = absent.replace('ImageScanningConfiguration.ScanOnPush', 'image_scanning_configuration.scan_on_push');
const TF_DISABLED = disabled.replace('ScanOnPush', 'scan_on_push');

/** A `.tf.json` repository whose body ends with `last`. */
const tfRepo = (last: string): string => tfResource('aws_ecr_repository', 'app', `"name": "app",\n        ${last}`);

/** A `.tf.json` repository without a scanning block, and a registry configuration with one rule. */
const tfRegistry = (frequency: string, filter: string): string => `{
  "resource": {
    "aws_ecr_repository": { "app": { "name": "app" } },
    "aws_ecr_registry_scanning_configuration": {
      "registry": {
        "scan_type": "ENHANCED",
        "rule": [
          { "scan_frequency": "${frequency}", "repository_filter": { "filter": "${filter}", "filter_type": "WILDCARD" } }
        ]
      }
    }
  }
}
`;

/** A CloudFormation registry configuration with one rule, and a repository whose properties are `properties`. */
const cfnRegistry = (frequency: string, filter: string, properties = ''): string =>
  resourcesYaml(`
    Scanning:
      Type: AWS::ECR::RegistryScanningConfiguration
      Properties:
        ScanType: BASIC
        Rules:
          - ScanFrequency: ${frequency}
            RepositoryFilters: [{ Filter: '${filter}', FilterType: WILDCARD }]
    Repo:
      Type: AWS::ECR::Repository${properties}
  `);
const NAMED = (name: string): string => `\n      Properties:\n        RepositoryName: ${name}`;

const repo = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Repo:
      Type: AWS::ECR::Repository
      Properties:
        RepositoryName: app
        ${last}
  `);

new RuleTester().run(ecrScanOnPush, {
  valid: [
    {
      name: 'Terraform: scans on push, the block written as an object',
      tf: tfRepo('"image_scanning_configuration": { "scan_on_push": true }'),
    },
    {
      name: 'Terraform: scans on push, the block written as an array',
      tf: tfRepo('"image_scanning_configuration": [{ "scan_on_push": true }]'),
    },
    { name: 'Terraform: the registry scans every repository on push', tf: tfRegistry('SCAN_ON_PUSH', '*') },
    {
      name: 'Terraform: the registry scans continuously the repositories whose names contain "ap"',
      tf: tfRegistry('CONTINUOUS_SCAN', 'ap'),
    },
    { name: 'Terraform: a registry filter with a wildcard that matches', tf: tfRegistry('SCAN_ON_PUSH', 'a*p') },
    {
      name: 'CloudFormation: the registry scans the repositories whose names start with "app"',
      yaml: cfnRegistry('SCAN_ON_PUSH', 'app*', NAMED('app-web')),
    },
    {
      name: 'CloudFormation: an unnamed repository may match a registry filter: unknown',
      yaml: cfnRegistry('SCAN_ON_PUSH', 'prod-*'),
    },
    {
      name: 'plan: scans on push',
      plan: planOf([
        {
          type: 'aws_ecr_repository',
          name: 'app',
          values: '{ "name": "app", "image_scanning_configuration": [{ "scan_on_push": true }] }',
        },
      ]),
    },
    { name: 'scans on push', yaml: repo('ImageScanningConfiguration:\n          ScanOnPush: true') },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"Repo": {"Type": "AWS::ECR::Repository", "Properties": {"ImageScanningConfiguration": {"ScanOnPush": "true"}}}}}',
    },
    {
      name: 'a parameter without default or allowed values is unknown',
      yaml: repo(
        'ImageScanningConfiguration:\n          ScanOnPush: !Ref Scan',
        'Parameters:\n  Scan:\n    Type: String\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'block style, absent: a safe fix adds the configuration',
      yaml: repo('ImageTagMutability: IMMUTABLE'),
      errors: [{ messageId: 'absent', message: absent, text: 'Properties' }],
      output: repo('ImageTagMutability: IMMUTABLE\n        ImageScanningConfiguration:\n          ScanOnPush: true'),
    },
    {
      name: 'block style, an empty configuration',
      yaml: repo('ImageScanningConfiguration: {}'),
      errors: [{ messageId: 'absent', text: 'ImageScanningConfiguration' }],
      output: repo('ImageScanningConfiguration: { ScanOnPush: true }'),
    },
    {
      name: 'block style, false: a suggestion',
      yaml: repo('ImageScanningConfiguration:\n          ScanOnPush: false'),
      errors: [{ messageId: 'disabled', message: disabled, text: 'false' }],
      output: repo('ImageScanningConfiguration:\n          ScanOnPush: true'),
    },
    {
      name: 'flow style',
      yaml: resourcesYaml(
        'Repo:\n  Type: AWS::ECR::Repository\n  Properties: { RepositoryName: app, ImageScanningConfiguration: { ScanOnPush: false } }\n',
      ),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(
        'Repo:\n  Type: AWS::ECR::Repository\n  Properties: { RepositoryName: app, ImageScanningConfiguration: { ScanOnPush: true } }\n',
      ),
    },
    {
      name: 'JSON, absent',
      json: `
        {
          "Resources": {
            "Repo": {
              "Type": "AWS::ECR::Repository",
              "Properties": {
                "RepositoryName": "app"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'absent', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Repo": {
              "Type": "AWS::ECR::Repository",
              "Properties": {
                "RepositoryName": "app",
                "ImageScanningConfiguration": {
                  "ScanOnPush": true
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'a parameter default of false: no fix',
      yaml: repo(
        'ImageScanningConfiguration:\n          ScanOnPush: !Ref Scan',
        "Parameters:\n  Scan:\n    Type: String\n    Default: 'false'\n",
      ),
      errors: [
        {
          messageId: 'disabled',
          message: `${disabled.replace(/\.$/, '')} (by the default of parameter Scan).`,
          text: '!Ref Scan',
        },
      ],
      output: null,
    },
    {
      name: 'Terraform: no block, on the resource name; the safe fix adds the block as an object',
      tf: tfRepo('"force_delete": false'),
      errors: [
        {
          messageId: 'absent',
          message: TF_ABSENT,
          data: { setting: 'image_scanning_configuration.scan_on_push', name: 'scan_on_push' },
          underline: '"app": {\n~~~~~',
          line: 5,
        },
      ],
      output: tfRepo(
        '"force_delete": false,\n        "image_scanning_configuration": {\n          "scan_on_push": true\n        }',
      ),
    },
    {
      name: 'Terraform: false in a block written as an array is replaced, as a suggestion',
      tf: tfRepo('"image_scanning_configuration": [{ "scan_on_push": false }]'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: 'false' }],
      output: tfRepo('"image_scanning_configuration": [{ "scan_on_push": true }]'),
    },
    {
      name: 'Terraform: a registry filter that does not match the repository covers nothing',
      tf: tfRegistry('SCAN_ON_PUSH', 'web-*'),
      errors: [
        {
          messageId: 'absent',
          message: TF_ABSENT,
          underline: '"aws_ecr_repository": { "app": { "name": "app" } },\n                        ~~~~~',
        },
      ],
      output: tfRegistry('SCAN_ON_PUSH', 'web-*').replace(
        '{ "name": "app" }',
        '{ "name": "app", "image_scanning_configuration": { "scan_on_push": true } }',
      ),
    },
    {
      name: 'Terraform: a registry rule that only scans by hand covers nothing',
      tf: tfRegistry('MANUAL', '*'),
      errors: [{ messageId: 'absent', message: TF_ABSENT, text: '"app"', line: 3, column: 29 }],
      output: tfRegistry('MANUAL', '*').replace(
        '{ "name": "app" }',
        '{ "name": "app", "image_scanning_configuration": { "scan_on_push": true } }',
      ),
    },
    {
      name: 'CloudFormation: a registry filter that does not match the repository covers nothing',
      yaml: cfnRegistry('SCAN_ON_PUSH', 'web*', NAMED('app')),
      errors: [{ messageId: 'absent', message: absent, text: 'Properties', line: 12 }],
      output: cfnRegistry(
        'SCAN_ON_PUSH',
        'web*',
        `${NAMED('app')}\n        ImageScanningConfiguration:\n          ScanOnPush: true`,
      ),
    },
    {
      name: 'plan: false in the planned block',
      plan: planOf([
        {
          type: 'aws_ecr_repository',
          name: 'app',
          values: '{ "name": "app", "image_scanning_configuration": [{ "scan_on_push": false }] }',
        },
      ]),
      errors: [
        { messageId: 'disabled', message: inPlan(TF_DISABLED, 'aws_ecr_repository.app'), text: 'false', line: 6 },
      ],
      output: null,
    },
  ],
});
