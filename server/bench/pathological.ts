import type { Json, JsonMap } from './emit';
import { condition, equals, fnIf, getAtt, NO_VALUE, ref, sub } from './intrinsics';

const PARAMETERS = 200;
const CONDITIONS = 30;
const CHAIN_DEPTH = 20;
const TREE_DEPTH = 6;
const SUB_VARIABLES = 40;

const param = (i: number): string => `P${String(i % PARAMETERS).padStart(3, '0')}`;
const cond = (i: number): string => `C${String(((i % CONDITIONS) + CONDITIONS) % CONDITIONS).padStart(2, '0')}`;

/**
 * 200 parameters with defaults and AllowedValues: strings, CIDRs (defaulting to 0.0.0.0/0) and ports (22), so
 * values resolve through defaults and allowed values everywhere.
 */
function parameters(): JsonMap {
  const result: JsonMap = {};
  for (let i = 0; i < PARAMETERS; i++) {
    if (i % 10 === 0)
      result[param(i)] = {
        Type: 'String',
        Default: '0.0.0.0/0',
        AllowedValues: ['0.0.0.0/0', '10.0.0.0/8', '192.168.0.0/16'],
      };
    else if (i % 10 === 1) result[param(i)] = { Type: 'Number', Default: 22, AllowedValues: [22, 443, 3389, 5432] };
    else result[param(i)] = { Type: 'String', Default: `v${i}`, AllowedValues: [`v${i}`, `w${i}`, `x${i}`, `y${i}`] };
  }
  return result;
}

/**
 * 30 conditions that lean on each other (each on up to three earlier ones), so a resolver without memory
 * walks a Fibonacci-sized tree. They compare parameters, so none can be decided from literals.
 */
function conditions(): JsonMap {
  const result: JsonMap = { [cond(0)]: equals(ref(param(2)), 'v2'), [cond(1)]: { 'Fn::Not': [condition(cond(0))] } };
  for (let i = 2; i < CONDITIONS; i++) {
    const mine = equals(ref(param(i * 3 + 2)), `w${i * 3 + 2}`);
    result[cond(i)] =
      i % 3 === 0
        ? {
            'Fn::And': [
              condition(cond(i - 1)),
              { 'Fn::Or': [condition(cond(i - 2)), mine] },
              { 'Fn::Not': [condition(cond(i - 3 < 0 ? 0 : i - 3))] },
            ],
          }
        : i % 3 === 1
          ? {
              'Fn::Or': [
                { 'Fn::Not': [condition(cond(i - 1))] },
                condition(cond(i - 2)),
                condition(cond(Math.floor(i / 2))),
              ],
            }
          : { 'Fn::And': [mine, { 'Fn::Or': [condition(cond(i - 1)), condition(cond(i - 2))] }] };
  }
  return result;
}

/** `!If [c, leaf, !If [c', leaf', …]]`, `depth` deep: every level adds a branch the resolver must label. */
function ifChain(depth: number, seed: number, leaf: (level: number) => Json): Json {
  let value = leaf(depth);
  for (let level = depth - 1; level >= 0; level--) value = fnIf(cond(seed + level), leaf(level), value);
  return value;
}

/** A balanced tree of `!If`s: 2^depth leaves, at the resolver's cap for depth 6. */
function ifTree(depth: number, seed: number, leaf: (index: number) => Json, index = 0): Json {
  if (depth === 0) return leaf(index);
  return fnIf(
    cond(seed + depth),
    ifTree(depth - 1, seed, leaf, index * 2),
    ifTree(depth - 1, seed + 7, leaf, index * 2 + 1),
  );
}

const encryption = (algorithm: Json): Json => ({
  ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: algorithm } }],
});

/** A `!Sub` with many `${}` variables, over parameters, pseudo-parameters and attributes of another resource. */
function longSub(seed: number, bucket: string): Json {
  const parts: string[] = [];
  for (let k = 0; k < SUB_VARIABLES; k++) parts.push(`${k}=\${${param(seed * 7 + k * 3 + 2)}}`);
  return sub(`arn:\${AWS::Partition}:s3:::\${${bucket}}/\${AWS::Region}/${parts.join('&')}/\${${bucket}.Arn}`);
}

function resource(j: number): [string, JsonMap] {
  const bucket = `Bucket${j - (j % 4)}`;
  switch (j % 4) {
    case 0:
      return [
        `Bucket${j}`,
        {
          Type: 'AWS::S3::Bucket',
          Properties: {
            BucketEncryption: ifChain(CHAIN_DEPTH, j, (level) =>
              level % 3 === 2 ? NO_VALUE : encryption(level % 2 === 0 ? 'AES256' : ref(param(level * 10 + 2))),
            ),
            ObjectLockConfiguration: ifTree(TREE_DEPTH, j, (index) =>
              index % 2 === 0 ? NO_VALUE : { ObjectLockEnabled: 'Enabled' },
            ),
          },
        },
      ];
    case 1:
      return [
        `Group${j}`,
        {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            GroupDescription: sub(`group ${j} in \${AWS::StackName}`),
            SecurityGroupIngress: Array.from({ length: 8 }, (_, k) => ({
              IpProtocol: 'tcp',
              FromPort: ref(param(k * 10 + 1)),
              ToPort: ref(param(k * 10 + 1)),
              CidrIp: ifChain(6, j + k, (level) => ref(param(level * 10))),
            })),
          },
        },
      ];
    case 2:
      return [
        `Database${j}`,
        {
          Type: 'AWS::RDS::DBInstance',
          Properties: {
            Engine: 'postgres',
            DBInstanceClass: 'db.t3.medium',
            StorageEncrypted: ifChain(CHAIN_DEPTH, j, (level) =>
              level % 2 === 0 ? false : ref(param(level * 10 + 5)),
            ),
            DBSubnetGroupName: longSub(j, bucket),
          },
        },
      ];
    default:
      return [
        `Function${j}`,
        {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: ifTree(4, j, (index) => (index % 2 === 0 ? 'python3.12' : 'nodejs20.x')),
            Role: getAtt(bucket, 'Arn'),
            Environment: {
              Variables: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`VAR_${k}`, longSub(j + k, bucket)])),
            },
          },
        },
      ];
  }
}

/** The worst a template can reasonably ask of the value resolver, at `count` resources. */
export function pathologicalTemplate(count: number): JsonMap {
  const resources: JsonMap = {};
  for (let j = 0; j < count; j++) {
    const [id, body] = resource(j);
    resources[id] = body;
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Pathological benchmark: nested conditions, 200 parameters, deep Fn::If, long Fn::Sub',
    Parameters: parameters(),
    Conditions: conditions(),
    Resources: resources,
  };
}
