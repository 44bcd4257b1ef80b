import { blockDeviceEncryption } from '../../../src/rules/encryption/block-device-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const missing = (device: string): string =>
  `Block device ${device} is not encrypted: Ebs.Encrypted is not set, and EC2 creates the volume unencrypted ` +
  'unless the account has turned on EBS encryption by default, which the template cannot know. Encryption cannot ' +
  'be added to an existing volume.';
const disabled = (device: string): string =>
  `Block device ${device} is not encrypted: Ebs.Encrypted is false (EBS encryption by default, if the account has ` +
  'turned it on, would still encrypt it, but the template cannot know). Encryption cannot be added to an existing ' +
  'volume.';

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';
const AL2023 = "'{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64}}'";

/** An instance in block style with one block device whose `Ebs` map ends with `last`. */
const instance = (last: string, device = '/dev/sdf', image = 'ami-0123456789abcdef0', header = ''): string =>
  header +
  resourcesYaml(`
    Host:
      Type: AWS::EC2::Instance
      Properties:
        ImageId: ${image}
        InstanceType: t3.micro
        BlockDeviceMappings:
          - DeviceName: ${device}
            Ebs:
              VolumeSize: 100
              ${last}
  `);

/** A launch template, and an auto-scaling group that launches from it. */
const launchTemplate = (last: string): string =>
  resourcesYaml(`
    Template:
      Type: AWS::EC2::LaunchTemplate
      Properties:
        LaunchTemplateData:
          ImageId: ami-0123456789abcdef0
          BlockDeviceMappings:
            - DeviceName: /dev/xvdb
              Ebs:
                VolumeType: gp3
                ${last}
    Group:
      Type: AWS::AutoScaling::AutoScalingGroup
      Properties:
        MinSize: '1'
        MaxSize: '2'
        LaunchTemplate:
          LaunchTemplateId: !Ref Template
          Version: !GetAtt Template.LatestVersionNumber
  `);

const tfMissing = (device: string): string => missing(device).replace('Ebs.Encrypted', 'encrypted');
const tfDisabled = (device: string): string => disabled(device).replace('Ebs.Encrypted', 'encrypted');

/** A `.tf.json` instance whose body holds `body`. */
const tfInstance = (body: string, ami = 'ami-0123456789abcdef0'): string =>
  tfResource('aws_instance', 'host', `"ami": "${ami}", "instance_type": "t3.micro", ${body}`);

/** A `.tf.json` launch template with one mapping whose `ebs` block holds `ebs`, and a group that launches from it. */
const tfLaunchTemplate = (ebs: string): string => `{
  "resource": {
    "aws_launch_template": {
      "web": {
        "image_id": "ami-0123456789abcdef0",
        "block_device_mappings": { "device_name": "/dev/xvdb", "ebs": { ${ebs} } }
      }
    },
    "aws_autoscaling_group": {
      "web": { "max_size": 2, "min_size": 1, "launch_template": { "id": "\${aws_launch_template.web.id}" } }
    }
  }
}
`;

