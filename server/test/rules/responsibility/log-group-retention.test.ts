import { logGroupRetention } from '../../../src/rules/responsibility/log-group-retention';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const missing =
  'RetentionInDays is not set, and CloudWatch Logs then keeps every event forever: storage cost grows without ' +
  'bound, and personal data in the logs outlives any retention policy the customer has to enforce.';
const short = (days: number, setting = 'RetentionInDays'): string =>
  `${setting} is ${days}, less than a year, so the events are deleted before most intrusions are ` +
  'discovered, and the evidence an investigation needs is gone.';

/** A log group in block style whose properties end with `last`. */
const group = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Logs:
      Type: AWS::Logs::LogGroup
      Properties:
        LogGroupName: /app/orders
        ${last}
  `);

const TF_MISSING = missing.replace('RetentionInDays', 'retention_in_days');
const FOREVER =
  'retention_in_days is 0, which CloudWatch Logs reads as never expire: storage cost grows without bound, and ' +
  'personal data in the logs outlives any retention policy the customer has to enforce.';

/** A `.tf.json` log group whose body ends with `last`; `head` goes before the `resource` block. */
const tfGroup = (last: string, head = ''): string => `{
  ${head}
  "resource": {
    "aws_cloudwatch_log_group": {
      "orders": {
        "name": "/app/orders"${last === '' ? '' : `,\n        ${last}`}
      }
    }
  }
}
`;

/** A plan with one log group, in a child module. */
const planGroup = (values: string): string => `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "child_modules": [
        {
          "address": "module.app",
          "resources": [
            { "address": "module.app.aws_cloudwatch_log_group.orders", "mode": "managed", "type": "aws_cloudwatch_log_group", "name": "orders", "values": ${values} }
          ]
        }
      ]
    }
  },
  "resource_changes": []
}
`;

new RuleTester().run(logGroupRetention, {
  valid: [
    { name: 'Terraform: a year', tf: tfGroup('"retention_in_days": 365') },
    {
      name: 'Terraform: a variable whose default is two years',
      tf: tfGroup('"retention_in_days": "${var.days}"', '"variable": {"days": {"default": 731}},'),
    },
    { name: 'plan: a year planned', plan: planGroup('{"name": "/app/orders", "retention_in_days": 365}') },
    { name: 'a year', yaml: group('RetentionInDays: 365') },
    { name: 'ten years', yaml: group('RetentionInDays: 3653') },
    {
      name: 'JSON, a year as a string',
      json: '{"Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": "400"}}}}',
    },
    {
      name: 'a parameter with neither default nor allowed values is unknown',
      yaml: group('RetentionInDays: !Ref Days', 'Parameters:\n  Days:\n    Type: Number\n'),
    },
  ],
  invalid: [
    {
      name: 'Terraform: absent, on the resource name; the fix sets a year',
      tf: tfGroup(''),
      errors: [{ messageId: 'missing', message: TF_MISSING, data: { setting: 'retention_in_days' }, text: '"orders"' }],
      output: tfGroup('"retention_in_days": 365'),
    },
    {
      name: 'Terraform: 0 is never expire',
      tf: tfGroup('"retention_in_days": 0'),
      errors: [{ messageId: 'forever', message: FOREVER, text: '0' }],
      output: tfGroup('"retention_in_days": 365'),
    },
    {
      name: 'Terraform: short, from a local',
      tf: tfGroup('"retention_in_days": "${local.days}"', '"locals": {"days": 30},'),
      errors: [{ messageId: 'short', message: short(30, 'retention_in_days'), text: '"${local.days}"' }],
      output: null,
    },
    {
      name: 'plan: nothing set is planned as 0, never expire',
      plan: planGroup('{"name": "/app/orders", "retention_in_days": 0}'),
      errors: [
        {
          messageId: 'forever',
          message: `${FOREVER} This is a plan: fix module.app.aws_cloudwatch_log_group.orders in the Terraform configuration and plan again.`,
          text: '0',
        },
      ],
      output: null,
    },
    {
      name: 'block style, absent',
      yaml: group('LogGroupClass: STANDARD'),
      errors: [{ messageId: 'missing', message: missing, text: 'Properties' }],
      output: group('LogGroupClass: STANDARD\n        RetentionInDays: 365'),
    },
    {
      name: 'block style, short',
      yaml: group('RetentionInDays: 14'),
      errors: [{ messageId: 'short', message: short(14), data: { days: 14, setting: 'RetentionInDays' }, text: '14' }],
      output: group('RetentionInDays: 365'),
    },
    {
      name: 'no Properties: the fix creates them',
      yaml: resourcesYaml('Logs:\n  Type: AWS::Logs::LogGroup\n'),
      errors: [{ messageId: 'missing', underline: 'Logs:\n~~~~', line: 3 }],
      output: resourcesYaml('Logs:\n  Type: AWS::Logs::LogGroup\n  Properties:\n    RetentionInDays: 365\n'),
    },
    {
      name: 'flow style, absent',
      yaml: resourcesYaml('Logs:\n  Type: AWS::Logs::LogGroup\n  Properties: { LogGroupName: /app/orders }\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(
        'Logs:\n  Type: AWS::Logs::LogGroup\n  Properties: { LogGroupName: /app/orders, RetentionInDays: 365 }\n',
      ),
    },
    {
      name: 'flow style, short',
      yaml: resourcesYaml('Logs:\n  Type: AWS::Logs::LogGroup\n  Properties: { RetentionInDays: 30 }\n'),
      errors: [{ messageId: 'short', text: '30' }],
      output: resourcesYaml('Logs:\n  Type: AWS::Logs::LogGroup\n  Properties: { RetentionInDays: 365 }\n'),
    },
    {
      name: 'JSON, absent',
      json: `
        {
          "Resources": {
            "Logs": {
              "Type": "AWS::Logs::LogGroup",
              "Properties": {
                "LogGroupName": "/app/orders"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Logs": {
              "Type": "AWS::Logs::LogGroup",
              "Properties": {
                "LogGroupName": "/app/orders",
                "RetentionInDays": 365
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, short as a string',
      json: '{"Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": "7"}}}}',
      errors: [{ messageId: 'short', message: short(7), text: '"7"' }],
      output: '{"Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 365}}}}',
    },
    {
      name: 'a parameter default is reported, without a fix',
      yaml: group('RetentionInDays: !Ref Days', 'Parameters:\n  Days:\n    Type: Number\n    Default: 14\n'),
      errors: [
        {
          messageId: 'short',
          message: short(14).replace(/\.$/, ' (by the default of parameter Days).'),
          text: '!Ref Days',
        },
      ],
      output: null,
    },
    {
      name: 'one branch of a condition, without a fix',
      yaml: group(
        'RetentionInDays: !If [Prod, 731, !Ref AWS::NoValue]',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n',
      ),
      errors: [
        {
          messageId: 'missing',
          message: missing.replace(/\.$/, ' (when condition Prod is false).'),
          text: 'RetentionInDays',
        },
      ],
      output: null,
    },
  ],
});
