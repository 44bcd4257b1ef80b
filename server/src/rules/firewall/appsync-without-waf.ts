import type { Resource } from '../../model/template';
import { stringOf } from '../../model/values';
import { propertyOf } from '../terraform-links';
import type { Rule, RuleContext } from '../types';
import { associationProtection } from '../waf';

type MessageId = 'noWebAcl';

export const appsyncWithoutWaf = {
  meta: {
    id: 'firewall/appsync-without-waf',
    title: 'Public AppSync GraphQL APIs are protected by an AWS WAF web ACL',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      noWebAcl:
        'Public AppSync GraphQL API {{id}} has no AWS WAF web ACL associated in this template: query floods, ' +
        'deeply nested queries, bots and injection attempts reach the resolvers unfiltered.',
    },
    rationale:
      'Firewall configuration, including protection against application-layer (layer 7) DDoS, is the customer’s ' +
      'side of the shared-responsibility model: a GraphQL endpoint is public by default, and only a web ACL can ' +
      'rate-limit clients, cap request sizes and block known bad inputs before they reach the resolvers and the ' +
      'data sources behind them.',
    remediation:
      'Create an AWS::WAFv2::WebACL (Scope: REGIONAL) with AWS managed rule groups and a rate-based rule, and an ' +
      'AWS::WAFv2::WebACLAssociation whose ResourceArn is !GetAtt of the API’s Arn (in Terraform, an ' +
      'aws_wafv2_web_acl_association whose resource_arn is the aws_appsync_graphql_api’s arn).',
    references: [
      { tool: 'checkov', id: 'CKV2_AWS_33', match: 'equivalent', name: 'Ensure AppSync is protected by WAF' },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::AppSync::GraphQLApi': (resource, context) => check(resource, context, 'Visibility'),
    },
    terraform: {
      aws_appsync_graphql_api: (resource, context) => check(resource, context, 'visibility'),
    },
  },
} satisfies Rule<MessageId>;

function check(resource: Resource, context: RuleContext<MessageId>, visibilityKey: string): void {
  const visibility = propertyOf(context, resource, visibilityKey);
  // PRIVATE APIs are reachable only from a VPC endpoint; absent is GLOBAL.
  const publicBranches = visibility.filter(
    (outcome) => outcome.kind === 'absent' || stringOf(outcome)?.toUpperCase() === 'GLOBAL',
  );
  if (publicBranches.length === 0 || associationProtection(resource, context) !== 'unprotected') return;
  // Terraform: a module may bring the association.
  if (context.template.dialect === 'terraform' && context.template.hasHiddenResources()) return;
  for (const branch of publicBranches)
    context.report({ node: resource.idNode, messageId: 'noWebAcl', data: { id: resource.id }, via: branch.via });
}
