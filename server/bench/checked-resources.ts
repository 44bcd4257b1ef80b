import type { Json, JsonMap } from './emit';
import { fnIf, getAtt, NO_VALUE, ref, sub, type Slot } from './intrinsics';

/**
 * The resources the first rules look at, each in a shape real templates use: S3 buckets with and without
 * encryption, security groups open to the world inline, through parameters and through separate ingress
 * resources, RDS instances and clusters encrypted, unencrypted, conditional, and inherited from a cluster.
 */

export const tags = (name: string): Json => [
  { Key: 'Name', Value: sub(`\${AWS::StackName}-${name}`) },
  { Key: 'Environment', Value: ref('Environment') },
];

const ingress = (port: number, cidr: Json, description: string): JsonMap => ({
  IpProtocol: 'tcp',
  FromPort: port,
  ToPort: port,
  CidrIp: cidr,
  Description: description,
});

const sse = (byDefault: JsonMap, extra: JsonMap = {}): JsonMap => ({
  ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: byDefault, ...extra }],
});

export const dataBucket: Slot = (n) => [
  `DataBucket${n}`,
  {
    Type: 'AWS::S3::Bucket',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      BucketName: sub(`\${AWS::StackName}-data-${n}-\${AWS::AccountId}`),
      BucketEncryption: sse({ SSEAlgorithm: 'AES256' }),
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      Tags: tags(`data-${n}`),
    },
  },
];

export const logsBucket: Slot = (n) => [
  `LogsBucket${n}`,
  { Type: 'AWS::S3::Bucket', Properties: { BucketName: sub(`\${AWS::StackName}-logs-${n}`) } },
];

export const kmsBucket: Slot = (n) => [
  `KmsBucket${n}`,
  {
    Type: 'AWS::S3::Bucket',
    Properties: {
      BucketEncryption: sse(
        { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: fnIf('HasKmsKey', ref('KmsKeyArn'), NO_VALUE) },
        { BucketKeyEnabled: true },
      ),
      LoggingConfiguration: { DestinationBucketName: ref(`LogsBucket${n}`), LogFilePrefix: `kms-${n}/` },
    },
  },
];

export const archiveBucket: Slot = (n) => [
  `ArchiveBucket${n}`,
  {
    Type: 'AWS::S3::Bucket',
    Condition: 'IsProd',
    Properties: {
      BucketEncryption: fnIf(
        'IsProdAndKms',
        sse({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: ref('KmsKeyArn') }),
        NO_VALUE,
      ),
    },
  },
];

export const webSecurityGroup: Slot = (n) => [
  `WebSecurityGroup${n}`,
  {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: `Web tier ${n}`,
      VpcId: ref('VpcId'),
      SecurityGroupIngress: [
        ingress(443, '0.0.0.0/0', 'HTTPS from anywhere'),
        ingress(22, '0.0.0.0/0', 'SSH from anywhere'),
      ],
      Tags: tags(`web-${n}`),
    },
  },
];

export const adminSecurityGroup: Slot = (n) => {
  const rules: JsonMap[] = [
    { IpProtocol: 'tcp', FromPort: ref('SshPort'), ToPort: ref('SshPort'), CidrIp: ref('AllowedCidr') },
    { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: ref(`WebSecurityGroup${n}`) },
  ];
  return [
    `AdminSecurityGroup${n}`,
    {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: `Admin access ${n}`, VpcId: ref('VpcId'), SecurityGroupIngress: rules },
    },
  ];
};

/** Every other cycle opens RDP to IPv4, else all traffic to IPv6: both ways a separate ingress is written. */
export const rdpIngress: Slot = (n) => {
  const properties: JsonMap =
    n % 2 === 0
      ? {
          GroupId: getAtt(`WebSecurityGroup${n}`, 'GroupId'),
          IpProtocol: 'tcp',
          FromPort: 3389,
          ToPort: 3389,
          CidrIp: '0.0.0.0/0',
        }
      : { GroupId: ref(`AdminSecurityGroup${n}`), IpProtocol: '-1', CidrIpv6: '::/0' };
  return [`RdpIngress${n}`, { Type: 'AWS::EC2::SecurityGroupIngress', Properties: properties }];
};

export const encryptedDb: Slot = (n) => [
  `EncryptedDb${n}`,
  {
    Type: 'AWS::RDS::DBInstance',
    DeletionPolicy: 'Snapshot',
    UpdateReplacePolicy: 'Snapshot',
    Properties: {
      Engine: 'postgres',
      DBInstanceClass: 'db.t3.medium',
      AllocatedStorage: '100',
      StorageEncrypted: true,
      KmsKeyId: fnIf('HasKmsKey', ref('KmsKeyArn'), NO_VALUE),
      MasterUsername: 'app',
      ManageMasterUserPassword: true,
      VPCSecurityGroups: [getAtt(`AdminSecurityGroup${n}`, 'GroupId')],
    },
  },
];

export const legacyDb: Slot = (n) => [
  `LegacyDb${n}`,
  {
    Type: 'AWS::RDS::DBInstance',
    Properties: {
      Engine: 'mysql',
      DBInstanceClass: 'db.t3.small',
      AllocatedStorage: 20,
      MasterUsername: 'admin',
      MasterUserPassword: sub(`{{resolve:secretsmanager:\${AWS::StackName}-db-${n}:SecretString:password}}`),
      PubliclyAccessible: false,
      BackupRetentionPeriod: 7,
    },
  },
];

export const auroraCluster: Slot = (n) => [
  `AuroraCluster${n}`,
  {
    Type: 'AWS::RDS::DBCluster',
    Properties: {
      Engine: 'aurora-postgresql',
      MasterUsername: 'app',
      ManageMasterUserPassword: true,
      StorageEncrypted: fnIf('IsProd', true, false),
      DeletionProtection: fnIf('IsProd', true, false),
    },
  },
];

export const auroraWriter: Slot = (n) => [
  `AuroraWriter${n}`,
  {
    Type: 'AWS::RDS::DBInstance',
    Properties: {
      Engine: 'aurora-postgresql',
      DBInstanceClass: 'db.r6g.large',
      DBClusterIdentifier: ref(`AuroraCluster${n}`),
    },
  },
];