new RuleTester().run(blockDeviceEncryption, {
  valid: [
    { name: 'an instance with Encrypted: true', yaml: instance('Encrypted: true') },
    { name: 'a launch template with Encrypted: "true"', yaml: launchTemplate("Encrypted: 'true'") },
    {
      name: 'restored from a snapshot: the snapshot decides, so unknown (even beside Encrypted: false)',
      yaml: instance('SnapshotId: snap-0123456789abcdef0\n              Encrypted: false'),
    },
    {
      name: "the AMI's root device of a private AMI: the AMI's snapshot decides, so unknown",
      yaml: instance('DeleteOnTermination: true', '/dev/xvda'),
    },
    {
      name: "the AMI's root device of an AMI from a parameter without default: unknown",
      yaml: instance(
        'VolumeType: gp3',
        '/dev/sda1',
        '!Ref Ami',
        'Parameters:\n  Ami:\n    Type: AWS::EC2::Image::Id\n',
      ),
    },
    {
      name: 'a device name that cannot be known may be the root device: unknown',
      yaml: instance('VolumeType: gp3', '!Ref Device', AL2023, 'Parameters:\n  Device:\n    Type: String\n'),
    },
    {
      name: 'instance-store and suppressed devices are not EBS',
      yaml: resourcesYaml(`
        Host:
          Type: AWS::EC2::Instance
          Properties:
            ImageId: ami-0123456789abcdef0
            BlockDeviceMappings:
              - { DeviceName: /dev/sdb, VirtualName: ephemeral0 }
              - { DeviceName: /dev/sdc, NoDevice: {} }
      `),
    },
    {
      name: 'no block devices: the root volume has the AMI snapshot’s encryption',
      yaml: resourcesYaml('Host:\n  Type: AWS::EC2::Instance\n  Properties:\n    ImageId: ami-0123456789abcdef0\n'),
    },
    {
      name: 'JSON launch configuration, encrypted',
      json: '{"Resources": {"Config": {"Type": "AWS::AutoScaling::LaunchConfiguration", "Properties": {"ImageId": "ami-0123456789abcdef0", "InstanceType": "t3.micro", "BlockDeviceMappings": [{"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 10, "Encrypted": true}}]}}}}',
    },
    {
      name: 'Terraform: an encrypted EBS block device',
      tf: tfInstance('"ebs_block_device": {"device_name": "/dev/sdf", "encrypted": true}'),
    },
    {
      name: 'Terraform: the root volume of an AMI the configuration does not show has its snapshot’s encryption',
      tf: tfInstance('"root_block_device": {"volume_size": 50}'),
    },
    {
      name: 'Terraform: a block device restored from a snapshot',
      tf: tfInstance('"ebs_block_device": [{"device_name": "/dev/sdf", "snapshot_id": "snap-0123"}]'),
    },
    {
      name: 'Terraform: a launch template, "true" as the provider writes it',
      tf: tfLaunchTemplate('"encrypted": "true"'),
    },
    {
      name: 'Terraform: EBS encryption by default, turned on in the configuration, encrypts every new volume',
      tf: `{
  "resource": {
    "aws_ebs_encryption_by_default": { "account": { "enabled": true } },
    "aws_instance": { "host": { "ami": "ami-0123456789abcdef0", "ebs_block_device": { "device_name": "/dev/sdf" } } }
  }
}
`,
    },
    {
      name: 'Terraform: a mapping without EBS (an instance store volume)',
      tf: tfResource(
        'aws_launch_template',
        'web',
        '"block_device_mappings": [{"device_name": "/dev/sdb", "virtual_name": "ephemeral0"}]',
      ),
    },
  ],
  invalid: [
    {
      name: 'an instance block device without Encrypted: on the Ebs key; the fix replaces the instance',
      yaml: instance('VolumeType: gp3'),
      errors: [{ messageId: 'missing', message: missing('/dev/sdf'), underline: 'Ebs:\n~~~' }],
      output: instance('VolumeType: gp3\n              Encrypted: true'),
    },
    {
      name: 'an instance block device with Encrypted: false',
      yaml: instance('Encrypted: false'),
      errors: [
        { messageId: 'disabled', message: disabled('/dev/sdf'), underline: 'Encrypted: false\n           ~~~~~' },
      ],
      output: instance('Encrypted: true'),
    },
    {
      name: "the root device of AWS's public AMI: its snapshot is unencrypted",
      yaml: instance('VolumeType: gp3', '/dev/xvda', AL2023),
      errors: [{ messageId: 'missing', message: missing('/dev/xvda'), text: 'Ebs' }],
      output: instance('VolumeType: gp3\n              Encrypted: true', '/dev/xvda', AL2023),
    },
    {
      name: "the root device of AWS's public AMI resolved by EC2 itself (resolve:ssm:)",
      yaml: instance(
        'VolumeType: gp3',
        '/dev/xvda',
        'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
      ),
      errors: [{ messageId: 'missing', message: missing('/dev/xvda'), text: 'Ebs' }],
      output: instance(
        'VolumeType: gp3\n              Encrypted: true',
        '/dev/xvda',
        'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
      ),
    },
    {
      name: "the root device of a public AMI from a parameter's default: named, and left to a person",
      yaml: instance(
        'VolumeType: gp3',
        '/dev/xvda',
        '!Ref Ami',
        "Parameters:\n  Ami:\n    Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>'\n" +
          '    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64\n',
      ),
      errors: [
        { messageId: 'missing', message: under(missing('/dev/xvda'), 'by the default of parameter Ami'), text: 'Ebs' },
      ],
      output: null,
    },
    {
      name: 'a launch template: reported once, pointing at the group that launches from it',
      yaml: launchTemplate('VolumeSize: 50'),
      errors: [
        {
          messageId: 'missing',
          text: 'Ebs',
          related: [{ message: 'Auto-scaling group Group, which launches instances from it', text: 'Group', line: 13 }],
        },
      ],
      output: launchTemplate('VolumeSize: 50\n                Encrypted: true'),
    },
    {
      name: 'a launch configuration in flow style, used by two groups; the good device passes',
      yaml: resourcesYaml(`
        Config:
          Type: AWS::AutoScaling::LaunchConfiguration
          Properties:
            ImageId: ami-0123456789abcdef0
            InstanceType: t3.micro
            BlockDeviceMappings:
              - { DeviceName: /dev/sdf, Ebs: { VolumeSize: 10, Encrypted: true } }
              - { DeviceName: /dev/sdg, Ebs: { VolumeSize: 20 } }
        Blue:
          Type: AWS::AutoScaling::AutoScalingGroup
          Properties: { MinSize: '1', MaxSize: '1', LaunchConfigurationName: !Ref Config }
        Green:
          Type: AWS::AutoScaling::AutoScalingGroup
          Properties: { MinSize: '1', MaxSize: '1', LaunchConfigurationName: !Ref Config }
      `),
      errors: [
        {
          messageId: 'missing',
          message: missing('/dev/sdg'),
          text: 'Ebs',
          line: 10,
          related: [
            { text: 'Blue', line: 11 },
            { text: 'Green', line: 14 },
          ],
        },
      ],
      output: resourcesYaml(`
        Config:
          Type: AWS::AutoScaling::LaunchConfiguration
          Properties:
            ImageId: ami-0123456789abcdef0
            InstanceType: t3.micro
            BlockDeviceMappings:
              - { DeviceName: /dev/sdf, Ebs: { VolumeSize: 10, Encrypted: true } }
              - { DeviceName: /dev/sdg, Ebs: { VolumeSize: 20, Encrypted: true } }
        Blue:
          Type: AWS::AutoScaling::AutoScalingGroup
          Properties: { MinSize: '1', MaxSize: '1', LaunchConfigurationName: !Ref Config }
        Green:
          Type: AWS::AutoScaling::AutoScalingGroup
          Properties: { MinSize: '1', MaxSize: '1', LaunchConfigurationName: !Ref Config }
      `),
    },
    {
      name: 'JSON launch template without Encrypted',
      json: `
        {
          "Resources": {
            "Template": {
              "Type": "AWS::EC2::LaunchTemplate",
              "Properties": {
                "LaunchTemplateData": {
                  "BlockDeviceMappings": [
                    {
                      "DeviceName": "/dev/sdf",
                      "Ebs": {
                        "VolumeSize": 10
                      }
                    }
                  ]
                }
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Ebs"' }],
      output: `
        {
          "Resources": {
            "Template": {
              "Type": "AWS::EC2::LaunchTemplate",
              "Properties": {
                "LaunchTemplateData": {
                  "BlockDeviceMappings": [
                    {
                      "DeviceName": "/dev/sdf",
                      "Ebs": {
                        "VolumeSize": 10,
                        "Encrypted": true
                      }
                    }
                  ]
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON: "false" as a string becomes the boolean true',
      json: '{"Resources": {"Host": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-0123456789abcdef0", "BlockDeviceMappings": [{"DeviceName": "/dev/sdf", "Ebs": {"Encrypted": "false"}}]}}}}',
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output:
        '{"Resources": {"Host": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-0123456789abcdef0", "BlockDeviceMappings": [{"DeviceName": "/dev/sdf", "Ebs": {"Encrypted": true}}]}}}}',
    },
    {
      name: 'the unencrypted branch of an undecided !If is named, and left to a person',
      yaml: instance('Encrypted: !If [Prod, true, false]', '/dev/sdf', 'ami-0123456789abcdef0', ENV),
      errors: [
        {
          messageId: 'disabled',
          message: under(disabled('/dev/sdf'), 'when condition Prod is false'),
          text: 'false',
        },
      ],
      output: null,
    },
    {
      name: 'a snapshot on one branch only: judged on the other',
      yaml: instance(
        'SnapshotId: !If [Prod, snap-0123456789abcdef0, !Ref AWS::NoValue]',
        '/dev/sdf',
        'ami-0123456789abcdef0',
        ENV,
      ),
      errors: [
        { messageId: 'missing', message: under(missing('/dev/sdf'), 'when condition Prod is false'), text: 'Ebs' },
      ],
      output: null,
    },
    {
      name: 'Terraform: an EBS block device without encrypted; the fix sets it and says the instance is replaced',
      tf: tfInstance('"ebs_block_device": {"device_name": "/dev/sdf", "volume_size": 100}'),
      errors: [
        {
          messageId: 'missing',
          message: tfMissing('/dev/sdf'),
          data: { device: '/dev/sdf', setting: 'encrypted' },
          text: '"ebs_block_device"',
        },
      ],
      output: tfInstance('"ebs_block_device": {"device_name": "/dev/sdf", "volume_size": 100, "encrypted": true}'),
    },
    {
      name: 'Terraform: the root volume of AWS’s public AMI, resolved by EC2 from SSM',
      tf: tfInstance(
        '"root_block_device": [{"volume_size": 50}]',
        'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
      ),
      errors: [{ messageId: 'missing', message: tfMissing('root_block_device'), text: '"root_block_device"' }],
      output: tfInstance(
        '"root_block_device": [{"volume_size": 50, "encrypted": true}]',
        'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
      ),
    },
    {
      name: 'Terraform: a launch template with encrypted "false", pointing at the group that launches from it',
      tf: tfLaunchTemplate('"volume_size": 20, "encrypted": "false"'),
      errors: [
        {
          messageId: 'disabled',
          message: tfDisabled('/dev/xvdb'),
          text: '"false"',
          related: [
            {
              message: 'Auto-scaling group aws_autoscaling_group.web, which launches instances from it',
              text: '"web"',
              line: 10,
            },
          ],
        },
      ],
      output: tfLaunchTemplate('"volume_size": 20, "encrypted": true'),
    },
    {
      name: 'Terraform: a launch configuration’s EBS block device with encrypted false',
      tf: tfResource(
        'aws_launch_configuration',
        'web',
        '"image_id": "ami-0123456789abcdef0", "ebs_block_device": {"device_name": "/dev/sdg", "encrypted": false}',
      ),
      errors: [{ messageId: 'disabled', message: tfDisabled('/dev/sdg'), text: 'false' }],
      output: tfResource(
        'aws_launch_configuration',
        'web',
        '"image_id": "ami-0123456789abcdef0", "ebs_block_device": {"device_name": "/dev/sdg", "encrypted": true}',
      ),
    },
    {
      name: 'plan: a block device planned unencrypted',
      plan: planOf([
        {
          type: 'aws_instance',
          name: 'host',
          values:
            '{"ami": "ami-0123456789abcdef0", "ebs_block_device": [{"device_name": "/dev/sdf", "encrypted": false, "snapshot_id": ""}]}',
        },
      ]),
      errors: [
        { messageId: 'disabled', message: inPlan(tfDisabled('/dev/sdf'), 'aws_instance.host'), text: 'false', line: 6 },
      ],
      output: null,
    },
  ],
});
