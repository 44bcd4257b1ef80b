import { opensearchHttpsOnly } from '../../../src/rules/encryption/opensearch-https-only';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const MISSING =
  'The domain accepts plain HTTP: DomainEndpointOptions.EnforceHTTPS is not set, and OpenSearch Service serves ' +
  'HTTP as well as HTTPS unless told otherwise, so queries, documents and credentials can cross the network ' +
  'unencrypted.';
const DISABLED =
  'The domain accepts plain HTTP: DomainEndpointOptions.EnforceHTTPS is false, so queries, documents and ' +
  'credentials can cross the network unencrypted.';

const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A domain in block style whose properties end with `last`. */
const domain = (last: string, header = '', type = 'AWS::OpenSearchService::Domain'): string =>
  header +
  resourcesYaml(`
    Search:
      Type: ${type}
      Properties:
        EngineVersion: OpenSearch_2.11
        ${last}
  `);

new RuleTester().run(opensearchHttpsOnly, {
  valid: [
    { name: 'EnforceHTTPS: true', yaml: domain('DomainEndpointOptions:\n          EnforceHTTPS: true') },
    {
      name: 'legacy Elasticsearch domain, flow style',
      yaml: domain('DomainEndpointOptions: { EnforceHTTPS: true }', '', 'AWS::Elasticsearch::Domain'),
    },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"S": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"DomainEndpointOptions": {"EnforceHTTPS": "true"}}}}}',
    },
    {
      name: 'a parameter without default is unknown',
      yaml: domain(
        'DomainEndpointOptions:\n          EnforceHTTPS: !Ref Flag',
        'Parameters:\n  Flag:\n    Type: String\n',
      ),
    },
    { name: 'other resource types are not judged', yaml: resourcesYaml('Q:\n  Type: AWS::SQS::Queue\n') },
  ],
  invalid: [
    {
      name: 'no Properties: on the logical id, and the fix adds them',
      yaml: resourcesYaml('Search:\n  Type: AWS::OpenSearchService::Domain\n'),
      errors: [{ messageId: 'missing', message: MISSING, underline: 'Search:\n~~~~~~' }],
      output: resourcesYaml(
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties:\n    DomainEndpointOptions:\n      EnforceHTTPS: true\n',
      ),
    },
    {
      name: 'block style without the options: on Properties',
      yaml: domain('DomainName: orders'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: domain('DomainName: orders\n        DomainEndpointOptions:\n          EnforceHTTPS: true'),
    },
    {
      name: 'options without EnforceHTTPS: on the options key',
      yaml: domain('DomainEndpointOptions: {}'),
      errors: [{ messageId: 'missing', text: 'DomainEndpointOptions' }],
      output: domain('DomainEndpointOptions: { EnforceHTTPS: true }'),
    },
    {
      name: 'block style, EnforceHTTPS: false',
      yaml: domain('DomainEndpointOptions:\n          EnforceHTTPS: false'),
      errors: [{ messageId: 'disabled', message: DISABLED, text: 'false' }],
      output: domain('DomainEndpointOptions:\n          EnforceHTTPS: true'),
    },
    {
      name: 'legacy Elasticsearch domain without the options',
      yaml: domain('DomainName: legacy', '', 'AWS::Elasticsearch::Domain'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: domain(
        'DomainName: legacy\n        DomainEndpointOptions:\n          EnforceHTTPS: true',
        '',
        'AWS::Elasticsearch::Domain',
      ),
    },
    {
      name: 'flow style without the options',
      yaml: resourcesYaml('Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { DomainName: orders }\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { DomainName: orders, DomainEndpointOptions: { EnforceHTTPS: true } }\n',
      ),
    },
    {
      name: 'flow style, EnforceHTTPS: false',
      yaml: resourcesYaml(
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { DomainEndpointOptions: { EnforceHTTPS: false } }\n',
      ),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { DomainEndpointOptions: { EnforceHTTPS: true } }\n',
      ),
    },
    {
      name: 'JSON without the options',
      json: `
        {
          "Resources": {
            "Search": {
              "Type": "AWS::OpenSearchService::Domain",
              "Properties": {
                "DomainName": "orders"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'missing', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Search": {
              "Type": "AWS::OpenSearchService::Domain",
              "Properties": {
                "DomainName": "orders",
                "DomainEndpointOptions": {
                  "EnforceHTTPS": true
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, EnforceHTTPS: false',
      json: '{"Resources": {"S": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"DomainEndpointOptions": {"EnforceHTTPS": false}}}}}',
      errors: [{ messageId: 'disabled', text: 'false' }],
      output:
        '{"Resources": {"S": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"DomainEndpointOptions": {"EnforceHTTPS": true}}}}}',
    },
    {
      name: 'the disabled branch of an undecided !If is named, and left to a person',
      yaml: domain('DomainEndpointOptions:\n          EnforceHTTPS: !If [Prod, true, false]', ENV),
      errors: [{ messageId: 'disabled', message: under(DISABLED, 'when condition Prod is false'), text: 'false' }],
      output: null,
    },
  ],
});
