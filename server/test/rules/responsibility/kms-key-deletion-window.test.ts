import { kmsKeyDeletionWindow } from '../../../src/rules/responsibility/kms-key-deletion-window';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const short = (days: number): string =>
  `PendingWindowInDays is ${days}, shorter than the 30 days KMS allows and uses by default, so a deletion ` +
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

new RuleTester().run(kmsKeyDeletionWindow, {
  valid: [
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
      errors: [{ messageId: 'short', data: { days: '14' }, text: '14' }],
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
      name: 'a parameter default is what deploys; a person decides the fix',
      yaml: key('!Ref Days', 'Parameters:\n  Days:\n    Type: Number\n    Default: 7\n'),
      errors: [{ messageId: 'short', message: under(short(7), 'by the default of parameter Days'), text: '!Ref Days' }],
      output: null,
    },
  ],
});
