import type { Resource } from '../../model/template';
import {
  checkDomainSwitch,
  checkTerraformDomainSwitch,
  ELASTICSEARCH_DOMAIN,
  OPENSEARCH_DOMAIN,
  TF_ELASTICSEARCH_DOMAIN,
  TF_OPENSEARCH_DOMAIN,
} from '../opensearch';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

export const opensearchEncryptionAtRest = {
  meta: {
    id: 'encryption/opensearch-encryption-at-rest',
    title: 'OpenSearch domains encrypt their data at rest',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'The domain stores its data unencrypted: {{setting}} is not set, and OpenSearch Service ' +
        'creates domains without encryption at rest, so indices, logs, swap files and automated snapshots are readable ' +
        'to anyone who obtains the storage.',
      disabled:
        'The domain stores its data unencrypted: {{setting}} is false, so indices, logs, swap files ' +
        'and automated snapshots are readable to anyone who obtains the storage.',
    },
    rationale:
      'Protecting data at rest is the customer’s side of the shared-responsibility model. A search domain holds copies ' +
      'of the data it indexes — often logs, customer records and application data — and without encryption at rest ' +
      'its indices, its swap files and its automated snapshots sit in plaintext. OpenSearch Service encrypts only when ' +
      'asked; the setting costs nothing beyond the KMS calls and is required for fine-grained access control.',
    remediation:
      'Set EncryptionAtRestOptions: { Enabled: true }, with KmsKeyId for a customer-managed key (otherwise the AWS ' +
      'managed aws/es key is used). Encryption at rest needs Elasticsearch 5.1 or later (6.7 or later to enable it on ' +
      'an existing domain) or any OpenSearch version, and an instance type that supports it (not T2, nor t3.small).',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_5', match: 'equivalent' },
      { tool: 'kics', id: '86a248ab-0e01-4564-a82a-878303e253bb', match: 'equivalent' },
      { tool: 'cdkNag', id: 'AwsSolutions-OS8', match: 'equivalent' },
      { tool: 'cdkNag', id: 'HIPAA.Security-OpenSearchEncryptedAtRest', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0048', match: 'equivalent', name: 'aws-elasticsearch-enable-domain-encryption' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      [OPENSEARCH_DOMAIN]: checkDomain,
      [ELASTICSEARCH_DOMAIN]: checkDomain,
    },
    terraform: {
      [TF_OPENSEARCH_DOMAIN]: checkTerraformDomain,
      [TF_ELASTICSEARCH_DOMAIN]: checkTerraformDomain,
    },
  },
} satisfies Rule<MessageId>;

function checkDomain(resource: Resource, context: RuleContext<MessageId>): void {
  checkDomainSwitch(resource, context, { options: 'EncryptionAtRestOptions', key: 'Enabled', fix: fixOf });
}

/**
 * The AWS provider enables encryption in place on OpenSearch and on Elasticsearch 6.7 or later, and replaces
 * older Elasticsearch domains; a fix cannot tell which version will be deployed, so its title says both.
 */
const TF_FIX = {
  title:
    'Encrypt the domain at rest (encrypt_at_rest.enabled: true) — in place on OpenSearch and Elasticsearch 6.7 or ' +
    'later; replaces older Elasticsearch domains: a new, empty domain',
  safe: false,
};

function checkTerraformDomain(resource: Resource, context: RuleContext<MessageId>): void {
  checkTerraformDomainSwitch(resource, context, { block: 'encrypt_at_rest', attribute: 'enabled', fix: TF_FIX });
}

/**
 * For AWS::OpenSearchService::Domain, CloudFormation adds encryption options a template never had without
 * interruption, but changes options already in the template by deleting and re-creating the domain — an empty
 * domain, so the fix says so. The legacy Elasticsearch resource updates either way without interruption.
 * Never safe: the instance type or engine version may not support it, and the update re-creates the nodes.
 */
function fixOf(resource: Resource, added: boolean): { title: string; safe: boolean } {
  if (resource.type === OPENSEARCH_DOMAIN && !added)
    return {
      title:
        'Encrypt the domain at rest (Enabled: true) — replaces the domain: a new, empty domain; snapshot and restore the data',
      safe: false,
    };
  return {
    title: 'Encrypt the domain at rest (EncryptionAtRestOptions.Enabled: true) — a blue/green update of the nodes',
    safe: false,
  };
}
