import { opensearchNodeToNodeEncryption } from '../../../src/rules/encryption/opensearch-node-to-node-encryption';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan } from '../terraform-fixtures';
import { domain, ENV, plan, tf, under } from './opensearch-fixtures';

const MISSING =
  'Data travels in plaintext between the domain’s nodes: NodeToNodeEncryptionOptions.Enabled is not set, and ' +
  'OpenSearch Service does not encrypt node-to-node traffic unless asked.';
const DISABLED = 'Data travels in plaintext between the domain’s nodes: NodeToNodeEncryptionOptions.Enabled is false.';

const TF_MISSING = MISSING.replace('NodeToNodeEncryptionOptions.Enabled', 'node_to_node_encryption.enabled');
const TF_DISABLED = DISABLED.replace('NodeToNodeEncryptionOptions.Enabled', 'node_to_node_encryption.enabled');

new RuleTester().run(opensearchNodeToNodeEncryption, {
  valid: [
    { name: 'Terraform: the block, as an object', tf: tf('"node_to_node_encryption": { "enabled": true }') },
    {
      name: 'Terraform: the legacy domain, the block as an array',
      tf: tf('"node_to_node_encryption": [{ "enabled": true }]', 'aws_elasticsearch_domain'),
    },
    {
      name: 'Terraform: a variable without default is unknown',
      tf: tf('"node_to_node_encryption": { "enabled": "${var.on}" }'),
    },
    {
      name: 'plan: the block is known only after apply',
      plan: plan('{ "domain_name": "search" }', '{ "node_to_node_encryption": true }'),
    },
    { name: 'plan: switched on', plan: plan('{ "node_to_node_encryption": [{ "enabled": true }] }') },
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
      name: 'Terraform: no block, on the resource name; the fix adds it',
      tf: tf('"engine_version": "OpenSearch_2.11"'),
      errors: [
        {
          messageId: 'missing',
          message: TF_MISSING,
          data: { setting: 'node_to_node_encryption.enabled' },
          text: '"search"',
          line: 5,
        },
      ],
      output: tf(
        '"engine_version": "OpenSearch_2.11",\n        "node_to_node_encryption": {\n          "enabled": true\n        }',
      ),
    },
    {
      name: 'Terraform: switched off; the fix turns it on',
      tf: tf('"node_to_node_encryption": { "enabled": false }'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: 'false' }],
      output: tf('"node_to_node_encryption": { "enabled": true }'),
    },
    {
      name: 'Terraform: an empty list is no block, and no place for a fix',
      tf: tf('"node_to_node_encryption": []', 'aws_elasticsearch_domain'),
      errors: [{ messageId: 'missing', text: '[]' }],
      output: null,
    },
    {
      name: 'Terraform: off by a variable default names the variable',
      tf: tf(
        '"node_to_node_encryption": { "enabled": "${var.on}" }',
        'aws_opensearch_domain',
        '"variable": { "on": { "default": false } },',
      ),
      errors: [
        { messageId: 'disabled', message: under(TF_DISABLED, 'by the default of variable on'), text: '"${var.on}"' },
      ],
      output: null,
    },
    {
      name: 'plan: switched off in the planned values',
      plan: plan('{ "domain_name": "search", "node_to_node_encryption": [{ "enabled": false }] }'),
      errors: [
        { messageId: 'disabled', message: inPlan(TF_DISABLED, 'aws_opensearch_domain.search'), text: 'false', line: 6 },
      ],
      output: null,
    },
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
