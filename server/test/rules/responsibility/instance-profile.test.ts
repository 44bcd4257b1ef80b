import { instanceProfile } from '../../../src/rules/responsibility/instance-profile';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const missing = (kind: string, setting = 'IamInstanceProfile'): string =>
  `The ${kind} gives instances no ${setting}, so the SSM agent has no credentials to register with ` +
  'Systems Manager, and Patch Manager cannot scan or patch the guest OS — that patching is the customer’s job.';

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A `.tf.json` configuration with these `resource` types. */
const tf = (resources: string): string => `{\n  "resource": {\n${resources}\n  }\n}\n`;

/** A plan with one instance and its planned values. */
const planInstance = (values: string): string => `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        { "address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web", "values": ${values} }
      ]
    }
  },
  "resource_changes": []
}
`;

new RuleTester().run(instanceProfile, {
  valid: [
    {
      name: 'Terraform: an instance with a profile from another resource',
      tf: tf(
        '    "aws_iam_instance_profile": { "ssm": { "role": "ssm" } },\n' +
          '    "aws_instance": { "web": { "ami": "ami-0abcdef1234567890", "iam_instance_profile": "${aws_iam_instance_profile.ssm.name}" } }',
      ),
    },
    {
      name: 'Terraform: an instance from a launch template takes its profile',
      tf: tf('    "aws_instance": { "web": { "launch_template": { "id": "lt-0123456789abcdef0" } } }'),
    },
    {
      name: 'Terraform: a launch template with a profile block',
      tf: tf('    "aws_launch_template": { "web": { "iam_instance_profile": [{ "name": "ssm" }] } }'),
    },
    {
      name: 'Terraform: an EKS node group attaches its own role',
      tf: tf(
        '    "aws_launch_template": { "nodes": { "instance_type": "t3.large" } },\n' +
          '    "aws_eks_node_group": { "nodes": { "cluster_name": "prod", "launch_template": { "id": "${aws_launch_template.nodes.id}", "version": "1" } } }',
      ),
    },
    {
      name: 'plan: a planned profile',
      plan: planInstance('{"ami": "ami-0abcdef1234567890", "iam_instance_profile": "ssm"}'),
    },
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
      name: 'Terraform: an instance without a profile, on its name',
      tf: tf('    "aws_instance": { "web": { "ami": "ami-0abcdef1234567890" } }'),
      errors: [
        {
          messageId: 'missing',
          message: missing('instance', 'iam_instance_profile'),
          data: { kind: 'instance', setting: 'iam_instance_profile' },
          text: '"web"',
        },
      ],
    },
    {
      name: 'Terraform: a launch template without a profile block',
      tf: tf('    "aws_launch_template": { "web": { "instance_type": "t3.micro" } }'),
      errors: [{ messageId: 'missing', message: missing('launch template', 'iam_instance_profile'), text: '"web"' }],
    },
    {
      name: 'plan: no profile planned (null), reported on the values',
      plan: planInstance('{"ami": "ami-0abcdef1234567890", "iam_instance_profile": null, "launch_template": []}'),
      errors: [
        {
          messageId: 'missing',
          message: `${missing('instance', 'iam_instance_profile')} This is a plan: fix aws_instance.web in the Terraform configuration and plan again.`,
          text: 'null',
        },
      ],
    },
    {
      name: 'block style, an instance without a profile',
      yaml: resourcesYaml('Vm:\n  Type: AWS::EC2::Instance\n  Properties:\n    ImageId: ami-0abcdef1234567890\n'),
      errors: [
        {
          messageId: 'missing',
          message: missing('instance'),
          data: { kind: 'instance', setting: 'IamInstanceProfile' },
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
