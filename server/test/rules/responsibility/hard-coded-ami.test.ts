import { hardCodedAmi } from '../../../src/rules/responsibility/hard-coded-ami';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const AMI = 'ami-0abcdef1234567890';
const PARAMETER =
  'Parameters:\n  LatestAmiId:\n    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>\n' +
  '    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64\n' +
  '    Description: Latest patched AMI, read from the public SSM parameters of AWS\n';

const instance = (image: string, header = ''): string =>
  header +
  resourcesYaml(`Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    InstanceType: t3.micro\n    ImageId: ${image}\n`);

const REGION_MAP = `Mappings:\n  RegionMap:\n    us-east-1:\n      AMI: ${AMI}\n    eu-west-1:\n      AMI: ami-0123456789abcdef0\n`;

const AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const WHY =
  'a pinned image never picks up the patched images AWS publishes, so every new instance starts with the ' +
  'operating-system vulnerabilities fixed since that AMI was built — patching the guest OS is the customer’s job.';

/** A `.tf.json` configuration: `head` before the `resource` block, whose types are `resources`. */
const tf = (resources: string, head = ''): string => `{\n${head}  "resource": {\n${resources}\n  }\n}\n`;
const tfInstance = (ami: string, head = ''): string =>
  tf(
    `    "aws_instance": {\n      "web": {\n        "instance_type": "t3.micro",\n        "ami": ${ami}\n      }\n    }`,
    head,
  );

/**
 * A plan with one launch configuration: the planned image, and how the configuration writes it (a literal, a data
 * source's attribute), since a plan has already read data sources.
 */
const planConfiguration = (image: string, expression: string): string => `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        { "address": "aws_launch_configuration.web", "mode": "managed", "type": "aws_launch_configuration", "name": "web", "values": { "image_id": ${image}, "instance_type": "t3.micro" } }
      ]
    }
  },
  "resource_changes": [],
  "configuration": {
    "root_module": {
      "resources": [
        { "address": "aws_launch_configuration.web", "mode": "managed", "type": "aws_launch_configuration", "name": "web", "expressions": { "image_id": ${expression} } }
      ]
    }
  }
}
`;

