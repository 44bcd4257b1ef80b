import { appsyncWithoutWaf } from '../../../src/rules/firewall/appsync-without-waf';
import { RuleTester, resourcesYaml } from '../../rule-tester';

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

new RuleTester().run(appsyncWithoutWaf, {
  valid: [
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
