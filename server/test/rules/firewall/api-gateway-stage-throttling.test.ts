import { apiGatewayStageThrottling } from '../../../src/rules/firewall/api-gateway-stage-throttling';
import { RuleTester, resourcesYaml } from '../../rule-tester';

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

new RuleTester().run(apiGatewayStageThrottling, {
  valid: [
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
