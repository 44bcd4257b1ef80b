import { opensearchHttpsOnly } from '../../../src/rules/encryption/opensearch-https-only';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan } from '../terraform-fixtures';
import { domain, ENV, plan, tf, under } from './opensearch-fixtures';

const MISSING =
  'The domain accepts plain HTTP: DomainEndpointOptions.EnforceHTTPS is not set, and OpenSearch Service serves ' +
  'HTTP as well as HTTPS unless told otherwise, so queries, documents and credentials can cross the network ' +
  'unencrypted.';
const DISABLED =
  'The domain accepts plain HTTP: DomainEndpointOptions.EnforceHTTPS is false, so queries, documents and ' +
  'credentials can cross the network unencrypted.';

const TF_MISSING = MISSING.replace('DomainEndpointOptions.EnforceHTTPS', 'domain_endpoint_options.enforce_https');
const TF_DISABLED = DISABLED.replace('DomainEndpointOptions.EnforceHTTPS', 'domain_endpoint_options.enforce_https');

new RuleTester().run(opensearchHttpsOnly, {
  valid: [
    { name: 'Terraform: the block, as an object', tf: tf('"domain_endpoint_options": { "enforce_https": true }') },
    {
      name: 'Terraform: the legacy domain, the block as an array',
      tf: tf('"domain_endpoint_options": [{ "enforce_https": true }]', 'aws_elasticsearch_domain'),
    },
    {
      name: 'Terraform: a variable without default is unknown',
      tf: tf('"domain_endpoint_options": { "enforce_https": "${var.on}" }'),
    },
    {
      name: 'plan: the block is known only after apply',
      plan: plan('{ "domain_name": "search" }', '{ "domain_endpoint_options": true }'),
    },
    { name: 'plan: switched on', plan: plan('{ "domain_endpoint_options": [{ "enforce_https": true }] }') },
    {
      name: 'Terraform: a block without enforce_https takes the provider’s default, true',
      tf: tf('"domain_endpoint_options": { "tls_security_policy": "Policy-Min-TLS-1-2-2019-07" }'),
    },
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
      name: 'Terraform: no block, on the resource name; the fix adds it',
      tf: tf('"engine_version": "OpenSearch_2.11"'),
      errors: [
        {
          messageId: 'missing',
          message: TF_MISSING,
          data: { setting: 'domain_endpoint_options.enforce_https' },
          text: '"search"',
          line: 5,
        },
      ],
      output: tf(
        '"engine_version": "OpenSearch_2.11",\n        "domain_endpoint_options": {\n          "enforce_https": true\n        }',
      ),
    },
    {
      name: 'Terraform: switched off; the fix turns it on',
      tf: tf('"domain_endpoint_options": { "enforce_https": false }'),
      errors: [{ messageId: 'disabled', message: TF_DISABLED, text: 'false' }],
      output: tf('"domain_endpoint_options": { "enforce_https": true }'),
    },
    {
      name: 'Terraform: an empty list is no block, and no place for a fix',
      tf: tf('"domain_endpoint_options": []', 'aws_elasticsearch_domain'),
      errors: [{ messageId: 'missing', text: '[]' }],
      output: null,
    },
    {
      name: 'Terraform: off by a variable default names the variable',
      tf: tf(
        '"domain_endpoint_options": { "enforce_https": "${var.on}" }',
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
      plan: plan('{ "domain_name": "search", "domain_endpoint_options": [{ "enforce_https": false }] }'),
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
