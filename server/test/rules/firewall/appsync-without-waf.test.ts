import { appsyncWithoutWaf } from '../../../src/rules/firewall/appsync-without-waf';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

const API = `
Api:
  Type: AWS::AppSync::GraphQLApi
  Properties:
    Name: orders
    AuthenticationType: AMAZON_COGNITO_USER_POOLS
`;

const association = (arn: string): string => `
Association:
  Type: AWS::WAFv2::WebACLAssociation
  Properties:
    WebACLArn: arn:aws:wafv2:us-east-1:111122223333:regional/webacl/web/a1b2
    ResourceArn: ${arn}
`;

const MESSAGE =
  'Public AppSync GraphQL API Api has no AWS WAF web ACL associated in this template: query floods, deeply nested ' +
  'queries, bots and injection attempts reach the resolvers unfiltered.';

const TF_API = '"aws_appsync_graphql_api": { "api": { "name": "orders", "authentication_type": "API_KEY" } }';
const tfAssociation = (arn: string): string =>
  `"aws_wafv2_web_acl_association": { "api": { "resource_arn": "${arn}", "web_acl_arn": "\${aws_wafv2_web_acl.main.arn}" } }`;

new RuleTester().run(appsyncWithoutWaf, {
  valid: [
    {
      name: 'Terraform: associated by reference',
      tf: tfJson([TF_API, tfAssociation('${aws_appsync_graphql_api.api.arn}')]),
    },
    {
      name: 'Terraform: a private API',
      tf: tfJson(['"aws_appsync_graphql_api": { "api": { "name": "orders", "visibility": "PRIVATE" } }']),
    },
    {
      name: 'plan: the association refers to the API in the configuration',
      plan: planJson([
        { address: 'aws_appsync_graphql_api.api', values: { name: 'orders', visibility: 'GLOBAL' } },
        {
          address: 'aws_wafv2_web_acl_association.api',
          values: {},
          unknown: { resource_arn: true, web_acl_arn: true },
          references: { resource_arn: ['aws_appsync_graphql_api.api.arn'] },
        },
      ]),
    },
    { name: 'associated by GetAtt Arn', yaml: resourcesYaml(API + association('!GetAtt Api.Arn')) },
    { name: 'associated by GetAtt ApiArn', yaml: resourcesYaml(API + association('!GetAtt Api.ApiArn')) },
    { name: 'associated by Sub', yaml: resourcesYaml(API + association("!Sub '${Api.Arn}'")) },
    { name: 'a private API', yaml: resourcesYaml(API + '    Visibility: PRIVATE\n') },
    {
      name: 'an association with an unknown target',
      yaml: resourcesYaml(API + association('!ImportValue shared-api-arn')),
    },
  ],
  invalid: [
    {
      name: 'Terraform: no association',
      tf: tfJson([TF_API]),
      errors: [
        {
          messageId: 'noWebAcl',
          message: MESSAGE.replace('API Api', 'API aws_appsync_graphql_api.api'),
          data: { id: 'aws_appsync_graphql_api.api' },
          text: '"api"',
        },
      ],
    },
    {
      name: 'plan: a GLOBAL API without association',
      plan: planJson([{ address: 'aws_appsync_graphql_api.api', values: { name: 'orders', visibility: 'GLOBAL' } }]),
      errors: [
        {
          messageId: 'noWebAcl',
          data: { id: 'aws_appsync_graphql_api.api' },
          text: '"aws_appsync_graphql_api.api"',
          line: 7,
        },
      ],
    },
    {
      name: 'no association',
      yaml: resourcesYaml(API),
      errors: [{ messageId: 'noWebAcl', text: 'Api', line: 3, message: MESSAGE, data: { id: 'Api' } }],
    },
    {
      name: 'explicitly GLOBAL, associated with another API only',
      yaml: resourcesYaml(
        API.replace('Api:', 'Other:') + API + '    Visibility: GLOBAL\n' + association('!GetAtt Other.Arn'),
      ),
      errors: [{ messageId: 'noWebAcl', text: 'Api', line: 9 }],
    },
    {
      name: 'JSON',
      json: `{
        "Resources": {
          "Api": { "Type": "AWS::AppSync::GraphQLApi", "Properties": { "Name": "a", "AuthenticationType": "API_KEY" } }
        }
      }`,
      errors: [{ messageId: 'noWebAcl', text: '"Api"' }],
    },
  ],
});
