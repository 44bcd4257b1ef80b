import { instanceProfile } from '../../../src/rules/responsibility/instance-profile';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const missing = (kind: string): string =>
  `The ${kind} gives instances no IamInstanceProfile, so the SSM agent has no credentials to register with ` +
  'Systems Manager, and Patch Manager cannot scan or patch the guest OS — that patching is the customer’s job.';

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

new RuleTester().run(instanceProfile, {
  valid: [
    {
      name: 'an instance with a profile',
      yaml: resourcesYaml(
        'Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    ImageId: ami-0abcdef1234567890\n    IamInstanceProfile: !Ref Profile\nProfile:\n  Type: AWS::IAM::InstanceProfile\n  Properties:\n    Roles: [ssm-role]\n',
      ),
    },
    {
      name: 'an instance from a launch template takes its profile',
      yaml: resourcesYaml(
        'Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    LaunchTemplate:\n      LaunchTemplateId: lt-0123456789abcdef0\n      Version: "1"\n',
      ),
    },
    {
      name: 'a template with a profile',
      yaml: resourcesYaml(
        'Template:\n  Type: AWS::EC2::LaunchTemplate\n  Properties:\n    LaunchTemplateData:\n      IamInstanceProfile:\n        Arn: arn:aws:iam::123456789012:instance-profile/ssm\n',
      ),
    },
    {
      name: 'an EKS managed node group attaches its own role',
      yaml: resourcesYaml(
        'Template:\n  Type: AWS::EC2::LaunchTemplate\n  Properties:\n    LaunchTemplateData:\n      InstanceType: t3.large\nNodes:\n  Type: AWS::EKS::Nodegroup\n  Properties:\n    ClusterName: prod\n    NodeRole: arn:aws:iam::123456789012:role/nodes\n    Subnets: [subnet-0123456789abcdef0]\n    LaunchTemplate:\n      Id: !Ref Template\n',
      ),
    },
    {
      name: 'a profile from a parameter without default is unknown, and present',
      yaml:
        'Parameters:\n  Profile:\n    Type: String\n' +
        resourcesYaml(
          'Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    ImageId: ami-0abcdef1234567890\n    IamInstanceProfile: !Ref Profile\n',
        ),
    },
  ],
  invalid: [
    {
      name: 'block style, an instance without a profile',
      yaml: resourcesYaml('Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    ImageId: ami-0abcdef1234567890\n'),
      errors: [
        {
          messageId: 'missing',
          message: missing('instance'),
          data: { kind: 'instance' },
          underline: '  Properties:\n  ~~~~~~~~~~',
        },
      ],
    },
    {
      name: 'flow style, a launch template without a profile',
      yaml: resourcesYaml(
        'Template:\n  Type: AWS::EC2::LaunchTemplate\n  Properties: { LaunchTemplateData: { InstanceType: t3.micro } }\n',
      ),
      errors: [{ messageId: 'missing', message: missing('launch template'), text: 'LaunchTemplateData' }],
    },
    {
      name: 'JSON',
      json: '{"Resources": {"Vm": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-0abcdef1234567890"}}}}',
      errors: [{ messageId: 'missing', text: '"Properties"' }],
    },
    {
      name: 'the branch without a profile is named',
      yaml:
        ENV +
        resourcesYaml(
          "Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    ImageId: ami-0abcdef1234567890\n    IamInstanceProfile: !If [Prod, ssm-profile, !Ref 'AWS::NoValue']\n",
        ),
      errors: [{ messageId: 'missing', text: 'IamInstanceProfile' }],
    },
  ],
});
