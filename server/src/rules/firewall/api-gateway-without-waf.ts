import type { Resource } from '../../model/template';
import { stringOf } from '../../model/values';
import { resourceMembers } from '../terraform-links';
import type { Rule, RuleContext } from '../types';
import { associatedInPlan, fixedText, referencedResource, stageProtection } from '../waf';

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
    terraform: {
      aws_api_gateway_stage: (resource, context) => check(resource, context, TERRAFORM),
      // Before AWS provider 6, a deployment's stage_name also creates that stage.
      aws_api_gateway_deployment: (resource, context) => check(resource, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/** How each dialect names the types and properties the rule reads. */
interface Names {
  readonly deployment: string;
  readonly api: string;
  readonly apiId: string;
  readonly stageName: string;
  readonly endpoint: string;
  readonly types: string;
}

const CLOUDFORMATION: Names = {
  deployment: 'AWS::ApiGateway::Deployment',
  api: 'AWS::ApiGateway::RestApi',
  apiId: 'RestApiId',
  stageName: 'StageName',
  endpoint: 'EndpointConfiguration',
  types: 'Types',
};
const TERRAFORM: Names = {
  deployment: 'aws_api_gateway_deployment',
  api: 'aws_api_gateway_rest_api',
  apiId: 'rest_api_id',
  stageName: 'stage_name',
  endpoint: 'endpoint_configuration',
  types: 'types',
};

function check(resource: Resource, context: RuleContext<MessageId>, names: Names = CLOUDFORMATION): void {
  const values = context.values;
  const stageName = values.lookup(values.resolve(resource.properties, resource.anchor), names.stageName);
  if (resource.type === names.deployment && stageName.every((outcome) => outcome.kind === 'absent')) return;
  // An API from another stack may be private: unknown.
  const api = referencedResource(resource, context, names.apiId);
  if (api?.type !== names.api || !isPublic(api, context, names)) return;
  const name = fixedText(resource, context, names.stageName);
  if (stageProtection(resource, api.id, name, context) !== 'unprotected') return;
  // Terraform: a module may bring the association; a plan may show one made outside the configuration.
  if (context.template.dialect === 'terraform') {
    if (context.template.hasHiddenResources() || associatedInPlan(resource, context, 'web_acl_arn')) return;
  }
  context.report({
    node: resource.idNode,
    messageId: 'noWebAcl',
    data: { stage: name ?? resource.id, api: api.id },
  });
}

/** Whether the REST API is reachable from the internet in every deployment: its endpoint types are all known and none is PRIVATE. */
function isPublic(api: Resource, context: RuleContext<MessageId>, names: Names): boolean {
  const values = context.values;
  const types = values.lookup(resourceMembers(context, api, names.endpoint), names.types);
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
