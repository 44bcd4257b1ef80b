import { vpcFlowLogs } from '../../../src/rules/responsibility/vpc-flow-logs';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const missing =
  'No AWS::EC2::FlowLog in the template records this VPC, and AWS records no network traffic unless asked, so ' +
  'connections to and from its instances — scans, lateral movement, data leaving — leave no trace.';

const VPC = 'Vpc:\n  Type: AWS::EC2::VPC\n  Properties:\n    CidrBlock: 10.0.0.0/16\n';

/** A flow log whose ResourceId is `id`. */
const flowLog = (id: string, type = 'VPC'): string =>
  `Log:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceType: ${type}\n    ResourceId: ${id}\n    TrafficType: ALL\n    LogDestinationType: s3\n    LogDestination: arn:aws:s3:::central-flow-logs\n`;

const tfMissing = (document: string): string =>
  `No aws_flow_log in the ${document} records this VPC, and AWS records no network traffic unless asked, so ` +
  'connections to and from its instances — scans, lateral movement, data leaving — leave no trace.';

/** A `.tf.json` configuration with these `resource` types; `head` goes before them. */
const tf = (resources: string, head = ''): string => `{\n${head}  "resource": {\n${resources}\n  }\n}\n`;
const TF_VPC = '    "aws_vpc": { "main": { "cidr_block": "10.0.0.0/16" } }';
const tfFlowLog = (vpc: string): string =>
  `    "aws_flow_log": { "main": { "vpc_id": "${vpc}", "traffic_type": "ALL", "log_destination_type": "s3", "log_destination": "arn:aws:s3:::central-flow-logs" } }`;

/** A plan with a VPC, and optionally a flow log tied to it through the configuration. */
const plan = (withFlowLog: boolean): string => `{
  "format_version": "1.2",
  "planned_values": { "root_module": { "resources": [
    { "address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "values": { "cidr_block": "10.0.0.0/16" } }${
      withFlowLog
        ? `,
    { "address": "aws_flow_log.main", "mode": "managed", "type": "aws_flow_log", "name": "main", "values": { "traffic_type": "ALL" } }`
        : ''
    }
  ] } },
  "resource_changes": [
    { "address": "aws_flow_log.main", "change": { "actions": ["create"], "after": { "traffic_type": "ALL" }, "after_unknown": { "vpc_id": true } } }
  ],
  "configuration": { "root_module": { "resources": [
    { "address": "aws_flow_log.main", "type": "aws_flow_log", "name": "main",
      "expressions": { "vpc_id": { "references": ["aws_vpc.main.id", "aws_vpc.main"] } } }
  ] } }
}
`;

new RuleTester().run(vpcFlowLogs, {
  valid: [
    { name: 'Terraform: a flow log refers to the VPC', tf: tf(`${TF_VPC},\n${tfFlowLog('${aws_vpc.main.id}')}`) },
    {
      name: 'Terraform: a flow log whose vpc_id cannot be known may record it',
      tf: tf(`${TF_VPC},\n${tfFlowLog('${var.vpc_id}')}`),
    },
    {
      name: 'Terraform: a module may bring the flow log',
      tf: tf(TF_VPC, '  "module": { "flow_logs": { "source": "./flow-logs" } },\n'),
    },
    { name: 'plan: the flow log is tied to the VPC by the configuration', plan: plan(true) },
    { name: 'a flow log refers to the VPC', yaml: resourcesYaml(VPC + flowLog('!Ref Vpc')) },
    { name: 'by GetAtt VpcId', yaml: resourcesYaml(VPC + flowLog('!GetAtt Vpc.VpcId')) },
    {
      name: 'a flow log whose ResourceId cannot be known may record it: unknown',
      yaml: 'Parameters:\n  Target:\n    Type: String\n' + resourcesYaml(VPC + flowLog('!Ref Target')),
    },
    {
      name: 'JSON',
      json: '{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}, "Log": {"Type": "AWS::EC2::FlowLog", "Properties": {"ResourceType": "VPC", "ResourceId": {"Ref": "Vpc"}, "TrafficType": "ALL", "LogDestination": "arn:aws:s3:::b", "LogDestinationType": "s3"}}}}',
    },
    { name: 'no VPC, nothing to judge', yaml: resourcesYaml(flowLog('vpc-0123456789abcdef0')) },
  ],
  invalid: [
    {
      name: 'Terraform: no flow log, on the VPC’s name',
      tf: tf(TF_VPC),
      errors: [
        {
          messageId: 'missing',
          message: tfMissing('configuration'),
          data: { flowLog: 'aws_flow_log', document: 'configuration' },
          text: '"main"',
        },
      ],
    },
    {
      name: 'Terraform: the default VPC, and a flow log of another VPC by its literal id',
      tf: tf(`    "aws_default_vpc": { "default": {} },\n${tfFlowLog('vpc-0123456789abcdef0')}`),
      errors: [{ messageId: 'missing', message: tfMissing('configuration'), text: '"default"' }],
    },
    {
      name: 'plan: a VPC without a flow log',
      plan: plan(false),
      errors: [
        {
          messageId: 'missing',
          message: `${tfMissing('plan')} This is a plan: fix aws_vpc.main in the Terraform configuration and plan again.`,
          text: '"values"',
        },
      ],
    },
    {
      name: 'block style, no flow log',
      yaml: resourcesYaml(VPC),
      errors: [{ messageId: 'missing', message: missing, text: 'Vpc' }],
    },
    {
      name: 'flow style',
      yaml: resourcesYaml('Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }\n'),
      errors: [{ messageId: 'missing', text: 'Vpc' }],
    },
    {
      name: 'JSON',
      json: '{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}}}',
      errors: [{ messageId: 'missing', text: '"Vpc"' }],
    },
    {
      name: 'a flow log of a literal VPC id records another VPC',
      yaml: resourcesYaml(VPC + flowLog('vpc-0123456789abcdef0')),
      errors: [{ messageId: 'missing', underline: 'Vpc:\n~~~' }],
    },
    {
      name: 'a subnet flow log of an unknown subnet does not record the VPC',
      yaml: 'Parameters:\n  Subnet:\n    Type: String\n' + resourcesYaml(VPC + flowLog('!Ref Subnet', 'Subnet')),
      errors: [{ messageId: 'missing', underline: 'Vpc:\n~~~' }],
    },
    {
      name: 'only the VPC without a flow log is reported',
      yaml: resourcesYaml(
        VPC + flowLog('!Ref Vpc') + 'Other:\n  Type: AWS::EC2::VPC\n  Properties:\n    CidrBlock: 10.1.0.0/16\n',
      ),
      errors: [{ messageId: 'missing', text: 'Other' }],
    },
  ],
});
