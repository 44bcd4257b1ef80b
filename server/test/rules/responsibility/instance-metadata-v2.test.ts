import { instanceMetadataV2 } from '../../../src/rules/responsibility/instance-metadata-v2';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A launch template in block style whose LaunchTemplateData ends with `last`. */
const template = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Template:
      Type: AWS::EC2::LaunchTemplate
      Properties:
        LaunchTemplateData:
          InstanceType: t3.micro
          ${last}
  `);

new RuleTester().run(instanceMetadataV2, {
  valid: [
    { name: 'template requires tokens', yaml: template('MetadataOptions:\n            HttpTokens: required') },
    { name: 'endpoint disabled', yaml: template('MetadataOptions:\n            HttpEndpoint: disabled') },
    {
      name: 'instance requires tokens',
      yaml: resourcesYaml(
        'Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    ImageId: ami-0abcdef1234567890\n    MetadataOptions:\n      HttpTokens: required\n',
      ),
    },
    {
      name: 'an instance from a launch template takes the template’s options',
      yaml: resourcesYaml(
        'Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    LaunchTemplate:\n      LaunchTemplateId: lt-0123456789abcdef0\n      Version: "1"\n',
      ),
    },
    {
      name: 'Amazon Linux 2023 declares ImdsSupport v2.0',
      yaml: resourcesYaml(
        'Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"\n',
      ),
    },
    {
      name: 'a parameter without default is unknown',
      yaml: template(
        'MetadataOptions:\n            HttpTokens: !Ref Tokens',
        'Parameters:\n  Tokens:\n    Type: String\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'block style, optional',
      yaml: template('MetadataOptions:\n            HttpTokens: optional'),
      errors: [{ messageId: 'optional', data: { kind: 'launch template' }, text: 'optional' }],
      output: template('MetadataOptions:\n            HttpTokens: required'),
    },
    {
      name: 'block style, options without HttpTokens',
      yaml: template('MetadataOptions:\n            HttpPutResponseHopLimit: 2'),
      errors: [
        {
          messageId: 'absent',
          underline: '          MetadataOptions:\n          ~~~~~~~~~~~~~~~',
        },
      ],
      output: template('MetadataOptions:\n            HttpPutResponseHopLimit: 2\n            HttpTokens: required'),
    },
    {
      name: 'block style, an instance without options or template',
      yaml: resourcesYaml('Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    ImageId: ami-0abcdef1234567890\n'),
      errors: [
        {
          messageId: 'noOptions',
          message:
            'The instance sets no MetadataOptions, which leaves IMDSv1 allowed (HttpTokens optional) unless the AMI ' +
            'declares ImdsSupport v2.0 or the account’s regional IMDS default (settable since March 2024) requires ' +
            'tokens; an SSRF flaw or an open proxy in software on the instance can then read the role’s credentials ' +
            'with one unauthenticated GET — hardening the guest OS is the customer’s job.',
          text: 'Properties',
        },
      ],
      output: resourcesYaml(
        'Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    ImageId: ami-0abcdef1234567890\n    MetadataOptions:\n      HttpTokens: required\n',
      ),
    },
    {
      name: 'flow style',
      yaml: resourcesYaml(
        'Template:\n  Type: AWS::EC2::LaunchTemplate\n  Properties: { LaunchTemplateData: { InstanceType: t3.micro, MetadataOptions: { HttpTokens: optional } } }\n',
      ),
      errors: [{ messageId: 'optional', text: 'optional' }],
      output: resourcesYaml(
        'Template:\n  Type: AWS::EC2::LaunchTemplate\n  Properties: { LaunchTemplateData: { InstanceType: t3.micro, MetadataOptions: { HttpTokens: required } } }\n',
      ),
    },
    {
      name: 'flow style, LaunchTemplateData without options',
      yaml: resourcesYaml(
        'Template:\n  Type: AWS::EC2::LaunchTemplate\n  Properties: { LaunchTemplateData: { InstanceType: t3.micro } }\n',
      ),
      errors: [{ messageId: 'noOptions', data: { kind: 'launch template' }, text: 'LaunchTemplateData' }],
      output: resourcesYaml(
        'Template:\n  Type: AWS::EC2::LaunchTemplate\n  Properties: { LaunchTemplateData: { InstanceType: t3.micro, MetadataOptions: { HttpTokens: required } } }\n',
      ),
    },
    {
      name: 'JSON',
      json: `
        {
          "Resources": {
            "Template": {
              "Type": "AWS::EC2::LaunchTemplate",
              "Properties": {
                "LaunchTemplateData": {
                  "MetadataOptions": { "HttpTokens": "optional" }
                }
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'optional', text: '"optional"' }],
      output: `
        {
          "Resources": {
            "Template": {
              "Type": "AWS::EC2::LaunchTemplate",
              "Properties": {
                "LaunchTemplateData": {
                  "MetadataOptions": { "HttpTokens": "required" }
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'the optional branch of an undecided !If is named, and left to a person',
      yaml: template('MetadataOptions:\n            HttpTokens: !If [Prod, required, optional]', ENV),
      errors: [{ messageId: 'optional', text: 'optional' }],
      output: null,
    },
  ],
});
