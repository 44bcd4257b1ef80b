import { efsEncryption } from '../../../src/rules/encryption/efs-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'The file system is not encrypted at rest: Encrypted is not set, and CloudFormation creates the file system ' +
  'unencrypted when it is absent. Encryption cannot be added to an existing file system.';
const DISABLED =
  'The file system is not encrypted at rest: Encrypted is false. Encryption cannot be added to an existing file ' +
  'system.';

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A file system in block style whose properties end with `last`. */
const fileSystem = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Shared:
      Type: AWS::EFS::FileSystem
      Properties:
        PerformanceMode: generalPurpose
        ${last}
  `);

const TF_MISSING = MISSING.replace('Encrypted', 'encrypted').replace('CloudFormation', 'the AWS provider');
const TF_DISABLED = DISABLED.replace('Encrypted', 'encrypted');

/** A `.tf.json` file system whose body holds `body`. */
const tfFileSystem = (body: string, head = ''): string => tfResource('aws_efs_file_system', 'shared', body, head);

/** A plan with the file system; `expressions` is its configuration, when the case has one. */
const planFileSystem = (values: string, unknown: string, expressions?: string): string =>
  planOf(
    [{ type: 'aws_efs_file_system', name: 'shared', values, unknown }],
    expressions === undefined
      ? undefined
      : `{ "root_module": { "resources": [ { "address": "aws_efs_file_system.shared", "type": "aws_efs_file_system", "name": "shared", "expressions": ${expressions} } ] } }`,
  );

new RuleTester().run(efsEncryption, {
  valid: [
    { name: 'Encrypted: true in block style', yaml: fileSystem('Encrypted: true') },
    {
      name: 'Encrypted: true in flow style, with a customer-managed key',
      yaml: resourcesYaml(`
        Shared:
          Type: AWS::EFS::FileSystem
          Properties: { Encrypted: true, KmsKeyId: !GetAtt Key.Arn }
        Key:
          Type: AWS::KMS::Key
      `),
    },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"Shared": {"Type": "AWS::EFS::FileSystem", "Properties": {"Encrypted": "true"}}}}',
    },
    {
      name: 'a parameter with neither default nor allowed values is unknown',
      yaml: fileSystem('Encrypted: !Ref Encrypt', 'Parameters:\n  Encrypt:\n    Type: String\n'),
    },
    {
      name: 'a condition decided from literals keeps only its branch',
      yaml: fileSystem('Encrypted: !If [Always, true, false]', 'Conditions:\n  Always: !Equals [1, 1]\n'),
    },
    {
      name: 'other EFS resources',
      yaml: resourcesYaml('Point:\n  Type: AWS::EFS::AccessPoint\n  Properties:\n    FileSystemId: fs-01234567\n'),
    },
    { name: 'Terraform: encrypted', tf: tfFileSystem('"encrypted": true') },
    {
      name: 'Terraform: a variable without default is unknown',
      tf: tfFileSystem('"encrypted": "${var.encrypt}"', '"variable": {"encrypt": {}},'),
    },
    { name: 'plan: encrypted planned', plan: planFileSystem('{"encrypted": true}', '{}') },
    {
      name: 'plan: computed by the provider and no configuration to tell whether it was written: unknown',
      plan: planFileSystem('{"creation_token": "shared"}', '{"encrypted": true}'),
    },
    {
      name: 'plan: an expression the configuration writes, known only after apply, is unknown',
      plan: planFileSystem('{}', '{"encrypted": true}', '{"encrypted": {"references": ["var.encrypt"]}}'),
    },
  ],
  invalid: [
    {
      name: 'no Properties: on the logical id, and the fix adds them',
      yaml: resourcesYaml('Shared:\n  Type: AWS::EFS::FileSystem\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Shared:\n~~~~~~' }],
      output: resourcesYaml('Shared:\n  Type: AWS::EFS::FileSystem\n  Properties:\n    Encrypted: true\n'),
    },
    {
      name: 'block style without Encrypted',
      yaml: fileSystem('ThroughputMode: elastic'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: fileSystem('ThroughputMode: elastic\n        Encrypted: true'),
    },
    {
      name: 'block style, Encrypted: false',
      yaml: fileSystem('Encrypted: false'),
      errors: [{ messageId: 'disabled', message: DISABLED, underline: 'Encrypted: false\n           ~~~~~' }],
      output: fileSystem('Encrypted: true'),
    },
    {
      name: 'KmsKeyId without Encrypted is refused by EFS: still reported, and the fix is what EFS asks for',
      yaml: fileSystem('KmsKeyId: alias/efs'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: fileSystem('KmsKeyId: alias/efs\n        Encrypted: true'),
    },
    {
      name: 'flow style without Encrypted',
      yaml: resourcesYaml(`
        Shared:
          Type: AWS::EFS::FileSystem
          Properties: { PerformanceMode: generalPurpose }
      `),
      errors: [{ messageId: 'missing', underline: 'Properties: { PerformanceMode: generalPurpose }\n~~~~~~~~~~' }],
      output: resourcesYaml(`
        Shared:
          Type: AWS::EFS::FileSystem
          Properties: { PerformanceMode: generalPurpose, Encrypted: true }
      `),
    },
    {
      name: 'flow style, Encrypted: false',
      yaml: resourcesYaml(`
        Shared:
          Type: AWS::EFS::FileSystem
          Properties: { Encrypted: false, PerformanceMode: maxIO }
      `),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(`
        Shared:
          Type: AWS::EFS::FileSystem
          Properties: { Encrypted: true, PerformanceMode: maxIO }
      `),
    },
    {
      name: 'JSON without Encrypted',
      json: `
        {
          "Resources": {
            "Shared": {
              "Type": "AWS::EFS::FileSystem",
              "Properties": {
                "PerformanceMode": "generalPurpose"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Shared": {
              "Type": "AWS::EFS::FileSystem",
              "Properties": {
                "PerformanceMode": "generalPurpose",
                "Encrypted": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON: "false" as a string becomes the boolean true',
      json: '{"Resources": {"Shared": {"Type": "AWS::EFS::FileSystem", "Properties": {"Encrypted": "false"}}}}',
      errors: [{ messageId: 'disabled', text: '"false"' }],
      output: '{"Resources": {"Shared": {"Type": "AWS::EFS::FileSystem", "Properties": {"Encrypted": true}}}}',
    },
    {
      name: 'Encrypted: !Ref AWS::NoValue is absence; the fix replaces it',
      yaml: fileSystem('Encrypted: !Ref AWS::NoValue'),
      errors: [{ messageId: 'missing', underline: 'Encrypted: !Ref AWS::NoValue\n~~~~~~~~~' }],
      output: fileSystem('Encrypted: true'),
    },
    {
      name: 'a parameter default of false is what deploys; a person decides the fix',
      yaml: fileSystem(
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
      yaml: fileSystem('Encrypted: !If [Prod, true, false]', ENV),
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
      name: 'Terraform: not set, reported on the resource name; the fix sets it and says the file system is replaced',
      tf: tfFileSystem('"creation_token": "shared"'),
      errors: [{ messageId: 'missing', message: TF_MISSING, underline: '"shared": {\n~~~~~~~~', line: 5 }],
      output: tfFileSystem('"creation_token": "shared",\n        "encrypted": true'),
    },
    {
      name: 'Terraform: encrypted false',
      tf: tfFileSystem('"encrypted": false, "kms_key_id": ""'),
      errors: [
        {
          messageId: 'disabled',
          message: TF_DISABLED,
          data: { setting: 'encrypted', creator: 'the AWS provider' },
          text: 'false',
        },
      ],
      output: tfFileSystem('"encrypted": true, "kms_key_id": ""'),
    },
    {
      name: 'Terraform: disabled by a variable default, named; the fix is left to a person',
      tf: tfFileSystem('"encrypted": "${var.encrypt}"', '"variable": {"encrypt": {"default": false}},'),
      errors: [
        {
          messageId: 'disabled',
          message: under(TF_DISABLED, 'by the default of variable encrypt'),
          text: '"${var.encrypt}"',
        },
      ],
      output: null,
    },
    {
      name: 'plan: left out of the configuration, so the provider’s unencrypted default applies',
      plan: planFileSystem(
        '{"creation_token": "shared"}',
        '{"encrypted": true}',
        '{"creation_token": {"constant_value": "shared"}}',
      ),
      errors: [
        {
          messageId: 'missing',
          message: inPlan(TF_MISSING, 'aws_efs_file_system.shared'),
          text: '"values"',
        },
      ],
      output: null,
    },
  ],
});
