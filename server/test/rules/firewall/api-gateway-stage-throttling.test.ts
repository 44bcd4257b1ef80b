import { apiGatewayStageThrottling } from '../../../src/rules/firewall/api-gateway-stage-throttling';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

const API = `  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: api
`;

/** A stage of `Api` named prod with the given extra property lines (block YAML at 6 spaces), then `rest`. */
const stage = (lines = '', rest = ''): string =>
  `Resources:
${API}  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: abc123
      StageName: prod
${lines}${rest}`;

const plan = (apiStage: string, planThrottle = ''): string =>
  `  Plan:
    Type: AWS::ApiGateway::UsagePlan
    Properties:
${planThrottle}      ApiStages:
        - ${apiStage}
`;

const MESSAGE =
  'Stage Prod sets no throttling (no MethodSettings for */* with ThrottlingRateLimit or ThrottlingBurstLimit, ' +
  'no usage plan with a throttle): it is limited only by the account-level quota of 10,000 requests per second ' +
  '(bursts of 5,000), which every API in this account and region shares, so one flood on this API starves the others.';

const TF_STAGE =
  '"aws_api_gateway_stage": { "prod": { "rest_api_id": "${aws_api_gateway_rest_api.api.id}", "deployment_id": "${aws_api_gateway_deployment.api.id}", "stage_name": "prod" } }';
/** The method settings the fix adds beside others, in the one-line style of the type's object. */
const TF_ADDED =
  '"prod": { "rest_api_id": "${aws_api_gateway_stage.prod.rest_api_id}", "stage_name": "${aws_api_gateway_stage.prod.stage_name}", "method_path": "*/*", "settings": { "throttling_rate_limit": 100, "throttling_burst_limit": 200 } }';
const TF_TWO_STAGES = TF_STAGE.replace(
  / } }$/,
  ' }, "test": { "rest_api_id": "${aws_api_gateway_rest_api.api.id}", "stage_name": "test" } }',
);
const TF_API = '"aws_api_gateway_rest_api": { "api": { "name": "api" } }';
/** Method settings for the stage prod (by reference unless `stage` says otherwise) with these members. */
const tfSettings = (members: string, name = 'all', stage = '${aws_api_gateway_stage.prod.stage_name}'): string =>
  `"aws_api_gateway_method_settings": { "${name}": { "rest_api_id": "\${aws_api_gateway_rest_api.api.id}", "stage_name": "${stage}", ${members} } }`;
const TF_MESSAGE =
  'Stage aws_api_gateway_stage.prod sets no throttling (no aws_api_gateway_method_settings for */* with ' +
  'throttling_rate_limit or throttling_burst_limit, no usage plan with a throttle): it is limited only by the ' +
  'account-level quota of 10,000 requests per second (bursts of 5,000), which every API in this account and region ' +
  'shares, so one flood on this API starves the others.';
const TF_DATA = {
  stage: 'aws_api_gateway_stage.prod',
  settings: 'aws_api_gateway_method_settings',
  rate: 'throttling_rate_limit',
  burst: 'throttling_burst_limit',
};
/** An HTTP API stage with extra members. */
const tfRouteStage = (extra = ''): string =>
  tfJson([
    `"aws_apigatewayv2_stage": { "default": { "api_id": "\${aws_apigatewayv2_api.api.id}", "name": "$default"${extra} } }`,
  ]);

