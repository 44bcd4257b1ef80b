import * as assert from 'node:assert';
import {
  LIFECYCLE_AS_OF,
  lambdaDeprecatedRuntime,
  lambdaDeprecatedRuntimeOn,
} from '../../../src/rules/responsibility/lambda-deprecated-runtime';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const deprecated = (runtime: string, date: string, replacement: string, setting = 'Runtime'): string =>
  `${setting} ${runtime} was deprecated by AWS on ${date}: it no longer receives security patches, so the ` +
  'language runtime under this function stays vulnerable; keeping the application stack patched is the ' +
  `customer’s job. Move the code to ${replacement}.`;

const deprecating = (runtime: string, date: string, replacement: string): string =>
  `Runtime ${runtime} will be deprecated by AWS on ${date}, after which it receives no security patches; ` +
  `keeping the application stack patched is the customer’s job. Plan and test the move to ${replacement} ` +
  'before then.';

const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

/** A function in block style with the given Runtime line. */
const lambda = (runtime: string, header = ''): string =>
  header +
  resourcesYaml(`
    Fn:
      Type: AWS::Lambda::Function
      Properties:
        Handler: index.handler
        Role: arn:aws:iam::123456789012:role/fn
        Code: { ZipFile: "exports.handler = async () => 1;" }
        ${runtime}
  `);

/** A `.tf.json` function whose body ends with `last`; `head` goes before the `resource` block. */
const tfFunction = (last: string, head = ''): string => `{
  ${head}
  "resource": {
    "aws_lambda_function": {
      "orders": {
        "function_name": "orders",
        "handler": "index.handler",
        ${last}
      }
    }
  }
}
`;

/** A plan with one function, `count`ed, and its planned values. */
const planFunction = (values: string): string => `{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        { "address": "aws_lambda_function.orders[0]", "mode": "managed", "type": "aws_lambda_function", "name": "orders", "index": 0, "values": ${values} }
      ]
    }
  },
  "resource_changes": []
}
`;

describe('lambda-deprecated-runtime clock', () => {
  it('judges against the data file’s asOf by default', () => {
    assert.strictEqual(LIFECYCLE_AS_OF, '2026-11-28');
  });
});

new RuleTester().run(lambdaDeprecatedRuntime, {
  valid: [
    { name: 'a supported runtime', yaml: lambda('Runtime: nodejs24.x') },
    { name: 'Terraform: a supported runtime', tf: tfFunction('"runtime": "python3.13"') },
    { name: 'Terraform: a container image has no runtime', tf: tfFunction('"package_type": "Image"') },
    { name: 'Terraform: a variable without default is unknown', tf: tfFunction('"runtime": "${var.runtime}"') },
    { name: 'plan: a supported runtime', plan: planFunction('{"runtime": "nodejs24.x"}') },
    { name: 'more than six months before deprecation', yaml: lambda('Runtime: python3.13') },
    { name: 'a container image has no Runtime', yaml: lambda('PackageType: Image') },
    { name: 'a runtime the data does not know is not judged', yaml: lambda('Runtime: python4.0') },
    {
      name: 'a parameter without default or allowed values is unknown',
      yaml: lambda('Runtime: !Ref Runtime', 'Parameters:\n  Runtime:\n    Type: String\n'),
    },
  ],
  invalid: [
    {
      name: 'Terraform: deprecated, on the value, with no fix',
      tf: tfFunction('"runtime": "nodejs18.x"'),
      errors: [
        {
          messageId: 'deprecated',
          message: deprecated('nodejs18.x', '2025-09-01', 'nodejs24.x', 'runtime'),
          data: { setting: 'runtime', runtime: 'nodejs18.x', date: '2025-09-01', replacement: 'nodejs24.x' },
          text: '"nodejs18.x"',
        },
      ],
    },
    {
      name: 'Terraform: a local is followed',
      tf: tfFunction('"runtime": "${local.runtime}"', '"locals": {"runtime": "python3.9"},'),
      errors: [
        {
          messageId: 'deprecated',
          message: deprecated('python3.9', '2025-12-15', 'python3.14', 'runtime'),
          text: '"${local.runtime}"',
        },
      ],
    },
    {
      name: 'plan: the planned runtime of a counted instance',
      plan: planFunction('{"runtime": "nodejs22.x", "handler": "index.handler"}'),
      errors: [
        {
          messageId: 'deprecating',
          message:
            `${deprecating('nodejs22.x', '2027-04-30', 'nodejs24.x').replace(/^Runtime/, 'runtime')} ` +
            'This is a plan: fix aws_lambda_function.orders in the Terraform configuration and plan again.',
          text: '"nodejs22.x"',
        },
      ],
    },
    {
      name: 'block style, deprecated',
      yaml: lambda('Runtime: nodejs18.x'),
      errors: [
        {
          messageId: 'deprecated',
          message: deprecated('nodejs18.x', '2025-09-01', 'nodejs24.x'),
          data: { setting: 'Runtime', runtime: 'nodejs18.x', date: '2025-09-01', replacement: 'nodejs24.x' },
          underline: 'Runtime: nodejs18.x\n         ~~~~~~~~~~',
        },
      ],
    },
    {
      name: 'within six months of deprecation',
      yaml: lambda('Runtime: nodejs22.x'),
      errors: [
        {
          messageId: 'deprecating',
          message: deprecating('nodejs22.x', '2027-04-30', 'nodejs24.x'),
          text: 'nodejs22.x',
        },
      ],
    },
    {
      name: 'flow style, a SAM function',
      yaml:
        'Transform: AWS::Serverless-2016-10-31\n' +
        resourcesYaml(
          'Fn:\n  Type: AWS::Serverless::Function\n  Properties: { Handler: app.handler, Runtime: python3.9 }\n',
        ),
      errors: [
        { messageId: 'deprecated', message: deprecated('python3.9', '2025-12-15', 'python3.14'), text: 'python3.9' },
      ],
    },
    {
      name: 'JSON, go1.x moves to the OS-only runtime',
      json: '{"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "bootstrap", "Runtime": "go1.x"}}}}',
      errors: [
        { messageId: 'deprecated', message: deprecated('go1.x', '2024-01-08', 'provided.al2023'), text: '"go1.x"' },
      ],
    },
    {
      name: 'a parameter default is what deploys',
      yaml: lambda('Runtime: !Ref Runtime', 'Parameters:\n  Runtime:\n    Type: String\n    Default: java8\n'),
      errors: [
        {
          messageId: 'deprecated',
          message: under(deprecated('java8', '2024-01-08', 'java25'), 'by the default of parameter Runtime'),
          text: '!Ref Runtime',
        },
      ],
    },
    {
      name: 'one branch of an undecided condition',
      yaml: lambda(
        'Runtime: !If [Prod, python3.14, python3.8]',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n',
      ),
      errors: [
        {
          messageId: 'deprecated',
          message: under(deprecated('python3.8', '2024-10-14', 'python3.14'), 'when condition Prod is false'),
          text: 'python3.8',
        },
      ],
    },
  ],
});

new RuleTester().run(lambdaDeprecatedRuntimeOn('2025-06-01'), {
  valid: [{ name: 'before its deprecation and its notice, on an earlier clock', yaml: lambda('Runtime: python3.9') }],
  invalid: [
    {
      name: 'an earlier clock: nodejs18.x is only coming up for deprecation',
      yaml: lambda('Runtime: nodejs18.x'),
      errors: [
        {
          messageId: 'deprecating',
          message: deprecating('nodejs18.x', '2025-09-01', 'nodejs24.x'),
          text: 'nodejs18.x',
        },
      ],
    },
  ],
});
