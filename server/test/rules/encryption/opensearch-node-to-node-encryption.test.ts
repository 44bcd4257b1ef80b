import { opensearchNodeToNodeEncryption } from '../../../src/rules/encryption/opensearch-node-to-node-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const MISSING =
  'Data travels in plaintext between the domain’s nodes: NodeToNodeEncryptionOptions.Enabled is not set, and ' +
  'OpenSearch Service does not encrypt node-to-node traffic unless asked.';
const DISABLED = 'Data travels in plaintext between the domain’s nodes: NodeToNodeEncryptionOptions.Enabled is false.';

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

new RuleTester().run(opensearchNodeToNodeEncryption, {
  valid: [
    { name: 'Enabled: true', yaml: domain('NodeToNodeEncryptionOptions:\n          Enabled: true') },
    {
      name: 'legacy Elasticsearch domain, flow style',
      yaml: domain('NodeToNodeEncryptionOptions: { Enabled: true }', '', 'AWS::Elasticsearch::Domain'),
    },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"S": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"NodeToNodeEncryptionOptions": {"Enabled": "true"}}}}}',
    },
    {
      name: 'a parameter without default is unknown',
      yaml: domain(
        'NodeToNodeEncryptionOptions:\n          Enabled: !Ref Flag',
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
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties:\n    NodeToNodeEncryptionOptions:\n      Enabled: true\n',
      ),
    },
    {
      name: 'block style without the options: on Properties',
      yaml: domain('DomainName: orders'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: domain('DomainName: orders\n        NodeToNodeEncryptionOptions:\n          Enabled: true'),
    },
    {
      name: 'options without Enabled: on the options key',
      yaml: domain('NodeToNodeEncryptionOptions: {}'),
      errors: [{ messageId: 'missing', text: 'NodeToNodeEncryptionOptions' }],
      output: domain('NodeToNodeEncryptionOptions: { Enabled: true }'),
    },
    {
      name: 'block style, Enabled: false',
      yaml: domain('NodeToNodeEncryptionOptions:\n          Enabled: false'),
      errors: [{ messageId: 'disabled', message: DISABLED, text: 'false' }],
      output: domain('NodeToNodeEncryptionOptions:\n          Enabled: true'),
    },
    {
      name: 'legacy Elasticsearch domain without the options',
      yaml: domain('DomainName: legacy', '', 'AWS::Elasticsearch::Domain'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: domain(
        'DomainName: legacy\n        NodeToNodeEncryptionOptions:\n          Enabled: true',
        '',
        'AWS::Elasticsearch::Domain',
      ),
    },
    {
      name: 'flow style without the options',
      yaml: resourcesYaml('Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { DomainName: orders }\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { DomainName: orders, NodeToNodeEncryptionOptions: { Enabled: true } }\n',
      ),
    },
    {
      name: 'flow style, Enabled: false',
      yaml: resourcesYaml(
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { NodeToNodeEncryptionOptions: { Enabled: false } }\n',
      ),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { NodeToNodeEncryptionOptions: { Enabled: true } }\n',
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
                "NodeToNodeEncryptionOptions": {
                  "Enabled": true
                }
              }
            }
          }
        }
      `,
    },
    {
      name: 'JSON, Enabled: false',
      json: '{"Resources": {"S": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"NodeToNodeEncryptionOptions": {"Enabled": false}}}}}',
      errors: [{ messageId: 'disabled', text: 'false' }],
      output:
        '{"Resources": {"S": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"NodeToNodeEncryptionOptions": {"Enabled": true}}}}}',
    },
    {
      name: 'the disabled branch of an undecided !If is named, and left to a person',
      yaml: domain('NodeToNodeEncryptionOptions:\n          Enabled: !If [Prod, true, false]', ENV),
      errors: [{ messageId: 'disabled', message: under(DISABLED, 'when condition Prod is false'), text: 'false' }],
      output: null,
    },
  ],
});
