import { ebsVolumeEncryption } from '../../../src/rules/encryption/ebs-volume-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'The volume is not encrypted: Encrypted is not set, and EC2 creates the volume unencrypted unless the account ' +
  'has turned on EBS encryption by default, which the template cannot know. Encryption cannot be added to an ' +
  'existing volume.';
const DISABLED =
  'The volume is not encrypted: Encrypted is false (EBS encryption by default, if the account has turned it on, ' +
  'would still encrypt it, but the template cannot know). Encryption cannot be added to an existing volume.';

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A volume in block style whose properties end with `last`. */
const volume = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Data:
      Type: AWS::EC2::Volume
      Properties:
        AvailabilityZone: !Select [0, !GetAZs '']
        Size: 100
        ${last}
  `);

const TF_MISSING = MISSING.replace('Encrypted', 'encrypted');
const TF_DISABLED = DISABLED.replace('Encrypted', 'encrypted');

/** A `.tf.json` volume whose body holds `body`. */
const tfVolume = (body: string): string => tfResource('aws_ebs_volume', 'data', body);

/** A `.tf.json` volume beside the account's EBS encryption default, whose body is `setting`. */
const withDefault = (volume: string, setting: string): string => `{
  "resource": {
    "aws_ebs_encryption_by_default": { "account": {${setting}} },
    "aws_ebs_volume": {
      "data": { "availability_zone": "eu-west-1a", "size": 100${volume} }
    }
  }
}
`;

/** A plan with the volume, whose configuration writes `expressions`. */
const planVolume = (values: string, unknown: string, expressions: string): string =>
  planOf(
    [{ type: 'aws_ebs_volume', name: 'data', values, unknown }],
    `{ "root_module": { "resources": [ { "address": "aws_ebs_volume.data", "type": "aws_ebs_volume", "name": "data", "expressions": ${expressions} } ] } }`,
  );

new RuleTester().run(ebsVolumeEncryption, {
  valid: [
    { name: 'Encrypted: true in block style', yaml: volume('Encrypted: true') },
    {
      name: 'Encrypted: true in flow style, with a customer-managed key',
      yaml: resourcesYaml(`
        Data:
          Type: AWS::EC2::Volume
          Properties: { AvailabilityZone: eu-west-1a, Size: 100, Encrypted: true, KmsKeyId: !Ref Key }
        Key:
          Type: AWS::KMS::Key
      `),
    },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"Data": {"Type": "AWS::EC2::Volume", "Properties": {"AvailabilityZone": "eu-west-1a", "Size": 8, "Encrypted": "true"}}}}',
    },
    {
      name: 'restored from a snapshot: the snapshot decides, so unknown',
      yaml: volume('SnapshotId: snap-0123456789abcdef0'),
    },
    {
      name: 'restored from a snapshot with Encrypted: false: an encrypted snapshot still gives an encrypted volume',
      yaml: volume('SnapshotId: snap-0123456789abcdef0\n        Encrypted: false'),
    },
    {
      name: 'copied from another volume: the source decides, so unknown',
      yaml: resourcesYaml(
        'Copy:\n  Type: AWS::EC2::Volume\n  Properties:\n    SourceVolumeId: vol-0123456789abcdef0\n',
      ),
    },
    {
      name: 'a parameter with neither default nor allowed values is unknown',
      yaml: volume('Encrypted: !Ref Encrypt', 'Parameters:\n  Encrypt:\n    Type: String\n'),
    },
    {
      name: 'a condition decided from literals keeps only its branch',
      yaml: volume('Encrypted: !If [Always, true, false]', 'Conditions:\n  Always: !Equals [1, 1]\n'),
    },
    {
      name: 'other EC2 resources',
      yaml: resourcesYaml('Attach:\n  Type: AWS::EC2::VolumeAttachment\n  Properties:\n    Device: /dev/sdf\n'),
    },
    { name: 'Terraform: encrypted', tf: tfVolume('"size": 100, "encrypted": true') },
    { name: 'Terraform: restored from a snapshot', tf: tfVolume('"snapshot_id": "snap-0123", "encrypted": false') },
    {
      name: 'Terraform: the configuration turns EBS encryption by default on',
      tf: withDefault('', '"enabled": true'),
    },
    {
      name: 'Terraform: encryption by default, enabled by default, encrypts even a volume that says false',
      tf: withDefault(', "encrypted": false', ''),
    },
    {
      name: 'Terraform: encryption by default from a variable without default is unknown',
      tf: `{"variable": {"on": {}}, ${withDefault('', '"enabled": "${var.on}"').slice(1)}`,
    },
    {
      name: 'plan: encrypted written as an expression, known only after apply',
      plan: planVolume('{"size": 100}', '{"encrypted": true}', '{"encrypted": {"references": ["var.encrypt"]}}'),
    },
  ],
  invalid: [
    {
      name: 'no Properties: on the logical id, and the fix adds them',
      yaml: resourcesYaml('Data:\n  Type: AWS::EC2::Volume\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Data:\n~~~~' }],
      output: resourcesYaml('Data:\n  Type: AWS::EC2::Volume\n  Properties:\n    Encrypted: true\n'),
    },
    {
      name: 'block style without Encrypted',
      yaml: volume('VolumeType: gp3'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: volume('VolumeType: gp3\n        Encrypted: true'),
    },
    {
      name: 'block style, Encrypted: false',
      yaml: volume('Encrypted: false'),
      errors: [{ messageId: 'disabled', message: DISABLED, underline: 'Encrypted: false\n           ~~~~~' }],
      output: volume('Encrypted: true'),
    },
    {
      name: 'flow style without Encrypted',
      yaml: resourcesYaml(`
        Data:
          Type: AWS::EC2::Volume
          Properties: { AvailabilityZone: !Select [0, !GetAZs ''], Size: 100 }
      `),
      errors: [
        {
          messageId: 'missing',
          underline: "Properties: { AvailabilityZone: !Select [0, !GetAZs ''], Size: 100 }\n~~~~~~~~~~",
        },
      ],
      output: resourcesYaml(`
        Data:
          Type: AWS::EC2::Volume
          Properties: { AvailabilityZone: !Select [0, !GetAZs ''], Size: 100, Encrypted: true }
      `),
    },
    {
      name: 'flow style, Encrypted: false',
      yaml: resourcesYaml(`
        Data:
          Type: AWS::EC2::Volume
          Properties: { AvailabilityZone: eu-west-1a, Size: 100, Encrypted: false }
      `),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(`
        Data:
          Type: AWS::EC2::Volume
          Properties: { AvailabilityZone: eu-west-1a, Size: 100, Encrypted: true }
      `),
    },
    {
      name: 'JSON without Encrypted',
      json: `
        {
          "Resources": {
            "Data": {
              "Type": "AWS::EC2::Volume",
              "Properties": {
                "AvailabilityZone": "eu-west-1a",
                "Size": 100
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Data": {
              "Type": "AWS::EC2::Volume",
              "Properties": {
                "AvailabilityZone": "eu-west-1a",
                "Size": 100,
                "Encrypted": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON: "false" as a string becomes the boolean true',
      json: '{"Resources": {"Data": {"Type": "AWS::EC2::Volume", "Properties": {"Size": 8, "Encrypted": "false"}}}}',
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output: '{"Resources": {"Data": {"Type": "AWS::EC2::Volume", "Properties": {"Size": 8, "Encrypted": true}}}}',
    },
    {
      name: 'Encrypted: !Ref AWS::NoValue is absence; the fix replaces it',
      yaml: volume('Encrypted: !Ref AWS::NoValue'),
      errors: [{ messageId: 'missing', underline: 'Encrypted: !Ref AWS::NoValue\n~~~~~~~~~' }],
      output: volume('Encrypted: true'),
    },
    {
      name: 'a parameter default of false is what deploys; a person decides the fix',
      yaml: volume(
        'Encrypted: !Ref Encrypt',
        "Parameters:\n  Encrypt:\n    Type: String\n    AllowedValues: ['true', 'false']\n    Default: 'false'\n",
      ),
      errors: [
        {
          messageId: 'disabled',
          message: under(DISABLED, 'by the default of parameter Encrypt'),
          text: '!Ref Encrypt',
        },
      ],
      output: null,
    },
    {
      name: 'the unencrypted branch of an undecided !If is named, and left to a person',
      yaml: volume('Encrypted: !If [Prod, true, false]', ENV),
      errors: [
        {
          messageId: 'disabled',
          message: under(DISABLED, 'when condition Prod is false'),
          underline: 'Encrypted: !If [Prod, true, false]\n                            ~~~~~',
        },
      ],
      output: null,
    },
    {
      name: 'restored from a snapshot on one branch only: judged on the other',
      yaml: volume('SnapshotId: !If [Prod, snap-0123456789abcdef0, !Ref AWS::NoValue]', ENV),
      errors: [
        { messageId: 'missing', message: under(MISSING, 'when condition Prod is false'), text: 'Properties', line: 10 },
      ],
      output: null,
    },
    {
      name: 'Terraform: not set, on the resource name; the fix sets it and says the volume is replaced',
      tf: tfVolume('"availability_zone": "eu-west-1a"'),
      errors: [{ messageId: 'missing', message: TF_MISSING, data: { setting: 'encrypted' }, text: '"data"' }],
      output: tfVolume('"availability_zone": "eu-west-1a",\n        "encrypted": true'),
    },
    {
      name: 'Terraform: encrypted false, and the configuration turns the account default off',
      tf: withDefault(', "encrypted": false', '"enabled": false'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: 'false', line: 5 }],
      output: withDefault(', "encrypted": true', '"enabled": false'),
    },
    {
      name: 'plan: left out of the configuration, so EC2 decides by the account default the plan does not show',
      plan: planVolume(
        '{"size": 100}',
        '{"encrypted": true, "snapshot_id": true}',
        '{"size": {"constant_value": 100}}',
      ),
      errors: [{ messageId: 'missing', message: inPlan(TF_MISSING, 'aws_ebs_volume.data'), text: '"values"' }],
      output: null,
    },
  ],
});