new RuleTester().run(hardCodedAmi, {
  valid: [
    {
      name: 'Terraform: an image read from SSM by a data source is unknown',
      tf: tfInstance('"${data.aws_ssm_parameter.al2023.insecure_value}"'),
    },
    { name: 'Terraform: an aws_ami lookup', tf: tfInstance('"${data.aws_ami.al2023.id}"') },
    {
      name: 'Terraform: a variable without default is unknown',
      tf: tfInstance('"${var.ami}"', '  "variable": { "ami": { "type": "string" } },\n'),
    },
    {
      name: 'plan: an image a data source looked up is not pinned, though the plan holds its id',
      plan: planConfiguration(
        `"${AMI}"`,
        '{ "references": ["data.aws_ssm_parameter.al2023.insecure_value", "data.aws_ssm_parameter.al2023"] }',
      ),
    },
    { name: 'an SSM-typed parameter', yaml: instance('!Ref LatestAmiId', PARAMETER) },
    {
      name: 'a dynamic reference to a public parameter',
      yaml: instance("'{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}'"),
    },
    {
      name: 'an Image::Id parameter without default is unknown',
      yaml: instance('!Ref Ami', 'Parameters:\n  Ami:\n    Type: AWS::EC2::Image::Id\n'),
    },
    { name: 'a placeholder is not an AMI id', yaml: instance('ami-xxxxxxxx') },
    {
      name: 'an instance from a launch template names no image',
      yaml: resourcesYaml(
        'Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    LaunchTemplate:\n      LaunchTemplateId: lt-0123456789abcdef0\n      Version: "1"\n',
      ),
    },
    {
      name: 'a mapping that also holds non-AMI values is not judged',
      yaml: instance(
        "!FindInMap [RegionMap, !Ref 'AWS::Region', AMI]",
        'Mappings:\n  RegionMap:\n    us-east-1:\n      AMI: !Ref Foo\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: a literal id; the fix reads the image from a data source',
      tf: tfInstance(`"${AMI}"`),
      errors: [
        {
          messageId: 'literal',
          message: `ami is the fixed AMI id '${AMI}', not an SSM parameter; ${WHY}`,
          data: { ami: AMI, launch: 'new instance', setting: 'ami' },
          text: `"${AMI}"`,
        },
      ],
      // The data block goes last in the root object, in the file's style.
      output: `{
  "resource": {
    "aws_instance": {
      "web": {
        "instance_type": "t3.micro",
        "ami": "\${data.aws_ssm_parameter.latest_ami.insecure_value}"
      }
    }
  },
  "data": {
    "aws_ssm_parameter": {
      "latest_ami": {
        "name": "${AL2023}"
      }
    }
  }
}
`,
    },
    {
      name: 'Terraform: the data name is taken; a launch template',
      tf: tf(
        `    "aws_launch_template": { "web": { "image_id": "${AMI}" } }`,
        '  "data": { "aws_ssm_parameter": { "latest_ami": { "name": "/app/ami" } } },\n',
      ),
      errors: [
        {
          messageId: 'literal',
          data: { ami: AMI, launch: 'instance launched from the template', setting: 'image_id' },
          text: `"${AMI}"`,
        },
      ],
      output: tf(
        '    "aws_launch_template": { "web": { "image_id": "${data.aws_ssm_parameter.latest_ami_2.insecure_value}" } }',
        `  "data": { "aws_ssm_parameter": { "latest_ami": { "name": "/app/ami" }, "latest_ami_2": { "name": "${AL2023}" } } },\n`,
      ),
    },
    {
      name: 'Terraform: a variable default is what deploys, named; a person edits the variable',
      tf: tfInstance('"${var.ami}"', `  "variable": { "ami": { "default": "${AMI}" } },\n`),
      errors: [
        {
          messageId: 'literal',
          message: `ami is the fixed AMI id '${AMI}', not an SSM parameter; ${WHY.replace(/\.$/, '')} (by the default of variable ami).`,
          text: '"${var.ami}"',
        },
      ],
      output: null,
    },
    {
      name: 'plan: a launch configuration with a fixed image',
      plan: planConfiguration(`"${AMI}"`, `{ "constant_value": "${AMI}" }`),
      errors: [
        {
          messageId: 'literal',
          data: { ami: AMI, launch: 'instance the group launches', setting: 'image_id' },
          text: `"${AMI}"`,
          line: 6,
        },
      ],
      output: null,
    },
    {
      name: 'block style, a literal id',
      yaml: instance(AMI),
      errors: [{ messageId: 'literal', data: { ami: AMI, launch: 'new instance', setting: 'ImageId' }, text: AMI }],
      output: instance('')
        .replace('ImageId: ', 'ImageId:\n        Ref: LatestAmiId')
        .replace('Resources:', `${PARAMETER}Resources:`),
    },
    {
      name: 'flow style, a launch template',
      yaml: resourcesYaml(
        `Template:\n  Type: AWS::EC2::LaunchTemplate\n  Properties: { LaunchTemplateData: { ImageId: ${AMI}, InstanceType: t3.micro } }\n`,
      ),
      errors: [{ messageId: 'literal', text: AMI }],
      output: resourcesYaml(
        'Template:\n  Type: AWS::EC2::LaunchTemplate\n  Properties: { LaunchTemplateData: { ImageId: { Ref: LatestAmiId }, InstanceType: t3.micro } }\n',
      ).replace('Resources:', `${PARAMETER}Resources:`),
    },
    {
      name: 'JSON, a launch configuration',
      json: `{"Resources": {"Config": {"Type": "AWS::AutoScaling::LaunchConfiguration", "Properties": {"ImageId": "${AMI}", "InstanceType": "t3.micro"}}}}`,
      errors: [{ messageId: 'literal', text: `"${AMI}"` }],
      output:
        `{"Parameters": {"LatestAmiId": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", "Default": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", "Description": "Latest patched AMI, read from the public SSM parameters of AWS"}}, ` +
        `"Resources": {"Config": {"Type": "AWS::AutoScaling::LaunchConfiguration", "Properties": {"ImageId": {"Ref": "LatestAmiId"}, "InstanceType": "t3.micro"}}}}`,
    },
    {
      name: 'a parameter default is reported, and left to a person',
      yaml: instance('!Ref Ami', `Parameters:\n  Ami:\n    Type: AWS::EC2::Image::Id\n    Default: ${AMI}\n`),
      errors: [{ messageId: 'literal', text: '!Ref Ami' }],
      output: null,
    },
    {
      name: 'a region map of fixed AMIs',
      yaml: instance("!FindInMap [RegionMap, !Ref 'AWS::Region', AMI]", REGION_MAP),
      errors: [
        {
          messageId: 'mapping',
          data: { mapping: 'RegionMap', launch: 'new instance' },
          text: "!FindInMap [RegionMap, !Ref 'AWS::Region', AMI]",
        },
      ],
      output: null,
    },
    {
      name: 'a mapping lookup with literal keys',
      yaml: instance('!FindInMap [RegionMap, us-east-1, AMI]', REGION_MAP),
      errors: [
        {
          messageId: 'mapping',
          data: { mapping: 'RegionMap', launch: 'new instance' },
          text: '!FindInMap [RegionMap, us-east-1, AMI]',
        },
      ],
      output: null,
    },
  ],
});
