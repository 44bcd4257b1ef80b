import { ecrScanOnPush } from '../../../src/rules/responsibility/ecr-scan-on-push';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const WHY =
  'so images are not checked for known vulnerabilities when they are pushed, and vulnerable software ships ' +
  'unnoticed; keeping the software in images patched is the customer’s job; registry-level enhanced scanning, ' +
  'which a template cannot show, would cover it.';
const absent = `ImageScanningConfiguration.ScanOnPush is not set, and AWS’s default is false, ${WHY}`;
const disabled = `ScanOnPush is false, ${WHY}`;

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
  ],
});
