import type { Resource } from '../../model/template';
import { stringOf } from '../../model/values';
import type { Rule, RuleContext } from '../types';
import { fixedText, referencedResource, stageProtection } from '../waf';

type MessageId = 'noWebAcl';

export const apiGatewayWithoutWaf = {
  meta: {
    id: 'firewall/api-gateway-without-waf',
    title: 'Public API Gateway REST API stages are protected by an AWS WAF web ACL',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      noWebAcl:
        'Stage {{stage}} of public REST API {{api}} has no AWS WAF web ACL associated in this template: ' +
        'application-layer attacks, bots and request floods reach the integrations unfiltered.',
    },
    rationale:
      'Firewall configuration, including protection against application-layer (layer 7) DDoS, is the customer’s ' +
      'side of the shared-responsibility model: API Gateway throttling caps the request rate of a whole stage, but ' +
      'only a web ACL tells one abusive client from the rest, blocks injection attempts and known bad inputs, and ' +
      'keeps floods from spending the throttling budget of legitimate callers.',
    remediation:
      'Create an AWS::WAFv2::WebACL (Scope: REGIONAL) with AWS managed rule groups and a rate-based rule, and an ' +
      'AWS::WAFv2::WebACLAssociation whose ResourceArn is the stage ARN: ' +
      '!Sub arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}.',
    references: [
      {
        tool: 'checkov',
        id: 'CKV2_AWS_29',
        match: 'equivalent',
        name: 'Ensure public API gateway are protected by WAF',
      },
      {
        tool: 'kics',
        id: 'fcbf9019-566c-4832-a65c-af00d8137d2b',
        match: 'equivalent',
        name: 'API Gateway Without WAF',
      },
      { tool: 'cdkNag', id: 'AwsSolutions-APIG3', match: 'equivalent' },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::ApiGateway::Stage': check,
      // A deployment with StageName creates that stage itself, without a Stage resource.
      'AWS::ApiGateway::Deployment': check,
    },
  },
} satisfies Rule<MessageId>;

function check(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const stageName = values.lookup(values.resolve(resource.properties, resource.anchor), 'StageName');
  if (resource.type === 'AWS::ApiGateway::Deployment' && stageName.every((outcome) => outcome.kind === 'absent'))
    return;
  // An API from another stack may be private: unknown.
  const api = referencedResource(resource, context, 'RestApiId');
  if (api?.type !== 'AWS::ApiGateway::RestApi' || !isPublic(api, context)) return;
  const name = fixedText(resource, context, 'StageName');
  if (stageProtection(resource, api.id, name, context) !== 'unprotected') return;
  context.report({
    node: resource.idNode,
    messageId: 'noWebAcl',
    data: { stage: name ?? resource.id, api: api.id },
  });
}

/** Whether the REST API is reachable from the internet in every deployment: its endpoint types are all known and none is PRIVATE. */
function isPublic(api: Resource, context: RuleContext<MessageId>): boolean {
  const values = context.values;
  const types = values.lookup(values.resolve(api.properties, api.anchor), 'EndpointConfiguration', 'Types');
  return types.every((outcome) => {
    // Absent is EDGE (the default), which is public.
    if (outcome.kind === 'absent') return true;
    if (outcome.kind !== 'seq') return false;
    return outcome.seq.items.every((item) =>
      values.resolve(item, outcome.node).every((type) => {
        const text = stringOf(type)?.toUpperCase();
        return text === 'EDGE' || text === 'REGIONAL';
      }),
    );
  });
}
