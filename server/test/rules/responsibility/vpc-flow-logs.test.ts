import { vpcFlowLogs } from '../../../src/rules/responsibility/vpc-flow-logs';
import { RuleTester, resourcesYaml } from '../../rule-tester';

const missing =
  'No AWS::EC2::FlowLog in the template records this VPC, and AWS records no network traffic unless asked, so ' +
  'connections to and from its instances — scans, lateral movement, data leaving — leave no trace.';

const VPC = 'Vpc:\n  Type: AWS::EC2::VPC\n  Properties:\n    CidrBlock: 10.0.0.0/16\n';

/** A flow log whose ResourceId is `id`. */
const flowLog = (id: string, type = 'VPC'): string =>
  `Log:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceType: ${type}\n    ResourceId: ${id}\n    TrafficType: ALL\n    LogDestinationType: s3\n    LogDestination: arn:aws:s3:::central-flow-logs\n`;

new RuleTester().run(vpcFlowLogs, {
  valid: [
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
