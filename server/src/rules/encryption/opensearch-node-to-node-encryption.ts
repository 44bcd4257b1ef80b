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

export const opensearchNodeToNodeEncryption = {
  meta: {
    id: 'encryption/opensearch-node-to-node-encryption',
    title: 'OpenSearch domains encrypt traffic between their nodes',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'Data travels in plaintext between the domain’s nodes: {{setting}} is not set, and ' +
        'OpenSearch Service does not encrypt node-to-node traffic unless asked.',
      disabled: 'Data travels in plaintext between the domain’s nodes: {{setting}} is false.',
    },
    rationale:
      'Protecting data in transit is the customer’s side of the shared-responsibility model. Every document indexed ' +
      'and every search result moves between the nodes of a domain — shard replication, recovery, query fan-out — and ' +
      'without node-to-node encryption that traffic is plaintext inside the VPC or the service network, readable to ' +
      'anything that can observe it. TLS between nodes costs little and is required for fine-grained access control.',
    remediation:
      'Set NodeToNodeEncryptionOptions: { Enabled: true }. It needs Elasticsearch 6.0 or later (6.7 or later to enable ' +
      'it on an existing domain) or any OpenSearch version; once enabled it cannot be turned off.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_6', match: 'equivalent' },
      { tool: 'cdkNag', id: 'AwsSolutions-OS2', match: 'equivalent' },
      { tool: 'cdkNag', id: 'HIPAA.Security-OpenSearchNodeToNodeEncryption', match: 'equivalent' },
      {
        tool: 'trivy',
        id: 'AVD-AWS-0043',
        match: 'equivalent',
        name: 'aws-elasticsearch-enable-in-transit-encryption',
      },
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

/**
 * "Update requires: No interruption" for both resource types, but the update is a blue/green deployment of the
 * nodes and cannot be undone, so the fix is a suggestion.
 */
const FIX = {
  title: 'Encrypt node-to-node traffic (NodeToNodeEncryptionOptions.Enabled: true) — a blue/green update; irreversible',
  safe: false,
};

function checkDomain(resource: Resource, context: RuleContext<MessageId>): void {
  checkDomainSwitch(resource, context, { options: 'NodeToNodeEncryptionOptions', key: 'Enabled', fix: () => FIX });
}

/** In place on OpenSearch and Elasticsearch 6.7 or later; the provider replaces older Elasticsearch domains. */
const TF_FIX = {
  title:
    'Encrypt node-to-node traffic (node_to_node_encryption.enabled: true) — in place on OpenSearch and Elasticsearch ' +
    '6.7 or later, otherwise replaces the domain; irreversible',
  safe: false,
};

function checkTerraformDomain(resource: Resource, context: RuleContext<MessageId>): void {
  checkTerraformDomainSwitch(resource, context, {
    block: 'node_to_node_encryption',
    attribute: 'enabled',
    fix: TF_FIX,
  });
}
