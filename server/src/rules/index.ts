import { rdsStorageEncryption } from './encryption/rds-storage-encryption';
import { s3BucketEncryption } from './encryption/s3-bucket-encryption';
import { securityGroupOpenAdminPort } from './firewall/security-group-open-admin-port';
import type { Rule } from './types';

/** The catalogue: every rule iacsec ships, in id order. The meta test checks it against the files. */
export const allRules: readonly Rule[] = [rdsStorageEncryption, s3BucketEncryption, securityGroupOpenAdminPort];
