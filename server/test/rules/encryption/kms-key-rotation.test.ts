import { kmsKeyRotation } from '../../../src/rules/encryption/kms-key-rotation';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const MISSING =
  'Automatic key rotation is off: EnableKeyRotation is not set, and KMS does not rotate a key unless asked, so ' +
  'one key material protects every data key for the key’s whole life.';
const DISABLED =
  'Automatic key rotation is off: EnableKeyRotation is false, so one key material protects every data key for ' +
  'the key’s whole life.';

const TF_MISSING = MISSING.replace('EnableKeyRotation', 'enable_key_rotation');
const TF_DISABLED = DISABLED.replace('EnableKeyRotation', 'enable_key_rotation');

const tfKey = (body: string, head = ''): string =>
  tfResource('aws_kms_key', 'orders', `"description": "Encrypts the orders data",\n        ${body}`, head);

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A key in block style whose properties end with `last`. */
const key = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Key:
      Type: AWS::KMS::Key
      Properties:
        Description: Encrypts the orders data
        ${last}
  `);

new RuleTester().run(kmsKeyRotation, {
  valid: [
    { name: 'Terraform: rotation on', tf: tfKey('"enable_key_rotation": true') },
    {
      name: 'Terraform: an asymmetric key cannot rotate',
      tf: tfKey('"customer_master_key_spec": "RSA_3072",\n        "key_usage": "SIGN_VERIFY"'),
    },
    {
      name: 'Terraform: a key in a custom key store cannot rotate',
      tf: tfKey('"custom_key_store_id": "cks-1234567890abcdef0"'),
    },
    {
      name: 'Terraform: a spec from a variable without default is unknown',
      tf: tfKey('"customer_master_key_spec": "${var.spec}"'),
    },
    {
      name: 'plan: rotation on; the state writes no key store as ""',
      plan: planOf([
        {
          type: 'aws_kms_key',
          name: 'orders',
          values:
            '{ "enable_key_rotation": true, "customer_master_key_spec": "SYMMETRIC_DEFAULT", "custom_key_store_id": "" }',
        },
      ]),
    },
    { name: 'EnableKeyRotation: true', yaml: key('EnableKeyRotation: true') },
    { name: 'with a rotation period', yaml: key('EnableKeyRotation: true\n        RotationPeriodInDays: 90') },
    {
      name: 'flow style',
      yaml: resourcesYaml(
        'Key:\n  Type: AWS::KMS::Key\n  Properties: { EnableKeyRotation: true, KeySpec: SYMMETRIC_DEFAULT }\n',
      ),
    },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": "true"}}}}',
    },
    {
      name: 'an asymmetric signing key cannot rotate',
      yaml: key('KeySpec: ECC_NIST_P256\n        KeyUsage: SIGN_VERIFY'),
    },
    { name: 'an RSA encryption key cannot rotate', yaml: key('KeySpec: RSA_4096\n        EnableKeyRotation: false') },
    { name: 'an HMAC key cannot rotate', yaml: key('KeySpec: HMAC_256\n        KeyUsage: GENERATE_VERIFY_MAC') },
    { name: 'a key for imported key material cannot rotate automatically', yaml: key('Origin: EXTERNAL') },
    {
      name: 'a key spec from a parameter without default is unknown',
      yaml: key('KeySpec: !Ref Spec', 'Parameters:\n  Spec:\n    Type: String\n'),
    },
    {
      name: 'a rotation setting from a parameter without default is unknown',
      yaml: key('EnableKeyRotation: !Ref Rotate', 'Parameters:\n  Rotate:\n    Type: String\n'),
    },
    {
      name: 'a condition decided from literals keeps only its branch',
      yaml: key('EnableKeyRotation: !If [Always, true, false]', 'Conditions:\n  Always: !Equals [a, a]\n'),
    },
    {
      name: 'replica keys take rotation from their primary',
      yaml: resourcesYaml(
        'Replica:\n  Type: AWS::KMS::ReplicaKey\n  Properties:\n    PrimaryKeyArn: arn:aws:kms:us-east-1:123456789012:key/mrk-1\n    KeyPolicy: {}\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: not set, on the resource name; the safe fix turns rotation on',
      tf: tfKey('"deletion_window_in_days": 30'),
      errors: [
        {
          messageId: 'missing',
          message: TF_MISSING,
          data: { setting: 'enable_key_rotation' },
          text: '"orders"',
          line: 5,
        },
      ],
      output: tfKey('"deletion_window_in_days": 30,\n        "enable_key_rotation": true'),
    },
    {
      name: 'Terraform: false, on a key that spells out the symmetric defaults',
      tf: tfKey(
        '"customer_master_key_spec": "SYMMETRIC_DEFAULT",\n        "key_usage": "ENCRYPT_DECRYPT",\n        "enable_key_rotation": false',
      ),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: 'false' }],
      output: tfKey(
        '"customer_master_key_spec": "SYMMETRIC_DEFAULT",\n        "key_usage": "ENCRYPT_DECRYPT",\n        "enable_key_rotation": true',
      ),
    },
    {
      name: 'Terraform: off by a variable default names the variable; no fix',
      tf: tfKey(
        '"enable_key_rotation": "${var.rotate}"',
        '"variable": { "rotate": { "type": "bool", "default": false } },',
      ),
      errors: [
        {
          messageId: 'disabled',
          message: under(TF_DISABLED, 'by the default of variable rotate'),
          text: '"${var.rotate}"',
        },
      ],
      output: null,
    },
    {
      name: 'plan: the provider’s default, false',
      plan: planOf([
        {
          type: 'aws_kms_key',
          name: 'orders',
          values:
            '{ "enable_key_rotation": false, "customer_master_key_spec": "SYMMETRIC_DEFAULT", "key_usage": "ENCRYPT_DECRYPT" }',
        },
      ]),
      errors: [{ messageId: 'disabled', message: inPlan(TF_DISABLED, 'aws_kms_key.orders'), text: 'false', line: 6 }],
      output: null,
    },
    {
      name: 'no Properties: on the logical id, and the fix adds them',
      yaml: resourcesYaml('Key:\n  Type: AWS::KMS::Key\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Key:\n~~~' }],
      output: resourcesYaml('Key:\n  Type: AWS::KMS::Key\n  Properties:\n    EnableKeyRotation: true\n'),
    },
    {
      name: 'block style without EnableKeyRotation',
      yaml: key('KeyUsage: ENCRYPT_DECRYPT'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: key('KeyUsage: ENCRYPT_DECRYPT\n        EnableKeyRotation: true'),
    },
    {
      name: 'block style, EnableKeyRotation: false, with SYMMETRIC_DEFAULT named',
      yaml: key('KeySpec: SYMMETRIC_DEFAULT\n        EnableKeyRotation: false'),
      errors: [
        { messageId: 'disabled', message: DISABLED, underline: 'EnableKeyRotation: false\n                   ~~~~~' },
      ],
      output: key('KeySpec: SYMMETRIC_DEFAULT\n        EnableKeyRotation: true'),
    },
    {
      name: 'flow style without EnableKeyRotation',
      yaml: resourcesYaml('Key:\n  Type: AWS::KMS::Key\n  Properties: { Description: orders, MultiRegion: true }\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(
        'Key:\n  Type: AWS::KMS::Key\n  Properties: { Description: orders, MultiRegion: true, EnableKeyRotation: true }\n',
      ),
    },
    {
      name: 'empty flow-style Properties',
      yaml: resourcesYaml('Key:\n  Type: AWS::KMS::Key\n  Properties: {}\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml('Key:\n  Type: AWS::KMS::Key\n  Properties: { EnableKeyRotation: true }\n'),
    },
    {
      name: 'flow style, EnableKeyRotation: false',
      yaml: resourcesYaml(
        'Key:\n  Type: AWS::KMS::Key\n  Properties: { EnableKeyRotation: false, Description: orders }\n',
      ),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(
        'Key:\n  Type: AWS::KMS::Key\n  Properties: { EnableKeyRotation: true, Description: orders }\n',
      ),
    },
    {
      name: 'JSON without EnableKeyRotation',
      json: `
        {
          "Resources": {
            "Key": {
              "Type": "AWS::KMS::Key",
              "Properties": {
                "Description": "orders"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Key": {
              "Type": "AWS::KMS::Key",
              "Properties": {
                "Description": "orders",
                "EnableKeyRotation": true
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, EnableKeyRotation: false',
      json: '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": false}}}}',
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}}}}',
    },
    {
      name: 'a parameter default of false is what deploys; a person decides the fix',
      yaml: key(
        'EnableKeyRotation: !Ref Rotate',
        "Parameters:\n  Rotate:\n    Type: String\n    AllowedValues: ['true', 'false']\n    Default: 'false'\n",
      ),
      errors: [
        { messageId: 'disabled', message: under(DISABLED, 'by the default of parameter Rotate'), text: '!Ref Rotate' },
      ],
      output: null,
    },
    {
      name: 'without a default, an allowed value of false is named',
      yaml: key(
        'EnableKeyRotation: !Ref Rotate',
        "Parameters:\n  Rotate:\n    Type: String\n    AllowedValues: ['true', 'false']\n",
      ),
      errors: [
        { messageId: 'disabled', message: under(DISABLED, "when parameter Rotate is 'false'"), text: '!Ref Rotate' },
      ],
      output: null,
    },
    {
      name: 'the disabled branch of an undecided !If is named, and left to a person',
      yaml: key('EnableKeyRotation: !If [Prod, true, false]', ENV),
      errors: [
        {
          messageId: 'disabled',
          message: under(DISABLED, 'when condition Prod is false'),
          underline: 'EnableKeyRotation: !If [Prod, true, false]\n                                    ~~~~~',
        },
      ],
      output: null,
    },
    {
      name: 'a key that can rotate on every branch: one finding, and the fix',
      yaml: key('Origin: !If [Prod, AWS_KMS, !Ref AWS::NoValue]', ENV),
      errors: [{ messageId: 'missing', message: MISSING, text: 'Properties' }],
      output: key('Origin: !If [Prod, AWS_KMS, !Ref AWS::NoValue]\n        EnableKeyRotation: true', ENV),
    },
    {
      name: 'a key spec that is symmetric on one branch only: judged on that branch',
      yaml: key('KeySpec: !If [Prod, SYMMETRIC_DEFAULT, RSA_2048]', ENV),
      errors: [{ messageId: 'missing', message: under(MISSING, 'when condition Prod is true'), text: 'Properties' }],
      output: null,
    },
  ],
});
