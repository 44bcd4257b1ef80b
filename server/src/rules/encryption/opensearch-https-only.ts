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

export const opensearchHttpsOnly = {
  meta: {
    id: 'encryption/opensearch-https-only',
    title: 'OpenSearch domains refuse plain HTTP',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'The domain accepts plain HTTP: {{setting}} is not set, and OpenSearch Service serves ' +
        'HTTP as well as HTTPS unless told otherwise, so queries, documents and credentials can cross the network ' +
        'unencrypted.',
      disabled:
        'The domain accepts plain HTTP: {{setting}} is false, so queries, documents and ' +
        'credentials can cross the network unencrypted.',
    },
    rationale:
      'Protecting data in transit is the customer’s side of the shared-responsibility model. A domain endpoint that ' +
      'answers on HTTP lets any client — a misconfigured agent, a dashboard, a script — send documents, search ' +
      'results and basic-auth credentials in plaintext, where anything on the path can read or alter them. Only ' +
      'EnforceHTTPS makes the domain refuse such requests; HTTPS being available is not enough.',
    remediation:
      'Set DomainEndpointOptions: { EnforceHTTPS: true } and move every client to https://. Pick a TLSSecurityPolicy ' +
      'of Policy-Min-TLS-1-2-2019-07 or newer as well (the default, Policy-Min-TLS-1-0-2019-07, still accepts TLS 1.0).',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_83', match: 'equivalent' },
      { tool: 'checkov', id: 'CKV_AWS_228', match: 'related', name: 'TLS security policy' },
      { tool: 'kics', id: '4cdc88e6-c0c8-4081-a639-bb3a557cbedf', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0046', match: 'equivalent', name: 'aws-elasticsearch-enforce-https' },
      { tool: 'trivy', id: 'AVD-AWS-0126', match: 'related', name: 'aws-elasticsearch-use-secure-tls-policy' },
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

/** The update needs no interruption, but clients that still call http:// are refused afterwards: a suggestion. */
const FIX = {
  title: 'Refuse plain HTTP (DomainEndpointOptions.EnforceHTTPS: true) — clients using http:// will be rejected',
  safe: false,
};

function checkDomain(resource: Resource, context: RuleContext<MessageId>): void {
  checkDomainSwitch(resource, context, { options: 'DomainEndpointOptions', key: 'EnforceHTTPS', fix: () => FIX });
}

const TF_FIX = {
  title: 'Refuse plain HTTP (domain_endpoint_options.enforce_https: true) — clients using http:// will be rejected',
  safe: false,
};

function checkTerraformDomain(resource: Resource, context: RuleContext<MessageId>): void {
  checkTerraformDomainSwitch(resource, context, {
    block: 'domain_endpoint_options',
    attribute: 'enforce_https',
    fix: TF_FIX,
  });
}
