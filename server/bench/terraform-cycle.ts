import { type TfSlot } from './terraform-resource';
import * as edge from './terraform-edge-resources';
import * as storage from './terraform-storage-resources';

/**
 * One cycle of an AWS root module as people write it with provider 5: a KMS key; a data bucket with its encryption
 * configuration and public access block (companion resources found by reference); a log bucket that is bare,
 * provider-3 style with inline blocks, or suppressed; security groups with inline rules and a separate rule; RDS
 * instances encrypted and legacy; an EBS volume with `count`; a bastion; a load balancer and its listener; a
 * CloudFront distribution; a Lambda function with its role, table, queue and log group. Variants are drawn from
 * `random`, so some pass and some fail every rule that reads them. Each resource refers only to earlier ones of
 * its cycle, so a configuration cut anywhere still resolves every reference.
 */
export const CYCLE: readonly TfSlot[] = [
  storage.kmsKey,
  storage.dataBucket,
  storage.dataEncryption,
  storage.dataPublicAccess,
  storage.logsBucket,
  edge.webGroup,
  edge.databaseGroup,
  edge.extraRule,
  storage.appDatabase,
  storage.legacyDatabase,
  storage.volume,
  edge.bastion,
  edge.loadBalancer,
  edge.listener,
  edge.distribution,
  edge.role,
  storage.table,
  storage.queue,
  edge.lambda,
  edge.logGroup,
];
