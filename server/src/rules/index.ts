import { blockDeviceEncryption } from './encryption/block-device-encryption';
import { cloudtrailKms } from './encryption/cloudtrail-kms';
import { dynamodbCustomerKey } from './encryption/dynamodb-customer-key';
import { dynamodbTableEncryption } from './encryption/dynamodb-table-encryption';
import { ebsVolumeEncryption } from './encryption/ebs-volume-encryption';
import { efsEncryption } from './encryption/efs-encryption';
import { elasticacheEncryptionAtRest } from './encryption/elasticache-encryption-at-rest';
import { elasticacheEncryptionInTransit } from './encryption/elasticache-encryption-in-transit';
import { kinesisStreamEncryption } from './encryption/kinesis-stream-encryption';
import { kmsKeyPolicyWildcardPrincipal } from './encryption/kms-key-policy-wildcard-principal';
import { kmsKeyRotation } from './encryption/kms-key-rotation';
import { logGroupKms } from './encryption/log-group-kms';
import { opensearchEncryptionAtRest } from './encryption/opensearch-encryption-at-rest';
import { opensearchHttpsOnly } from './encryption/opensearch-https-only';
import { opensearchNodeToNodeEncryption } from './encryption/opensearch-node-to-node-encryption';
import { plaintextSecret } from './encryption/plaintext-secret';
import { rdsEncryptedConnections } from './encryption/rds-encrypted-connections';
import { rdsStorageEncryption } from './encryption/rds-storage-encryption';
import { redshiftEncryption } from './encryption/redshift-encryption';
import { s3BucketCustomerKey } from './encryption/s3-bucket-customer-key';
import { s3BucketEncryption } from './encryption/s3-bucket-encryption';
import { s3BucketTlsOnly } from './encryption/s3-bucket-tls-only';
import { secretsManagerCustomerKey } from './encryption/secrets-manager-customer-key';
import { snsTopicEncryption } from './encryption/sns-topic-encryption';
import { sqsQueueEncryption } from './encryption/sqs-queue-encryption';
import { apiGatewayStageThrottling } from './firewall/api-gateway-stage-throttling';
import { apiGatewayWithoutWaf } from './firewall/api-gateway-without-waf';
import { appsyncWithoutWaf } from './firewall/appsync-without-waf';
import { cloudfrontMinimumTls } from './firewall/cloudfront-minimum-tls';
import { cloudfrontS3OriginAccess } from './firewall/cloudfront-s3-origin-access';
import { cloudfrontViewerHttps } from './firewall/cloudfront-viewer-https';
import { cloudfrontWithoutWaf } from './firewall/cloudfront-without-waf';
import { loadBalancerHttpListener } from './firewall/load-balancer-http-listener';
import { loadBalancerWeakTlsPolicy } from './firewall/load-balancer-weak-tls-policy';
import { loadBalancerWithoutWaf } from './firewall/load-balancer-without-waf';
import { networkAclAllowAll } from './firewall/network-acl-allow-all';
import { networkAclOpenAdminPort } from './firewall/network-acl-open-admin-port';
import { rdsPubliclyAccessible } from './firewall/rds-publicly-accessible';
import { s3WebsitePublic } from './firewall/s3-website-public';
import { securityGroupOpenAdminPort } from './firewall/security-group-open-admin-port';
import { securityGroupOpenAllPorts } from './firewall/security-group-open-all-ports';
import { securityGroupOpenDatabasePort } from './firewall/security-group-open-database-port';
import { securityGroupOpenEgress } from './firewall/security-group-open-egress';
import { shieldAdvancedProtection } from './firewall/shield-advanced-protection';
import { webAclAllowAllWithoutRules } from './firewall/web-acl-allow-all-without-rules';
import { webAclWithoutRateLimit } from './firewall/web-acl-without-rate-limit';
import { cloudtrailLogValidation } from './responsibility/cloudtrail-log-validation';
import { cloudtrailMultiRegion } from './responsibility/cloudtrail-multi-region';
import { containerImageLatest } from './responsibility/container-image-latest';
import { dynamodbDeletionProtection } from './responsibility/dynamodb-deletion-protection';
import { dynamodbPointInTimeRecovery } from './responsibility/dynamodb-point-in-time-recovery';
import { ecrImmutableTags } from './responsibility/ecr-immutable-tags';
import { ecrScanOnPush } from './responsibility/ecr-scan-on-push';
import { elasticacheAutoMinorVersionUpgrade } from './responsibility/elasticache-auto-minor-version-upgrade';
import { hardCodedAmi } from './responsibility/hard-coded-ami';
import { instanceMetadataV2 } from './responsibility/instance-metadata-v2';
import { instanceProfile } from './responsibility/instance-profile';
import { kmsKeyDeletionWindow } from './responsibility/kms-key-deletion-window';
import { kmsKeyRetain } from './responsibility/kms-key-retain';
import { lambdaDeprecatedRuntime } from './responsibility/lambda-deprecated-runtime';
import { logGroupRetention } from './responsibility/log-group-retention';
import { mqAutoMinorVersionUpgrade } from './responsibility/mq-auto-minor-version-upgrade';
import { rdsAutoMinorVersionUpgrade } from './responsibility/rds-auto-minor-version-upgrade';
import { rdsBackupRetention } from './responsibility/rds-backup-retention';
import { rdsDeletionProtection } from './responsibility/rds-deletion-protection';
import { redshiftAllowVersionUpgrade } from './responsibility/redshift-allow-version-upgrade';
import { s3AccessLogging } from './responsibility/s3-access-logging';
import { s3BucketVersioning } from './responsibility/s3-bucket-versioning';
import { s3PublicAccessBlock } from './responsibility/s3-public-access-block';
import { statefulResourceRetain } from './responsibility/stateful-resource-retain';
import { vpcFlowLogs } from './responsibility/vpc-flow-logs';
import type { Rule } from './types';

