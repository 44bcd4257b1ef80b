import type { JsonMap } from './emit';
import * as checked from './checked-resources';
import { condition, equals, ref, sub, type Slot } from './intrinsics';
import * as other from './other-resources';

/**
 * One cycle of what real stacks hold: S3 20%, security groups and ingress 15%, RDS 20%, and 45% that no rule
 * looks at. Every slot refers only to earlier slots of its cycle, so a template cut anywhere in a cycle still
 * resolves every reference.
 */
const CYCLE: readonly Slot[] = [
  checked.dataBucket,
  checked.logsBucket,
  checked.kmsBucket,
  checked.webSecurityGroup,
  checked.adminSecurityGroup,
  checked.rdpIngress,
  checked.encryptedDb,
  checked.legacyDb,
  checked.auroraCluster,
  other.table,
  other.functionRole,
  other.apiFunction,
  other.workerRole,
  other.workerFunction,
  other.jobQueue,
  other.functionLogs,
  other.alertsTopic,
  checked.archiveBucket,
  checked.auroraWriter,
  other.bastion,
];

/** A template of `count` resources in the cycle above, with the parameters, conditions and outputs they use. */
export function realisticTemplate(count: number): JsonMap {
  const resources: JsonMap = {};
  for (let i = 0; i < count; i++) {
    const [id, body] = (CYCLE[i % CYCLE.length] as Slot)(Math.floor(i / CYCLE.length));
    resources[id] = body;
  }
  const outputs: JsonMap = {};
  for (const [id, body] of Object.entries(resources).slice(0, 60)) {
    const output: JsonMap = { Value: ref(id), Export: { Name: sub(`\${AWS::StackName}-${id}`) } };
    // An output of a conditional resource carries its condition, or CloudFormation rejects the stack.
    const when = (body as JsonMap)['Condition'];
    outputs[`${id}Ref`] = when === undefined ? output : { Condition: when, ...output };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Generated benchmark stack with ${count} resources`,
    Parameters: {
      Environment: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'test', 'prod'] },
      AllowedCidr: { Type: 'String', Default: '0.0.0.0/0', Description: 'Who may reach the admin port' },
      SshPort: { Type: 'Number', Default: 22 },
      KmsKeyArn: { Type: 'String', Default: '' },
      VpcId: { Type: 'AWS::EC2::VPC::Id' },
      Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
      LatestAmi: {
        Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
        Default: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      },
    },
    Conditions: {
      IsProd: equals(ref('Environment'), 'prod'),
      HasKmsKey: { 'Fn::Not': [equals(ref('KmsKeyArn'), '')] },
      IsProdAndKms: { 'Fn::And': [condition('IsProd'), condition('HasKmsKey')] },
    },
    Resources: resources,
    Outputs: outputs,
  };
}
