import * as assert from 'node:assert/strict';
import { Linter } from '../../../src/engine/linter';
import { RuleSet } from '../../../src/engine/rule-set';
import { kmsKeyRetain } from '../../../src/rules/responsibility/kms-key-retain';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const WINDOW =
  'KMS then deletes the key after its waiting period (PendingWindowInDays, 7 to 30 days, 30 by default), and ' +
  'everything encrypted under it becomes unreadable for good.';
const NEITHER =
  'Neither DeletionPolicy nor UpdateReplacePolicy is set, so deleting the stack, removing the key from the ' +
  `template or replacing it schedules the key for deletion. ${WINDOW}`;
const DELETION_EVENT = 'deleting the stack or removing the key from the template';
const REPLACE_EVENT = 'a change that replaces the key';
const NO_DELETION = `DeletionPolicy is not set (only UpdateReplacePolicy is), so ${DELETION_EVENT} schedules the key for deletion. ${WINDOW}`;
const notRetain = (attribute: string, value: string, event: string): string =>
  `${attribute} is '${value}', not Retain, so ${event} schedules the key for deletion. ${WINDOW}`;

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

/** A key whose resource attributes are `attributes` (block-style lines), with rotation on so only policies matter. */
const key = (attributes: string, header = '', type = 'AWS::KMS::Key'): string =>
  header +
  resourcesYaml(`
    Key:
      Type: ${type}
      ${attributes}
      Properties:
        EnableKeyRotation: true
  `);

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

const notPrevented = (state: string): string =>
  `lifecycle.prevent_destroy is ${state}, so terraform destroy, or a change that replaces the key, schedules the key ` +
  'for deletion. KMS then deletes it after its waiting period (deletion_window_in_days, 7 to 30 days, 30 by ' +
  'default), and everything encrypted under it becomes unreadable for good.';

/** A `.tf.json` key of `type` whose body ends with `last`. */
const tfKey = (last: string, type = 'aws_kms_key'): string => `{
  "resource": {
    "${type}": {
      "orders": {
        "enable_key_rotation": true${last === '' ? '' : `,\n        ${last}`}
      }
    }
  }
}
`;

/** A plan with one key: a plan does not record `lifecycle`. */
const PLAN = `{
  "format_version": "1.2",
  "planned_values": { "root_module": { "resources": [
    { "address": "aws_kms_key.orders", "mode": "managed", "type": "aws_kms_key", "name": "orders", "values": { "enable_key_rotation": true } }
  ] } },
  "resource_changes": []
}
`;

