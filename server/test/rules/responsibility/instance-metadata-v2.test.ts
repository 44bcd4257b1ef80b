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

const RISK =
  'an SSRF flaw or an open proxy in software on the instance can then read the role’s credentials with one ' +
  'unauthenticated GET — hardening the guest OS is the customer’s job.';
const TF_NO_OPTIONS =
  'The instance sets no metadata_options, which leaves IMDSv1 allowed (http_tokens optional) unless the AMI declares ' +
  'ImdsSupport v2.0 or the account’s regional IMDS default (settable since March 2024) requires tokens; ' +
  RISK;
const TF_OPTIONAL = `http_tokens is 'optional', so the launch template answers IMDSv1 requests; ${RISK}`;

/** A `.tf.json` configuration with these `resource` types. */
const tf = (resources: string): string => `{\n  "resource": {\n${resources}\n  }\n}\n`;
const tfInstance = (body: string): string =>
  tf(`    "aws_instance": {\n      "web": {\n        "ami": "ami-0abcdef1234567890"${body}\n      }\n    }`);

/** A plan with one launch template; `unknown` is its `after_unknown`. */
const planTemplate = (values: string, unknown: string): string => `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        { "address": "aws_launch_template.web", "mode": "managed", "type": "aws_launch_template", "name": "web", "values": ${values} }
      ]
    }
  },
  "resource_changes": [
    { "address": "aws_launch_template.web", "change": { "actions": ["create"], "after": ${values}, "after_unknown": ${unknown} } }
  ]
}
`;

new RuleTester().run(instanceMetadataV2, {
  valid: [
    {
      name: 'Terraform: an instance requires tokens',
      tf: tfInstance(',\n        "metadata_options": { "http_tokens": "required" }'),
    },
    {
      name: 'Terraform: an instance from a launch template takes its options',
      tf: tf('    "aws_instance": { "web": { "launch_template": { "id": "lt-0123456789abcdef0" } } }'),
    },
    {
      name: 'Terraform: the account’s regional default requires tokens',
      tf: tf(
        '    "aws_ec2_instance_metadata_defaults": { "imds": { "http_tokens": "required" } },\n' +
          '    "aws_instance": { "web": { "ami": "ami-0abcdef1234567890" } }',
      ),
    },
    {
      name: 'Terraform: a launch template with the endpoint off, options as an array',
      tf: tf('    "aws_launch_template": { "web": { "metadata_options": [{ "http_endpoint": "disabled" }] } }'),
    },
    {
      name: 'plan: tokens the provider computes are unknown',
      plan: planTemplate(
        '{"image_id": "ami-0abcdef1234567890", "metadata_options": [{}]}',
        '{"metadata_options": [{"http_tokens": true}]}',
      ),
    },
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
      name: 'Terraform: an instance without options, on its name; the fix adds the block',
      tf: tfInstance(''),
      errors: [
        {
          messageId: 'noOptions',
          message: TF_NO_OPTIONS,
          data: { kind: 'instance', options: 'metadata_options', tokens: 'http_tokens' },
          text: '"web"',
        },
      ],
      output: tf(
        '    "aws_instance": {\n      "web": {\n        "ami": "ami-0abcdef1234567890",\n        "metadata_options": {\n          "http_tokens": "required"\n        }\n      }\n    }',
      ),
    },
    {
      name: 'Terraform: a block without tokens, written as an array; the fix adds them inside',
      tf: tfInstance(',\n        "metadata_options": [{ "http_put_response_hop_limit": 2 }]'),
      // An item of an array has no key of its own: the block itself is underlined.
      errors: [{ messageId: 'absent', text: '{ "http_put_response_hop_limit": 2 }' }],
      output: tfInstance(
        ',\n        "metadata_options": [{ "http_put_response_hop_limit": 2, "http_tokens": "required" }]',
      ),
    },
    {
      name: 'Terraform: a launch template allowing IMDSv1',
      tf: tf('    "aws_launch_template": { "web": { "metadata_options": { "http_tokens": "optional" } } }'),
      errors: [{ messageId: 'optional', message: TF_OPTIONAL, text: '"optional"' }],
      output: tf('    "aws_launch_template": { "web": { "metadata_options": { "http_tokens": "required" } } }'),
    },
    {
      name: 'plan: a launch template planned with optional tokens',
      plan: planTemplate(
        '{"image_id": "ami-0abcdef1234567890", "metadata_options": [{"http_endpoint": "enabled", "http_tokens": "optional"}]}',
        '{}',
      ),
      errors: [
        {
          messageId: 'optional',
          message: `${TF_OPTIONAL} This is a plan: fix aws_launch_template.web in the Terraform configuration and plan again.`,
          text: '"optional"',
          line: 6,
        },
      ],
      output: null,
    },
    {
      name: 'block style, optional',
      yaml: template('MetadataOptions:\n            HttpTokens: optional'),
      errors: [
        {
          messageId: 'optional',
          data: { kind: 'launch template', options: 'MetadataOptions', tokens: 'HttpTokens' },
          text: 'optional',
        },
      ],
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
      errors: [
        {
          messageId: 'noOptions',
          data: { kind: 'launch template', options: 'MetadataOptions', tokens: 'HttpTokens' },
          text: 'LaunchTemplateData',
        },
      ],
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