new RuleTester().run(apiGatewayStageThrottling, {
  valid: [
    {
      name: 'Terraform: stage-wide method settings with a rate limit',
      tf: tfJson([TF_API, TF_STAGE, tfSettings('"method_path": "*/*", "settings": { "throttling_rate_limit": 50 }')]),
    },
    {
      name: 'Terraform: stage-wide method settings by the same API and stage name',
      tf: tfJson([
        TF_API,
        TF_STAGE,
        tfSettings('"method_path": "*/*", "settings": { "throttling_burst_limit": 20 }', 'all', 'prod'),
      ]),
    },
    {
      name: 'Terraform: a usage plan with a throttle',
      tf: tfJson([
        TF_API,
        TF_STAGE,
        '"aws_api_gateway_usage_plan": { "plan": { "name": "plan", "api_stages": { "api_id": "${aws_api_gateway_rest_api.api.id}", "stage": "${aws_api_gateway_stage.prod.stage_name}" }, "throttle_settings": { "rate_limit": 10, "burst_limit": 20 } } }',
      ]),
    },
    {
      name: 'Terraform: method settings for a stage name from a variable without default are unknown',
      tf: tfJson([
        TF_API,
        TF_STAGE,
        tfSettings('"method_path": "*/*", "settings": { "throttling_rate_limit": 50 }', 'all', '${var.stage}'),
      ]),
    },
    {
      name: 'Terraform: method settings of another stage by reference, then ones whose API cannot be read: unknown',
      tf: tfJson([
        TF_API,
        TF_TWO_STAGES,
        '"aws_api_gateway_method_settings": { "test": { "rest_api_id": "${aws_api_gateway_rest_api.api.id}", "stage_name": "${aws_api_gateway_stage.test.stage_name}", "method_path": "*/*", "settings": { "throttling_rate_limit": 50 } }, "shared": { "rest_api_id": "${var.api}", "stage_name": "prod", "method_path": "*/*", "settings": { "throttling_rate_limit": 50 } } }',
      ]),
    },
    {
      name: 'Terraform: a stage named by a variable may be the one that method settings of another name throttle',
      tf: tfJson([
        TF_API,
        TF_STAGE.replace('"stage_name": "prod"', '"stage_name": "${var.stage}"'),
        tfSettings('"method_path": "*/*", "settings": { "throttling_rate_limit": 50 }', 'all', 'test'),
      ]),
    },
    {
      name: 'Terraform: a module may bring the method settings',
      tf: tfJson([TF_API, TF_STAGE], '  "module": { "throttling": { "source": "./throttling" } },\n'),
    },
    {
      name: 'Terraform: an HTTP API stage with a rate limit',
      tf: tfRouteStage(', "default_route_settings": { "throttling_rate_limit": 50 }'),
    },
    {
      name: 'plan: the method settings name the stage in the configuration',
      plan: planJson([
        { address: 'aws_api_gateway_stage.prod', values: { stage_name: 'prod' }, unknown: { rest_api_id: true } },
        {
          address: 'aws_api_gateway_method_settings.all',
          values: {
            stage_name: 'prod',
            method_path: '*/*',
            settings: [{ throttling_rate_limit: 50, throttling_burst_limit: -1 }],
          },
          unknown: { rest_api_id: true },
          references: { stage_name: ['aws_api_gateway_stage.prod.stage_name'] },
        },
      ]),
    },
    {
      name: 'stage-wide method settings with a rate limit',
      yaml: stage('      MethodSettings:\n        - { HttpMethod: "*", ResourcePath: /*, ThrottlingRateLimit: 50 }\n'),
    },
    {
      name: 'stage-wide burst limit as a string',
      yaml: stage(
        "      MethodSettings:\n        - { HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: '20' }\n",
      ),
    },
    {
      name: 'a usage plan with a plan-wide throttle, by reference',
      yaml: stage(
        '',
        plan('{ ApiId: !Ref Api, Stage: !Ref Prod }', '      Throttle: { RateLimit: 10, BurstLimit: 20 }\n'),
      ),
    },
    {
      name: 'a usage plan with a per-stage throttle, by stage name',
      yaml: stage('', plan("{ ApiId: !Ref Api, Stage: prod, Throttle: { '/pets/GET': { RateLimit: 10 } } }")),
    },
    {
      name: 'a usage plan on an imported API is unknown',
      yaml: stage('', plan('{ ApiId: !ImportValue ApiId, Stage: prod }', '      Throttle: { RateLimit: 10 }\n')),
    },
    {
      name: 'a stage named by a parameter may be the one a usage plan names literally, even for another API',
      yaml: `Parameters:
  StageName:
    Type: String
Resources:
${API}  Other:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: other
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: abc123
      StageName: !Ref StageName
${plan('{ ApiId: !Ref Other, Stage: prod }')}`,
    },
    {
      name: 'a method path from a parameter is unknown',
      yaml: stage('      MethodSettings:\n        - { HttpMethod: "*", ResourcePath: !Ref Path }\n').replace(
        'Resources:',
        'Parameters:\n  Path:\n    Type: String\nResources:',
      ),
    },
    {
      name: 'HTTP API: default route settings with a rate limit',
      yaml: resourcesYaml(`
        Default:
          Type: AWS::ApiGatewayV2::Stage
          Properties: { ApiId: abc123, StageName: $default, DefaultRouteSettings: { ThrottlingRateLimit: 50 } }
      `),
    },
    {
      name: 'HTTP API: a limit from a parameter without a default is unknown',
      yaml: resourcesYaml(`
        Default:
          Type: AWS::ApiGatewayV2::Stage
          Properties: { ApiId: abc123, StageName: $default, DefaultRouteSettings: { ThrottlingRateLimit: !Ref Rate } }
      `).replace('Resources:', 'Parameters:\n  Rate:\n    Type: Number\nResources:'),
    },
  ],
  invalid: [
    {
      name: 'Terraform: no method settings; the fix adds them',
      tf: tfJson([TF_API, TF_STAGE]),
      errors: [{ messageId: 'noThrottling', message: TF_MESSAGE, data: TF_DATA, text: '"prod"', line: 4, column: 32 }],
      output: `{
  "resource": {
    ${TF_API},
    ${TF_STAGE},
    "aws_api_gateway_method_settings": {
      "prod": {
        "rest_api_id": "\${aws_api_gateway_stage.prod.rest_api_id}",
        "stage_name": "\${aws_api_gateway_stage.prod.stage_name}",
        "method_path": "*/*",
        "settings": {
          "throttling_rate_limit": 100,
          "throttling_burst_limit": 200
        }
      }
    }
  }
}
`,
    },
    {
      name: 'Terraform: stage-wide method settings without limits; the fix sets them',
      tf: tfJson([TF_API, TF_STAGE, tfSettings('"method_path": "*/*", "settings": { "metrics_enabled": true }')]),
      errors: [{ messageId: 'noThrottling', text: '"prod"', line: 4, column: 32 }],
      output: tfJson([
        TF_API,
        TF_STAGE,
        tfSettings(
          '"method_path": "*/*", "settings": { "metrics_enabled": true, "throttling_rate_limit": 100, "throttling_burst_limit": 200 }',
        ),
      ]),
    },
    {
      name: 'Terraform: stage-wide limits for another stage of the configuration',
      tf: tfJson([
        TF_API,
        TF_TWO_STAGES,
        tfSettings(
          '"method_path": "*/*", "settings": { "throttling_rate_limit": 50 }',
          'test',
          '${aws_api_gateway_stage.test.stage_name}',
        ),
      ]),
      errors: [{ messageId: 'noThrottling', text: '"prod"', line: 4, column: 32 }],
      output: tfJson([
        TF_API,
        TF_TWO_STAGES,
        tfSettings(
          '"method_path": "*/*", "settings": { "throttling_rate_limit": 50 }',
          'test',
          '${aws_api_gateway_stage.test.stage_name}',
        ).replace(/ } }$/, ` }, ${TF_ADDED} }`),
      ]),
    },
    {
      name: 'Terraform: only one method throttled',
      tf: tfJson([
        TF_API,
        TF_STAGE,
        tfSettings('"method_path": "pets/GET", "settings": { "throttling_rate_limit": 5 }', 'pets'),
      ]),
      errors: [{ messageId: 'noThrottling', text: '"prod"', line: 4, column: 32 }],
      output: tfJson([
        TF_API,
        TF_STAGE,
        tfSettings('"method_path": "pets/GET", "settings": { "throttling_rate_limit": 5 }', 'pets').replace(
          / } }$/,
          ` }, ${TF_ADDED} }`,
        ),
      ]),
    },
    {
      name: 'Terraform: an HTTP API stage without default route settings',
      tf: tfRouteStage(),
      errors: [
        {
          messageId: 'noRouteThrottling',
          message:
            'Stage aws_apigatewayv2_stage.default sets no throttling (no throttling_rate_limit or throttling_burst_limit in ' +
            'default_route_settings): it is limited only by the account-level quota of 10,000 requests per second (bursts ' +
            'of 5,000), which every API in this account and region shares, so one flood on this API starves the others.',
          text: '"default"',
          column: 33,
        },
      ],
      output: tfRouteStage(
        ', "default_route_settings": { "throttling_rate_limit": 100, "throttling_burst_limit": 200 }',
      ),
    },
    {
      name: 'plan: method settings at the provider default, -1; no fix',
      plan: planJson([
        { address: 'aws_api_gateway_stage.prod', values: { stage_name: 'prod' }, unknown: { rest_api_id: true } },
        {
          address: 'aws_api_gateway_method_settings.all',
          values: {
            stage_name: 'prod',
            method_path: '*/*',
            settings: [{ metrics_enabled: true, throttling_rate_limit: -1, throttling_burst_limit: -1 }],
          },
          unknown: { rest_api_id: true },
          references: { stage_name: ['aws_api_gateway_stage.prod.stage_name'] },
        },
      ]),
      errors: [{ messageId: 'noThrottling', data: TF_DATA, text: '"values"', line: 11 }],
      output: null,
    },
    {
      name: 'plan: an HTTP API stage without default route settings; no fix',
      plan: planJson([
        { address: 'aws_apigatewayv2_stage.default', values: { name: '$default', default_route_settings: [] } },
      ]),
      errors: [{ messageId: 'noRouteThrottling', text: '[]' }],
      output: null,
    },
    {
      name: 'no method settings, block style',
      yaml: resourcesYaml(`
        Prod:
          Type: AWS::ApiGateway::Stage
          Properties:
            RestApiId: abc123
            DeploymentId: def456
            StageName: prod
      `),
      errors: [{ messageId: 'noThrottling', message: MESSAGE, text: 'Properties' }],
      output: resourcesYaml(`
        Prod:
          Type: AWS::ApiGateway::Stage
          Properties:
            RestApiId: abc123
            DeploymentId: def456
            StageName: prod
            MethodSettings:
              - HttpMethod: '*'
                ResourcePath: /*
                ThrottlingRateLimit: 100
                ThrottlingBurstLimit: 200
      `),
    },
    {
      name: 'a stage-wide item without limits, flow style: the limits are set in it',
      yaml: resourcesYaml(`
        Prod:
          Type: AWS::ApiGateway::Stage
          Properties: { RestApiId: abc123, StageName: prod, MethodSettings: [{ HttpMethod: '*', ResourcePath: /*, MetricsEnabled: true }] }
      `),
      errors: [{ messageId: 'noThrottling', text: 'MethodSettings' }],
      output: resourcesYaml(`
        Prod:
          Type: AWS::ApiGateway::Stage
          Properties: { RestApiId: abc123, StageName: prod, MethodSettings: [{ HttpMethod: '*', ResourcePath: /*, MetricsEnabled: true, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }] }
      `),
    },
    {
      name: 'only one method throttled; a usage plan of another stage without throttle',
      yaml: stage(
        '      MethodSettings:\n        - { HttpMethod: GET, ResourcePath: /pets, ThrottlingRateLimit: 5 }\n',
        plan('{ ApiId: !Ref Api, Stage: test }', '      Throttle: { RateLimit: 10 }\n'),
      ),
      errors: [{ messageId: 'noThrottling', text: 'MethodSettings' }],
      output: stage(
        '      MethodSettings:\n        - HttpMethod: GET\n          ResourcePath: /pets\n          ThrottlingRateLimit: 5\n' +
          "        - HttpMethod: '*'\n          ResourcePath: /*\n          ThrottlingRateLimit: 100\n          ThrottlingBurstLimit: 200\n",
        plan('{ ApiId: !Ref Api, Stage: test }', '      Throttle: { RateLimit: 10 }\n'),
      ),
    },
    {
      name: 'a usage plan for this stage without a throttle',
      yaml: stage('', plan('{ ApiId: !Ref Api, Stage: !Ref Prod }')),
      errors: [{ messageId: 'noThrottling', text: 'Properties', line: 8 }],
      output: stage(
        "      MethodSettings:\n        - HttpMethod: '*'\n          ResourcePath: /*\n          ThrottlingRateLimit: 100\n          ThrottlingBurstLimit: 200\n",
        plan('{ ApiId: !Ref Api, Stage: !Ref Prod }'),
      ),
    },
    {
      name: 'no stage-wide item on either branch; no fix when the list depends on a condition',
      yaml: stage('      MethodSettings: !If [Prod, [], !Ref AWS::NoValue]\n').replace(
        'Resources:',
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\nResources:',
      ),
      errors: [
        {
          messageId: 'noThrottling',
          text: 'MethodSettings',
          message: `${MESSAGE.slice(0, -1)} (when condition Prod is false).`,
        },
        { messageId: 'noThrottling', text: '[]', message: `${MESSAGE.slice(0, -1)} (when condition Prod is true).` },
      ],
      output: null,
    },
    {
      name: 'JSON: a negative limit does not throttle',
      json: `
        {
          "Resources": {
            "Prod": {
              "Type": "AWS::ApiGateway::Stage",
              "Properties": {
                "RestApiId": "abc123",
                "StageName": "prod",
                "MethodSettings": [{ "HttpMethod": "*", "ResourcePath": "/*", "ThrottlingRateLimit": -1 }]
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'noThrottling', text: '"MethodSettings"' }],
      output: `
        {
          "Resources": {
            "Prod": {
              "Type": "AWS::ApiGateway::Stage",
              "Properties": {
                "RestApiId": "abc123",
                "StageName": "prod",
                "MethodSettings": [{ "HttpMethod": "*", "ResourcePath": "/*", "ThrottlingRateLimit": 100, "ThrottlingBurstLimit": 200 }]
              }
            }
          }
        }
      `,
    },
    {
      name: 'HTTP API: no default route settings, block style',
      yaml: resourcesYaml(`
        Default:
          Type: AWS::ApiGatewayV2::Stage
          Properties:
            ApiId: abc123
            StageName: $default
            AutoDeploy: true
      `),
      errors: [
        {
          messageId: 'noRouteThrottling',
          text: 'Properties',
          message:
            'Stage Default sets no throttling (no ThrottlingRateLimit or ThrottlingBurstLimit in DefaultRouteSettings): ' +
            'it is limited only by the account-level quota of 10,000 requests per second (bursts of 5,000), which every ' +
            'API in this account and region shares, so one flood on this API starves the others.',
        },
      ],
      output: resourcesYaml(`
        Default:
          Type: AWS::ApiGatewayV2::Stage
          Properties:
            ApiId: abc123
            StageName: $default
            AutoDeploy: true
            DefaultRouteSettings:
              ThrottlingRateLimit: 100
              ThrottlingBurstLimit: 200
      `),
    },
    {
      name: 'HTTP API: default route settings without limits, flow style',
      yaml: resourcesYaml(`
        Default:
          Type: AWS::ApiGatewayV2::Stage
          Properties: { ApiId: abc123, StageName: $default, DefaultRouteSettings: { DetailedMetricsEnabled: true } }
      `),
      errors: [{ messageId: 'noRouteThrottling', text: 'DefaultRouteSettings' }],
      output: resourcesYaml(`
        Default:
          Type: AWS::ApiGatewayV2::Stage
          Properties: { ApiId: abc123, StageName: $default, DefaultRouteSettings: { DetailedMetricsEnabled: true, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 } }
      `),
    },
    {
      name: 'JSON: WebSocket API stage without limits',
      json: `
        {
          "Resources": {
            "Live": {
              "Type": "AWS::ApiGatewayV2::Stage",
              "Properties": { "ApiId": "abc123", "StageName": "live", "DefaultRouteSettings": { "ThrottlingBurstLimit": -1 } }
            }
          }
        }
      `,
      errors: [{ messageId: 'noRouteThrottling', text: '"DefaultRouteSettings"' }],
      output: `
        {
          "Resources": {
            "Live": {
              "Type": "AWS::ApiGatewayV2::Stage",
              "Properties": { "ApiId": "abc123", "StageName": "live", "DefaultRouteSettings": { "ThrottlingBurstLimit": 200, "ThrottlingRateLimit": 100 } }
            }
          }
        }
      `,
    },
  ],
});