new RuleTester().run(kmsKeyRetain, {
  valid: [
    { name: 'Terraform: prevent_destroy', tf: tfKey('"lifecycle": { "prevent_destroy": true }') },
    {
      name: 'Terraform: a replica key, the lifecycle block as an array',
      tf: tfKey('"lifecycle": [{ "prevent_destroy": true }]', 'aws_kms_replica_key'),
    },
    { name: 'plan: lifecycle is not in a plan, so it is not judged', plan: PLAN },
    { name: 'both Retain', yaml: key('DeletionPolicy: Retain\n      UpdateReplacePolicy: Retain') },
    {
      name: 'RetainExceptOnCreate keeps the key once the stack exists',
      yaml: key('DeletionPolicy: RetainExceptOnCreate\n      UpdateReplacePolicy: Retain'),
    },
    {
      name: 'a replica key retained',
      yaml: key('DeletionPolicy: Retain\n      UpdateReplacePolicy: Retain', '', 'AWS::KMS::ReplicaKey'),
    },
    {
      name: 'JSON',
      json: '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}}}',
    },
    {
      name: 'a policy from a parameter without default is unknown',
      yaml: key(
        'DeletionPolicy: !Ref Policy\n      UpdateReplacePolicy: !Ref Policy',
        'Transform: AWS::LanguageExtensions\nParameters:\n  Policy:\n    Type: String\n',
      ),
    },
    {
      name: 'a parameter default of Retain is what deploys',
      yaml: key(
        'DeletionPolicy: !Ref Policy\n      UpdateReplacePolicy: Retain',
        'Transform: AWS::LanguageExtensions\nParameters:\n  Policy:\n    Type: String\n    Default: Retain\n',
      ),
    },
    {
      name: 'other KMS resources',
      yaml: resourcesYaml(
        'Alias:\n  Type: AWS::KMS::Alias\n  Properties:\n    AliasName: alias/orders\n    TargetKeyId: k\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: no prevent_destroy, on the key’s name; the fix adds the lifecycle block',
      tf: tfKey(''),
      errors: [
        { messageId: 'notPrevented', message: notPrevented('not set'), data: { state: 'not set' }, text: '"orders"' },
      ],
      output: tfKey('"lifecycle": {\n          "prevent_destroy": true\n        }'),
    },
    {
      name: 'Terraform: a lifecycle block without prevent_destroy; the fix adds it there',
      tf: tfKey('"lifecycle": { "ignore_changes": ["description"] }', 'aws_kms_external_key'),
      errors: [{ messageId: 'notPrevented', text: '"orders"' }],
      output: tfKey(
        '"lifecycle": { "ignore_changes": ["description"], "prevent_destroy": true }',
        'aws_kms_external_key',
      ),
    },
    {
      name: 'Terraform: prevent_destroy false, on the value',
      tf: tfKey('"lifecycle": { "prevent_destroy": false }', 'aws_kms_replica_external_key'),
      errors: [{ messageId: 'notPrevented', message: notPrevented('false'), text: 'false' }],
      output: tfKey('"lifecycle": { "prevent_destroy": true }', 'aws_kms_replica_external_key'),
    },
    {
      name: 'neither set: on the logical id, and the fix adds both',
      yaml: resourcesYaml('Key:\n  Type: AWS::KMS::Key\n  Properties:\n    EnableKeyRotation: true\n'),
      errors: [{ messageId: 'neither', message: NEITHER, underline: 'Key:\n~~~' }],
      output: resourcesYaml(`
        Key:
          Type: AWS::KMS::Key
          Properties:
            EnableKeyRotation: true
          DeletionPolicy: Retain
          UpdateReplacePolicy: Retain
      `),
    },
    {
      name: 'only UpdateReplacePolicy set',
      yaml: key('UpdateReplacePolicy: Retain'),
      errors: [
        {
          messageId: 'oneMissing',
          message: NO_DELETION,
          data: { attribute: 'DeletionPolicy', other: 'UpdateReplacePolicy', event: DELETION_EVENT },
          underline: 'Key:\n~~~',
        },
      ],
      output: resourcesYaml(`
        Key:
          Type: AWS::KMS::Key
          UpdateReplacePolicy: Retain
          Properties:
            EnableKeyRotation: true
          DeletionPolicy: Retain
      `),
    },
    {
      name: 'only DeletionPolicy set, on a replica key',
      yaml: key('DeletionPolicy: Retain', '', 'AWS::KMS::ReplicaKey'),
      errors: [
        {
          messageId: 'oneMissing',
          data: { attribute: 'UpdateReplacePolicy', other: 'DeletionPolicy', event: REPLACE_EVENT },
          underline: 'Key:\n~~~',
        },
      ],
      output: resourcesYaml(`
        Key:
          Type: AWS::KMS::ReplicaKey
          DeletionPolicy: Retain
          Properties:
            EnableKeyRotation: true
          UpdateReplacePolicy: Retain
      `),
    },
    {
      name: 'Delete, said outright',
      yaml: key('DeletionPolicy: Delete\n      UpdateReplacePolicy: Retain'),
      errors: [
        {
          messageId: 'notRetain',
          message: notRetain('DeletionPolicy', 'Delete', DELETION_EVENT),
          underline: 'DeletionPolicy: Delete\n                ~~~~~~',
        },
      ],
      output: key('DeletionPolicy: Retain\n      UpdateReplacePolicy: Retain'),
    },
    {
      name: 'Snapshot is not a policy a key can have',
      yaml: key('DeletionPolicy: Retain\n      UpdateReplacePolicy: Snapshot'),
      errors: [
        {
          messageId: 'notRetain',
          message: notRetain('UpdateReplacePolicy', 'Snapshot', REPLACE_EVENT),
          text: 'Snapshot',
        },
      ],
      output: key('DeletionPolicy: Retain\n      UpdateReplacePolicy: Retain'),
    },
    {
      name: 'RetainExceptOnCreate is not valid for UpdateReplacePolicy',
      yaml: key('DeletionPolicy: Retain\n      UpdateReplacePolicy: RetainExceptOnCreate'),
      errors: [{ messageId: 'notRetain', text: 'RetainExceptOnCreate' }],
      output: key('DeletionPolicy: Retain\n      UpdateReplacePolicy: Retain'),
    },
    {
      name: 'one missing and one Delete: both reported',
      yaml: key('DeletionPolicy: Delete'),
      errors: [
        {
          messageId: 'oneMissing',
          data: { attribute: 'UpdateReplacePolicy', other: 'DeletionPolicy', event: REPLACE_EVENT },
          text: 'Key',
          line: 3,
        },
        { messageId: 'notRetain', text: 'Delete' },
      ],
      output: resourcesYaml(`
        Key:
          Type: AWS::KMS::Key
          DeletionPolicy: Retain
          Properties:
            EnableKeyRotation: true
          UpdateReplacePolicy: Retain
      `),
    },
    {
      name: 'flow style resource body',
      yaml: resourcesYaml('Key: { Type: AWS::KMS::Key, Properties: { EnableKeyRotation: true } }\n'),
      errors: [{ messageId: 'neither', text: 'Key', line: 3, column: 3 }],
      output: resourcesYaml(
        'Key: { Type: AWS::KMS::Key, Properties: { EnableKeyRotation: true }, DeletionPolicy: Retain, UpdateReplacePolicy: Retain }\n',
      ),
    },
    {
      name: 'flow style, Delete',
      yaml: resourcesYaml(
        'Key: { Type: AWS::KMS::Key, DeletionPolicy: Delete, UpdateReplacePolicy: Retain, Properties: { EnableKeyRotation: true } }\n',
      ),
      errors: [{ messageId: 'notRetain', text: 'Delete' }],
      output: resourcesYaml(
        'Key: { Type: AWS::KMS::Key, DeletionPolicy: Retain, UpdateReplacePolicy: Retain, Properties: { EnableKeyRotation: true } }\n',
      ),
    },
    {
      name: 'JSON, neither set',
      json: `
        {
          "Resources": {
            "Key": {
              "Type": "AWS::KMS::Key",
              "Properties": { "EnableKeyRotation": true }
            }
          }
        }
      `,
      errors: [{ messageId: 'neither', text: '"Key"' }],
      output: `
        {
          "Resources": {
            "Key": {
              "Type": "AWS::KMS::Key",
              "Properties": { "EnableKeyRotation": true },
              "DeletionPolicy": "Retain",
              "UpdateReplacePolicy": "Retain"
            }
          }
        }
      `,
    },
    {
      name: 'JSON, Delete',
      json: '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "DeletionPolicy": "Delete", "UpdateReplacePolicy": "Retain"}}}',
      errors: [{ messageId: 'notRetain', text: '"Delete"' }],
      output:
        '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}}}',
    },
    {
      name: 'a parameter default of Delete is what deploys; a person decides the fix',
      yaml: key(
        'DeletionPolicy: !Ref Policy\n      UpdateReplacePolicy: Retain',
        'Transform: AWS::LanguageExtensions\nParameters:\n  Policy:\n    Type: String\n    Default: Delete\n',
      ),
      errors: [
        {
          messageId: 'notRetain',
          message: under(notRetain('DeletionPolicy', 'Delete', DELETION_EVENT), 'by the default of parameter Policy'),
          text: '!Ref Policy',
        },
      ],
      output: null,
    },
    {
      name: 'the Delete branch of an undecided !If is named, and left to a person',
      yaml: key(
        'DeletionPolicy: !If [Prod, Retain, Delete]\n      UpdateReplacePolicy: Retain',
        `Transform: AWS::LanguageExtensions\n${ENV}`,
      ),
      errors: [
        {
          messageId: 'notRetain',
          message: under(notRetain('DeletionPolicy', 'Delete', DELETION_EVENT), 'when condition Prod is false'),
          underline: 'DeletionPolicy: !If [Prod, Retain, Delete]\n                                   ~~~~~~',
        },
      ],
      output: null,
    },
    {
      name: 'a branch that deletes is left to a person; the attribute missing on every branch is fixed',
      yaml: key('DeletionPolicy: !If [Prod, Retain, Delete]', `Transform: AWS::LanguageExtensions\n${ENV}`),
      errors: [
        {
          messageId: 'oneMissing',
          message: `UpdateReplacePolicy is not set (only DeletionPolicy is), so ${REPLACE_EVENT} schedules the key for deletion. ${WINDOW}`,
          text: 'Key',
          line: 9,
        },
        {
          messageId: 'notRetain',
          message: under(notRetain('DeletionPolicy', 'Delete', DELETION_EVENT), 'when condition Prod is false'),
          text: 'Delete',
        },
      ],
      output: resourcesYaml(`
        Key:
          Type: AWS::KMS::Key
          DeletionPolicy: !If [Prod, Retain, Delete]
          Properties:
            EnableKeyRotation: true
          UpdateReplacePolicy: Retain
      `).replace(/^/, `Transform: AWS::LanguageExtensions\n${ENV}`),
    },
  ],
});

describe('responsibility/kms-key-retain fix kinds', () => {
  const linter = new Linter(new RuleSet([kmsKeyRetain]));
  const fixesOf = (yaml: string): [string, boolean][] =>
    linter
      .lint(yaml, 'keys.yaml')
      .findings.flatMap((finding) => finding.fixes.map((fix): [string, boolean] => [finding.messageId, fix.safe]));

  it('adds a missing policy in bulk (safe), but overrides an explicit Delete only as a suggestion', () => {
    const template = (attributes: string): string =>
      `Resources:\n  Key:\n    Type: AWS::KMS::Key\n${attributes}    Properties: { EnableKeyRotation: true }\n`;
    assert.deepEqual(fixesOf(template('')), [['neither', true]]);
    assert.deepEqual(fixesOf(template('    DeletionPolicy: Delete\n    UpdateReplacePolicy: Retain\n')), [
      ['notRetain', false],
    ]);
  });

  it('in Terraform, adds prevent_destroy only as a suggestion: terraform destroy then fails', () => {
    const findings = linter.lint(tfKey(''), 'main.tf.json').findings;
    assert.deepEqual(
      findings.flatMap((finding) => finding.fixes.map((fix) => [fix.title, fix.safe])),
      [['Refuse to destroy the key (lifecycle.prevent_destroy: true) — terraform destroy then fails', false]],
    );
  });
});
