import type { JsonMap } from './emit';
import { fnIf, getAtt, NO_VALUE, ref, sub, type Slot } from './intrinsics';

/**
 * Resources no rule looks at yet but every lint must read and walk: roles with policies, functions with
 * inline code and conditional settings, queues, log groups, topics, tables, an instance with user data.
 */

const HANDLER = [
  'import json',
  'import os',
  '',
  'def handler(event, context):',
  "    table = os.environ['TABLE_NAME']",
  "    return {'statusCode': 200, 'body': json.dumps({'table': table})}",
  '',
].join('\n');

const role =
  (name: string): Slot =>
  (n) => [
    `${name}${n}`,
    {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')],
        Policies: [
          {
            PolicyName: 'data-access',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['s3:GetObject', 's3:PutObject'],
                  Resource: sub(`\${DataBucket${n}.Arn}/*`),
                },
                { Effect: 'Allow', Action: 'dynamodb:Query', Resource: getAtt(`Table${n}`, 'Arn') },
              ],
            },
          },
        ],
      },
    },
  ];

const lambda =
  (name: string, roleName: string): Slot =>
  (n) => [
    `${name}${n}`,
    {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'python3.12',
        Handler: 'index.handler',
        Timeout: fnIf('IsProd', 30, 10),
        Role: getAtt(`${roleName}${n}`, 'Arn'),
        Code: { ZipFile: HANDLER },
        Environment: {
          Variables: {
            TABLE_NAME: ref(`Table${n}`),
            BUCKET: sub(`\${DataBucket${n}}-\${Environment}`),
            LOG_LEVEL: fnIf('IsProd', 'WARN', 'DEBUG'),
          },
        },
        VpcConfig: fnIf(
          'IsProd',
          { SecurityGroupIds: [ref(`AdminSecurityGroup${n}`)], SubnetIds: ref('Subnets') },
          NO_VALUE,
        ),
      },
    },
  ];

export const functionRole = role('FunctionRole');
export const workerRole = role('WorkerRole');
export const apiFunction = lambda('ApiFunction', 'FunctionRole');
export const workerFunction = lambda('WorkerFunction', 'WorkerRole');

export const table: Slot = (n) => [
  `Table${n}`,
  {
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    },
  },
];

export const jobQueue: Slot = (n) => [
  `JobQueue${n}`,
  { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60, MessageRetentionPeriod: 345600 } },
];

export const functionLogs: Slot = (n) => [
  `FunctionLogs${n}`,
  {
    Type: 'AWS::Logs::LogGroup',
    Properties: { LogGroupName: sub(`/aws/lambda/\${ApiFunction${n}}`), RetentionInDays: fnIf('IsProd', 365, 14) },
  },
];

export const alertsTopic: Slot = (n) => [
  `AlertsTopic${n}`,
  {
    Type: 'AWS::SNS::Topic',
    Properties: { KmsMasterKeyId: 'alias/aws/sns', TopicName: sub(`\${AWS::StackName}-alerts-${n}`) },
  },
];

const USER_DATA = (n: number): string =>
  [
    '#!/bin/bash',
    'yum update -y',
    'echo "${Environment}" > /etc/stage',
    `/opt/aws/bin/cfn-signal -e $? --stack \${AWS::StackName} --resource Bastion${n} --region \${AWS::Region}`,
    '',
  ].join('\n');

export const bastion: Slot = (n) => [
  `Bastion${n}`,
  {
    Type: 'AWS::EC2::Instance',
    Properties: {
      ImageId: ref('LatestAmi'),
      InstanceType: 't3.micro',
      SecurityGroupIds: [ref(`WebSecurityGroup${n}`)],
      AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      // `!Base64` cannot hold a short-form `!Sub`; the emitter writes it `Fn::Sub:`, as people must.
      UserData: { 'Fn::Base64': sub(USER_DATA(n)) },
    } satisfies JsonMap,
  },
];
