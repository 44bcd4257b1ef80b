import { kmsKeyDeletionWindow } from '../../../src/rules/responsibility/kms-key-deletion-window';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const short = (days: number, setting = 'PendingWindowInDays'): string =>
  `${setting} is ${days}, shorter than the 30 days KMS allows and uses by default, so a deletion ` +
  `requested by mistake, by the stack or by an attacker leaves only ${days} days to notice and cancel it before ` +
  'everything encrypted under the key becomes unreadable for good.';

/** The engine names the branch a finding depends on before the message's final period. */
const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const key = (window: string, header = '', type = 'AWS::KMS::Key'): string =>
  header +
  resourcesYaml(`
    Key:
      Type: ${type}
      Properties:
        EnableKeyRotation: true
        PendingWindowInDays: ${window}
  `);

/** A `.tf.json` key of `type` whose body ends with `last`; `head` goes before the `resource` block. */
const tfKey = (last: string, head = '', type = 'aws_kms_key'): string => `{
  ${head}
  "resource": {
    "${type}": {
      "orders": {
        "enable_key_rotation": true${last === '' ? '' : `,\n        ${last}`}
      }
    }
  }
}
`;

/** A plan with one key and its planned values. */
const planKey = (values: string): string => `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        { "address": "aws_kms_key.orders", "mode": "managed", "type": "aws_kms_key", "name": "orders", "values": ${values} }
      ]
    }
  },
  "resource_changes": [
    { "address": "aws_kms_key.orders", "change": { "actions": ["create"], "after": ${values}, "after_unknown": {} } }
  ]
}
`;

new RuleTester().run(kmsKeyDeletionWindow, {
  valid: [
    { name: 'Terraform: absent, KMS waits 30 days', tf: tfKey('') },
    { name: 'Terraform: 30', tf: tfKey('"deletion_window_in_days": 30') },
    {
      name: 'Terraform: a variable without default is unknown',
      tf: tfKey('"deletion_window_in_days": "${var.days}"', '"variable": {"days": {"type": "number"}},'),
    },
    { name: 'plan: no window planned is the 30-day default', plan: planKey('{"enable_key_rotation": true}') },
    { name: 'absent: KMS waits 30 days', yaml: resourcesYaml('Key:\n  Type: AWS::KMS::Key\n') },
    { name: '30', yaml: key('30') },
    { name: "'30' as a string", yaml: key("'30'") },
    {
      name: 'a parameter without default is unknown',
      yaml: key('!Ref Days', 'Parameters:\n  Days:\n    Type: Number\n'),
    },
    {
      name: 'JSON',
      json: '{"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"PendingWindowInDays": 30}}}}',
    },
  ],
  invalid: [
    {
      name: 'seven days: on the value',
      yaml: key('7'),
      errors: [{ messageId: 'short', message: short(7), underline: 'PendingWindowInDays: 7\n                     ~' }],
      output: key('30'),
    },
    {
      name: 'a replica key',
      yaml: key('14', '', 'AWS::KMS::ReplicaKey'),
      errors: [{ messageId: 'short', data: { days: '14', setting: 'PendingWindowInDays' }, text: '14' }],
      output: key('30', '', 'AWS::KMS::ReplicaKey'),
    },
    {
      name: 'flow style',
      yaml: resourcesYaml('Key: { Type: AWS::KMS::Key, Properties: { PendingWindowInDays: 12 } }\n'),
      errors: [{ messageId: 'short', text: '12' }],
      output: resourcesYaml('Key: { Type: AWS::KMS::Key, Properties: { PendingWindowInDays: 30 } }\n'),
    },
    {
      name: 'JSON',
      json: '{"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"PendingWindowInDays": 7}}}}',
      errors: [{ messageId: 'short', text: '7' }],
      output: '{"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"PendingWindowInDays": 30}}}}',
    },
    {
      name: 'Terraform: seven days, on the value; the fix sets 30',
      tf: tfKey('"deletion_window_in_days": 7'),
      errors: [
        {
          messageId: 'short',
          message: short(7, 'deletion_window_in_days'),
          data: { days: '7', setting: 'deletion_window_in_days' },
          underline: '"deletion_window_in_days": 7\n                           ~',
        },
      ],
      output: tfKey('"deletion_window_in_days": 30'),
    },
    {
      name: 'Terraform: a replica of an external key, the window as a string',
      tf: tfKey('"deletion_window_in_days": "10"', '', 'aws_kms_replica_external_key'),
      errors: [{ messageId: 'short', text: '"10"' }],
      output: tfKey('"deletion_window_in_days": 30', '', 'aws_kms_replica_external_key'),
    },
    {
      name: 'Terraform: a variable default is what deploys, named; a person edits the variable',
      tf: tfKey(
        '"deletion_window_in_days": "${var.days}"',
        '"variable": {"days": {"default": 7}},',
        'aws_kms_external_key',
      ),
      errors: [
        {
          messageId: 'short',
          message: under(short(7, 'deletion_window_in_days'), 'by the default of variable days'),
          text: '"${var.days}"',
        },
      ],
      output: null,
    },
    {
      name: 'plan: judged by the planned value, with no fix',
      plan: planKey('{"enable_key_rotation": true, "deletion_window_in_days": 14}'),
      errors: [
        {
          messageId: 'short',
          message: `${short(14, 'deletion_window_in_days')} This is a plan: fix aws_kms_key.orders in the Terraform configuration and plan again.`,
          text: '14',
          line: 6,
        },
      ],
      output: null,
    },
    {
      name: 'a parameter default is what deploys; a person decides the fix',
      yaml: key('!Ref Days', 'Parameters:\n  Days:\n    Type: Number\n    Default: 7\n'),
      errors: [{ messageId: 'short', message: under(short(7), 'by the default of parameter Days'), text: '!Ref Days' }],
      output: null,
    },
  ],
});
