import { ebsVolumeEncryption } from './encryption/ebs-volume-encryption';
import { kmsKeyRotation } from './encryption/kms-key-rotation';
import { rdsStorageEncryption } from './encryption/rds-storage-encryption';
import { s3BucketEncryption } from './encryption/s3-bucket-encryption';
import { securityGroupOpenAdminPort } from './firewall/security-group-open-admin-port';
import { kmsKeyRetain } from './responsibility/kms-key-retain';
import { rdsAutoMinorVersionUpgrade } from './responsibility/rds-auto-minor-version-upgrade';
import type { Rule } from './types';

/** The catalogue: every rule iacsec ships, in id order. The meta test checks it against the files. */
export const allRules: readonly Rule[] = [
  ebsVolumeEncryption,
  kmsKeyRotation,
  rdsStorageEncryption,
  s3BucketEncryption,
  securityGroupOpenAdminPort,
  kmsKeyRetain,
  rdsAutoMinorVersionUpgrade,
];
