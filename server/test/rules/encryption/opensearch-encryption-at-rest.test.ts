import { opensearchEncryptionAtRest } from '../../../src/rules/encryption/opensearch-encryption-at-rest';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan } from '../terraform-fixtures';
import { domain, ENV, plan, tf, under } from './opensearch-fixtures';

const MISSING =
  'The domain stores its data unencrypted: EncryptionAtRestOptions.Enabled is not set, and OpenSearch Service ' +
  'creates domains without encryption at rest, so indices, logs, swap files and automated snapshots are readable ' +
  'to anyone who obtains the storage.';
const DISABLED =
  'The domain stores its data unencrypted: EncryptionAtRestOptions.Enabled is false, so indices, logs, swap files ' +
  'and automated snapshots are readable to anyone who obtains the storage.';

const TF_MISSING = MISSING.replace('EncryptionAtRestOptions.Enabled', 'encrypt_at_rest.enabled');
const TF_DISABLED = DISABLED.replace('EncryptionAtRestOptions.Enabled', 'encrypt_at_rest.enabled');

new RuleTester().run(opensearchEncryptionAtRest, {
  valid: [
    { name: 'Terraform: the block, as an object', tf: tf('"encrypt_at_rest": { "enabled": true }') },
    {
      name: 'Terraform: the legacy domain, the block as an array',
      tf: tf('"encrypt_at_rest": [{ "enabled": true }]', 'aws_elasticsearch_domain'),
    },
    {
      name: 'Terraform: a variable without default is unknown',
      tf: tf('"encrypt_at_rest": { "enabled": "${var.on}" }'),
    },
    {
      name: 'plan: the block is known only after apply',
      plan: plan('{ "domain_name": "search" }', '{ "encrypt_at_rest": true }'),
    },
    { name: 'plan: switched on', plan: plan('{ "encrypt_at_rest": [{ "enabled": true }] }') },
    { name: 'Enabled: true', yaml: domain('EncryptionAtRestOptions:\n          Enabled: true') },
    {
      name: 'with a customer-managed key',
      yaml: domain('EncryptionAtRestOptions:\n          Enabled: true\n          KmsKeyId: alias/search'),
    },
    {
      name: 'legacy Elasticsearch domain, flow style',
      yaml: domain('EncryptionAtRestOptions: { Enabled: true }', '', 'AWS::Elasticsearch::Domain'),
    },
    {
      name: 'JSON, "true" as a string',
      json: '{"Resources": {"S": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"EncryptionAtRestOptions": {"Enabled": "true"}}}}}',
    },
    {
      name: 'a parameter without default is unknown',
      yaml: domain(
        'EncryptionAtRestOptions:\n          Enabled: !Ref Encrypt',
        'Parameters:\n  Encrypt:\n    Type: String\n',
      ),
    },
    {
      name: 'options from a function that cannot be known',
      yaml: domain('EncryptionAtRestOptions: !ImportValue shared-options'),
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
          data: { setting: 'encrypt_at_rest.enabled' },
          text: '"search"',
          line: 5,
        },
      ],
      output: tf(
        '"engine_version": "OpenSearch_2.11",\n        "encrypt_at_rest": {\n          "enabled": true\n        }',
      ),
    },
    {
      name: 'Terraform: switched off; the fix turns it on',
      tf: tf('"encrypt_at_rest": { "enabled": false }'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: 'false' }],
      output: tf('"encrypt_at_rest": { "enabled": true }'),
    },
    {
      name: 'Terraform: an empty list is no block, and no place for a fix',
      tf: tf('"encrypt_at_rest": []', 'aws_elasticsearch_domain'),
      errors: [{ messageId: 'missing', text: '[]' }],
      output: null,
    },
    {
      name: 'Terraform: off by a variable default names the variable',
      tf: tf(
        '"encrypt_at_rest": { "enabled": "${var.on}" }',
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
      plan: plan('{ "domain_name": "search", "encrypt_at_rest": [{ "enabled": false }] }'),
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
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties:\n    EncryptionAtRestOptions:\n      Enabled: true\n',
      ),
    },
    {
      name: 'block style without the options: on Properties',
      yaml: domain('DomainName: orders'),
      errors: [{ messageId: 'missing', underline: 'Properties:\n~~~~~~~~~~' }],
      output: domain('DomainName: orders\n        EncryptionAtRestOptions:\n          Enabled: true'),
    },
    {
      name: 'options without Enabled: on the options key',
      yaml: domain('EncryptionAtRestOptions:\n          KmsKeyId: alias/search'),
      errors: [{ messageId: 'missing', text: 'EncryptionAtRestOptions' }],
      output: domain('EncryptionAtRestOptions:\n          KmsKeyId: alias/search\n          Enabled: true'),
    },
    {
      name: 'block style, Enabled: false',
      yaml: domain('EncryptionAtRestOptions:\n          Enabled: false'),
      errors: [{ messageId: 'disabled', message: DISABLED, underline: 'Enabled: false\n         ~~~~~' }],
      output: domain('EncryptionAtRestOptions:\n          Enabled: true'),
    },
    {
      name: 'legacy Elasticsearch domain without the options',
      yaml: domain('ElasticsearchVersion: "7.10"', '', 'AWS::Elasticsearch::Domain'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: domain(
        'ElasticsearchVersion: "7.10"\n        EncryptionAtRestOptions:\n          Enabled: true',
        '',
        'AWS::Elasticsearch::Domain',
      ),
    },
    {
      name: 'flow style without the options',
      yaml: resourcesYaml('Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { DomainName: orders }\n'),
      errors: [{ messageId: 'missing', text: 'Properties' }],
      output: resourcesYaml(
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { DomainName: orders, EncryptionAtRestOptions: { Enabled: true } }\n',
      ),
    },
    {
      name: 'flow style, Enabled: false',
      yaml: resourcesYaml(
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { EncryptionAtRestOptions: { Enabled: false } }\n',
      ),
      errors: [{ messageId: 'disabled', text: 'false' }],
      output: resourcesYaml(
        'Search:\n  Type: AWS::OpenSearchService::Domain\n  Properties: { EncryptionAtRestOptions: { Enabled: true } }\n',
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
                "EncryptionAtRestOptions": {
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
      json: '{"Resources": {"S": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"EncryptionAtRestOptions": {"Enabled": false}}}}}',
      errors: [{ messageId: 'disabled', text: 'false' }],
      output:
        '{"Resources": {"S": {"Type": "AWS::OpenSearchService::Domain", "Properties": {"EncryptionAtRestOptions": {"Enabled": true}}}}}',
    },
    {
      name: 'a parameter default of false is what deploys; a person decides the fix',
      yaml: domain(
        'EncryptionAtRestOptions:\n          Enabled: !Ref Encrypt',
        "Parameters:\n  Encrypt:\n    Type: String\n    AllowedValues: ['true', 'false']\n    Default: 'false'\n",
      ),
      errors: [
        {
          messageId: 'disabled',
          message: under(DISABLED, 'by the default of parameter Encrypt'),
          text: '!Ref Encrypt',
        },
      ],
      output: null,
    },
    {
      name: 'the disabled branch of an undecided !If is named, and left to a person',
      yaml: domain('EncryptionAtRestOptions:\n          Enabled: !If [Prod, true, false]', ENV),
      errors: [{ messageId: 'disabled', message: under(DISABLED, 'when condition Prod is false'), text: 'false' }],
      output: null,
    },
    {
      name: 'options present on one branch only: the other branch is named, and no fix',
      yaml: domain('EncryptionAtRestOptions: !If [Prod, { Enabled: true }, !Ref AWS::NoValue]', ENV),
      errors: [
        {
          messageId: 'missing',
          message: under(MISSING, 'when condition Prod is false'),
          text: 'EncryptionAtRestOptions',
        },
      ],
      output: null,
    },
  ],
});
