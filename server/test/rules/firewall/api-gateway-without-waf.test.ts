import { apiGatewayWithoutWaf } from '../../../src/rules/firewall/api-gateway-without-waf';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const API = `
Api:
  Type: AWS::ApiGateway::RestApi
  Properties:
    Name: orders
Deployment:
  Type: AWS::ApiGateway::Deployment
  Properties:
    RestApiId: !Ref Api
Prod:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: !Ref Api
    DeploymentId: !Ref Deployment
    StageName: prod
`;

const association = (arn: string): string => `
Association:
  Type: AWS::WAFv2::WebACLAssociation
  Properties:
    WebACLArn: arn:aws:wafv2:us-east-1:111122223333:regional/webacl/web/a1b2
    ResourceArn: ${arn}
`;

const STAGE_ARN = "!Sub 'arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/";
const MESSAGE =
  'Stage prod of public REST API Api has no AWS WAF web ACL associated in this template: application-layer ' +
  'attacks, bots and request floods reach the integrations unfiltered.';
const NO_HEADER = /^AWSTemplateFormatVersion.*\n/;

new RuleTester().run(apiGatewayWithoutWaf, {
  valid: [
    { name: 'associated through the Stage resource', yaml: resourcesYaml(API + association(`${STAGE_ARN}\${Prod}'`)) },
    {
      name: 'associated through the API and a literal stage name',
      yaml: resourcesYaml(API + association(`${STAGE_ARN}prod'`)),
    },
    {
      name: 'the API with a stage name from a parameter: cannot tell which stage',
      yaml: `Parameters:\n  Stage:\n    Type: String\n${resourcesYaml(API + association(`${STAGE_ARN}\${Stage}'`)).replace(NO_HEADER, '')}`,
    },
    {
      name: 'an association with a literal ARN',
      yaml: resourcesYaml(API + association('arn:aws:apigateway:us-east-1::/restapis/a1b2/stages/prod')),
    },
    {
      name: 'a private API',
      yaml: resourcesYaml(
        API.replace('    Name: orders', '    Name: orders\n    EndpointConfiguration:\n      Types: [PRIVATE]'),
      ),
    },
    {
      name: 'an API from another stack may be private',
      yaml: resourcesYaml(
        'Prod:\n  Type: AWS::ApiGateway::Stage\n  Properties:\n    RestApiId: !ImportValue api\n    DeploymentId: d1\n    StageName: prod\n',
      ),
    },
    {
      name: 'an implicit stage associated by its literal name',
      yaml: resourcesYaml(
        API.replace(/Prod:[^]*$/, '').replace('RestApiId: !Ref Api', 'RestApiId: !Ref Api\n    StageName: prod') +
          association(`${STAGE_ARN}prod'`),
      ),
    },
  ],
  invalid: [
    {
      name: 'no association',
      yaml: resourcesYaml(API),
      errors: [{ messageId: 'noWebAcl', text: 'Prod', message: MESSAGE, data: { stage: 'prod', api: 'Api' } }],
    },
    {
      name: 'a regional API whose association names another stage',
      yaml: resourcesYaml(
        API.replace('    Name: orders', '    Name: orders\n    EndpointConfiguration:\n      Types: [REGIONAL]') +
          association(`${STAGE_ARN}test'`),
      ),
      errors: [{ messageId: 'noWebAcl', text: 'Prod' }],
    },
    {
      name: 'the implicit stage of a deployment',
      yaml: resourcesYaml(
        API.replace(/Prod:[^]*$/, '').replace('RestApiId: !Ref Api', 'RestApiId: !Ref Api\n    StageName: live'),
      ),
      errors: [{ messageId: 'noWebAcl', text: 'Deployment', line: 7, data: { stage: 'live', api: 'Api' } }],
    },
    {
      name: 'JSON',
      json: `{
        "Resources": {
          "Api": { "Type": "AWS::ApiGateway::RestApi", "Properties": { "Name": "a" } },
          "Prod": { "Type": "AWS::ApiGateway::Stage", "Properties": { "RestApiId": { "Ref": "Api" }, "DeploymentId": "d1", "StageName": "prod" } }
        }
      }`,
      errors: [{ messageId: 'noWebAcl', text: '"Prod"' }],
    },
  ],
});
