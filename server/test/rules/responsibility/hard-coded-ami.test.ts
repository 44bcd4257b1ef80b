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

new RuleTester().run(hardCodedAmi, {
  valid: [
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
      name: 'block style, a literal id',
      yaml: instance(AMI),
      errors: [{ messageId: 'literal', data: { ami: AMI, launch: 'new instance' }, text: AMI }],
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
