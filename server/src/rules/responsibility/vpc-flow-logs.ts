import type { Resource } from '../../model/template';
import type { Outcome } from '../../model/values';
import { attributes, isPlan } from '../terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing';

const FLOW_LOG = 'AWS::EC2::FlowLog';

export const vpcFlowLogs = {
  meta: {
    id: 'responsibility/vpc-flow-logs',
    title: 'VPCs record flow logs',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        'No {{flowLog}} in the {{document}} records this VPC, and AWS records no network traffic unless asked, so ' +
        'connections to and from its instances — scans, lateral movement, data leaving — leave no trace.',
    },
    rationale:
      'AWS runs the network; recording what crosses it is the customer’s side of the shared-responsibility model. ' +
      'VPC flow logs are off until a flow log is created for the VPC. Without them an incident cannot be scoped: which ' +
      'hosts a compromised instance talked to, whether a security group was probed, how much data left and to where. ' +
      'GuardDuty analyses flow data on its own, but keeps none of it for the customer to search.',
    remediation:
      'Add an AWS::EC2::FlowLog with ResourceType: VPC and ResourceId: !Ref TheVpc, TrafficType: ALL, delivering to an ' +
      'S3 bucket (LogDestinationType: s3) or to a CloudWatch Logs group with a DeliverLogsPermissionArn role. In ' +
      'Terraform, an aws_flow_log whose vpc_id refers to the aws_vpc.',
    references: [
      { tool: 'checkov', id: 'CKV2_AWS_11', match: 'equivalent', name: 'Terraform and CloudFormation graph check' },
      { tool: 'cfnNag', id: 'W60', match: 'equivalent' },
      { tool: 'cdkNag', id: 'AwsSolutions-VPC7', match: 'equivalent' },
      {
        tool: 'trivy',
        id: 'AVD-AWS-0178',
        match: 'equivalent',
        name: 'aws-ec2-require-vpc-flow-logs-for-all-vpcs',
      },
      {
        tool: 'kics',
        id: 'f83121ea-03da-434f-9277-9cd247ab3047',
        match: 'equivalent',
        name: 'Terraform: VPC FlowLogs Disabled',
      },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::EC2::VPC': checkVpc,
    },
    terraform: {
      aws_vpc: checkTerraformVpc,
      // The account's default VPC, once Terraform manages it, carries traffic like any other.
      aws_default_vpc: checkTerraformVpc,
    },
  },
} satisfies Rule<MessageId>;

const TF_FLOW_LOG = 'aws_flow_log';

function checkVpc(vpc: Resource, context: RuleContext<MessageId>): void {
  const references = context.template.references.to(vpc.id);
  // A flow log that refers to the VPC anywhere in its ResourceId (`!Ref`, `!GetAtt Vpc.VpcId`, `!If` of either)
  // records it, at least in some deployment; its Condition is the author's choice, not a gap this rule names.
  if (references.some((reference) => reference.from.type === FLOW_LOG && reference.path[1] === 'ResourceId')) return;
  const unknownTarget = context.memo('responsibility/vpc-flow-logs:unknown-target', () =>
    context.template.resources.some((resource) => resource.type === FLOW_LOG && mayRecord(resource, context)),
  );
  if (unknownTarget) return;
  context.report({ node: vpc.idNode, messageId: 'missing', data: { flowLog: FLOW_LOG, document: 'template' } });
}

/**
 * Terraform: an aws_flow_log whose `vpc_id` refers to the VPC (`${aws_vpc.main.id}`, or a plan's configuration
 * reference) records it. A flow log whose `vpc_id` cannot be known may name it, and modules may bring one.
 */
function checkTerraformVpc(vpc: Resource, context: RuleContext<MessageId>): void {
  const template = context.template;
  const references = template.references.to(vpc.id);
  if (references.some((reference) => reference.from.type === TF_FLOW_LOG && reference.path[0] === 'vpc_id')) return;
  if (template.hasHiddenResources()) return;
  const unknownTarget = context.memo('responsibility/vpc-flow-logs:terraform-unknown-target', () =>
    template.resources.some(
      (resource) =>
        resource.type === TF_FLOW_LOG &&
        context.values.lookup(attributes(resource, context.values), 'vpc_id').some(mayBeAnyVpc),
    ),
  );
  if (unknownTarget) return;
  const data = { flowLog: TF_FLOW_LOG, document: isPlan(template) ? 'plan' : 'configuration' };
  context.report({ node: vpc.anchor, messageId: 'missing', data });
}

/** A `vpc_id` that is neither absent, nor a literal id, nor a resource of the document: it may be any VPC's id. */
function mayBeAnyVpc(id: Outcome): boolean {
  return id.kind !== 'scalar' && id.kind !== 'resource' && id.kind !== 'absent';
}

/**
 * Whether a flow log that does not refer to the VPC may still record it: its ResourceId cannot be known (a
 * parameter, an import, a property map written as a function), so it may name this VPC's id. A literal id
 * (`vpc-0abc…`) names a VPC outside the template.
 */
function mayRecord(flowLog: Resource, context: RuleContext<MessageId>): boolean {
  const values = context.values;
  const properties = values.resolve(flowLog.properties, flowLog.anchor);
  const types = values.lookup(properties, 'ResourceType');
  if (!types.some((type) => type.kind !== 'scalar' || String(type.value).toLowerCase() === 'vpc')) return false;
  return values
    .lookup(properties, 'ResourceId')
    .some((id) => id.kind !== 'scalar' && id.kind !== 'resource' && id.kind !== 'absent');
}