/** The catalogue: every rule iacsec ships, in id order. The meta test checks it against the files. */
export const allRules: readonly Rule[] = [
  blockDeviceEncryption,
  cloudtrailKms,
  dynamodbCustomerKey,
  dynamodbTableEncryption,
  ebsVolumeEncryption,
  efsEncryption,
  elasticacheEncryptionAtRest,
  elasticacheEncryptionInTransit,
  kinesisStreamEncryption,
  kmsKeyPolicyWildcardPrincipal,
  kmsKeyRotation,
  logGroupKms,
  opensearchEncryptionAtRest,
  opensearchHttpsOnly,
  opensearchNodeToNodeEncryption,
  plaintextSecret,
  rdsEncryptedConnections,
  rdsStorageEncryption,
  redshiftEncryption,
  s3BucketCustomerKey,
  s3BucketEncryption,
  s3BucketTlsOnly,
  secretsManagerCustomerKey,
  snsTopicEncryption,
  sqsQueueEncryption,
  apiGatewayStageThrottling,
  apiGatewayWithoutWaf,
  appsyncWithoutWaf,
  cloudfrontMinimumTls,
  cloudfrontS3OriginAccess,
  cloudfrontViewerHttps,
  cloudfrontWithoutWaf,
  loadBalancerHttpListener,
  loadBalancerWeakTlsPolicy,
  loadBalancerWithoutWaf,
  networkAclAllowAll,
  networkAclOpenAdminPort,
  rdsPubliclyAccessible,
  s3WebsitePublic,
  securityGroupOpenAdminPort,
  securityGroupOpenAllPorts,
  securityGroupOpenDatabasePort,
  securityGroupOpenEgress,
  shieldAdvancedProtection,
  webAclAllowAllWithoutRules,
  webAclWithoutRateLimit,
  cloudtrailLogValidation,
  cloudtrailMultiRegion,
  containerImageLatest,
  dynamodbDeletionProtection,
  dynamodbPointInTimeRecovery,
  ecrImmutableTags,
  ecrScanOnPush,
  elasticacheAutoMinorVersionUpgrade,
  hardCodedAmi,
  instanceMetadataV2,
  instanceProfile,
  kmsKeyDeletionWindow,
  kmsKeyRetain,
  lambdaDeprecatedRuntime,
  logGroupRetention,
  mqAutoMinorVersionUpgrade,
  rdsAutoMinorVersionUpgrade,
  rdsBackupRetention,
  rdsDeletionProtection,
  redshiftAllowVersionUpgrade,
  s3AccessLogging,
  s3BucketVersioning,
  s3PublicAccessBlock,
  statefulResourceRetain,
  vpcFlowLogs,
];
