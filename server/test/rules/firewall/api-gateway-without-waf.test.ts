import { apiGatewayWithoutWaf } from '../../../src/rules/firewall/api-gateway-without-waf';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

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

const TF_API = '"aws_api_gateway_rest_api": { "api": { "name": "orders" } }';
const TF_STAGE =
  '"aws_api_gateway_stage": { "prod": { "rest_api_id": "${aws_api_gateway_rest_api.api.id}", "deployment_id": "${aws_api_gateway_deployment.api.id}", "stage_name": "prod" } }';
const tfAssociation = (arn: string): string =>
  `"aws_wafv2_web_acl_association": { "api": { "resource_arn": "${arn}", "web_acl_arn": "\${aws_wafv2_web_acl.main.arn}" } }`;
const TF_STAGE_ARN = 'arn:aws:apigateway:us-east-1::/restapis/${aws_api_gateway_rest_api.api.id}/stages/';
/** A plan of the API and its stage prod, with `stage` added to the stage's planned values. */
const planStage = (stage: Record<string, unknown>, ...others: Parameters<typeof planJson>[0]): string =>
  planJson([
    { address: 'aws_api_gateway_rest_api.api', values: { name: 'orders' }, unknown: { endpoint_configuration: true } },
    {
      address: 'aws_api_gateway_stage.prod',
      values: { stage_name: 'prod', ...stage },
      unknown: { rest_api_id: true, web_acl_arn: true },
      references: { rest_api_id: ['aws_api_gateway_rest_api.api.id'] },
    },
    ...others,
  ]);

new RuleTester().run(apiGatewayWithoutWaf, {
  valid: [
    {
      name: 'Terraform: associated through the stage',
      tf: tfJson([TF_API, TF_STAGE, tfAssociation('${aws_api_gateway_stage.prod.arn}')]),
    },
    {
      name: 'Terraform: associated through the API and a literal stage name',
      tf: tfJson([TF_API, TF_STAGE, tfAssociation(`${TF_STAGE_ARN}prod`)]),
    },
    {
      name: 'Terraform: a private API',
      tf: tfJson([
        '"aws_api_gateway_rest_api": { "api": { "name": "orders", "endpoint_configuration": { "types": ["PRIVATE"] } } }',
        TF_STAGE,
      ]),
    },
    {
      name: 'Terraform: an API of another configuration may be private',
      tf: tfJson(['"aws_api_gateway_stage": { "prod": { "rest_api_id": "${var.api_id}", "stage_name": "prod" } }']),
    },
    {
      name: 'plan: a web ACL already associated outside the configuration',
      plan: planStage({ web_acl_arn: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/web/a1b2' }),
    },
    {
      name: 'plan: the association refers to the stage in the configuration',
      plan: planStage(
        {},
        {
          address: 'aws_wafv2_web_acl_association.api',
          values: {},
          unknown: { resource_arn: true, web_acl_arn: true },
          references: { resource_arn: ['aws_api_gateway_stage.prod.arn'] },
        },
      ),
    },
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
      name: 'Terraform: no association',
      tf: tfJson([TF_API, TF_STAGE]),
      errors: [
        {
          messageId: 'noWebAcl',
          message: MESSAGE.replace('REST API Api', 'REST API aws_api_gateway_rest_api.api'),
          data: { stage: 'prod', api: 'aws_api_gateway_rest_api.api' },
          text: '"prod"',
          line: 4,
          column: 32,
        },
      ],
    },
    {
      name: 'Terraform: a regional API whose association names another stage',
      tf: tfJson([
        '"aws_api_gateway_rest_api": { "api": { "name": "orders", "endpoint_configuration": { "types": ["REGIONAL"] } } }',
        TF_STAGE,
        tfAssociation(`${TF_STAGE_ARN}test`),
      ]),
      errors: [{ messageId: 'noWebAcl', text: '"prod"', line: 4, column: 32 }],
    },
    {
      name: 'Terraform: the stage a deployment creates',
      tf: tfJson([
        TF_API,
        '"aws_api_gateway_deployment": { "api": { "rest_api_id": "${aws_api_gateway_rest_api.api.id}", "stage_name": "live" } }',
      ]),
      errors: [
        { messageId: 'noWebAcl', data: { stage: 'live', api: 'aws_api_gateway_rest_api.api' }, text: '"api"', line: 4 },
      ],
    },
    {
      name: 'plan: endpoint types and web ACL known only after apply, neither configured',
      plan: planStage({}),
      errors: [
        {
          messageId: 'noWebAcl',
          data: { stage: 'prod', api: 'aws_api_gateway_rest_api.api' },
          text: '"aws_api_gateway_stage.prod"',
          line: 16,
        },
      ],
    },
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
