import { pick, ref, type TfSlot, type ValueMap, variable } from './terraform-resource';
import { resource, tags, whenProd } from './terraform-inputs';

/**
 * The cycle's data stores: a KMS key; a data bucket with its encryption configuration and public access block
 * (companion resources found by reference); a log bucket that is bare, provider-3 style with inline blocks, or
 * suppressed; RDS instances encrypted and legacy; an EBS volume with `count`; a table and a queue.
 */

export const kmsKey: TfSlot = (n, random) =>
  resource('aws_kms_key', `data_${n}`, {
    description: `Data at rest, stack ${n}`,
    enable_key_rotation: random() < 0.8,
    deletion_window_in_days: random() < 0.7 ? 30 : 7,
    tags: tags(`data-key-${n}`),
  });

export const dataBucket: TfSlot = (n) =>
  resource('aws_s3_bucket', `data_${n}`, {
    bucket: `\${local.name_prefix}-data-${n}`,
    force_destroy: false,
    tags: tags(`data-${n}`),
  });

export const dataEncryption: TfSlot = (n, random) => {
  const rule: ValueMap = {
    apply_server_side_encryption_by_default:
      random() < 0.85
        ? { sse_algorithm: 'aws:kms', kms_master_key_id: ref('aws_kms_key', `data_${n}`, 'arn') }
        : { sse_algorithm: 'AES256' },
    bucket_key_enabled: true,
  };
  // Terraform's JSON syntax takes one block as an object or a list of them; generators write either.
  return resource('aws_s3_bucket_server_side_encryption_configuration', `data_${n}`, {
    bucket: ref('aws_s3_bucket', `data_${n}`, 'id'),
    rule: random() < 0.3 ? [rule] : rule,
  });
};

export const dataPublicAccess: TfSlot = (n, random) =>
  resource('aws_s3_bucket_public_access_block', `data_${n}`, {
    bucket: ref('aws_s3_bucket', `data_${n}`, 'id'),
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: random() < 0.8,
  });

export const logsBucket: TfSlot = (n, random) => {
  const bucket = `bench-logs-${n}`;
  const variant = random();
  if (variant < 0.5) return resource('aws_s3_bucket', `logs_${n}`, { bucket, tags: tags(`logs-${n}`) });
  if (variant < 0.8)
    return resource('aws_s3_bucket', `logs_${n}`, {
      bucket,
      acl: 'log-delivery-write',
      server_side_encryption_configuration: {
        rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
      },
      versioning: { enabled: true },
      lifecycle_rule: [{ id: 'expire', enabled: true, expiration: { days: 90 } }],
    });
  return resource('aws_s3_bucket', `logs_${n}`, {
    '//': [
      'iacsec-ignore encryption/s3-bucket-encryption -- the account encrypts new objects with SSE-S3',
      'checkov:skip=CKV_AWS_18:this is the access-log bucket',
    ],
    bucket,
  });
};

export const appDatabase: TfSlot = (n, random) =>
  resource('aws_db_instance', `app_${n}`, {
    identifier: `app-${n}`,
    engine: 'postgres',
    engine_version: '16.3',
    instance_class: 'db.t3.medium',
    allocated_storage: 100,
    storage_encrypted: true,
    kms_key_id: ref('aws_kms_key', `data_${n}`, 'arn'),
    username: 'app',
    manage_master_user_password: true,
    vpc_security_group_ids: [ref('aws_security_group', `db_${n}`, 'id')],
    backup_retention_period: whenProd(35, 7),
    deletion_protection: random() < 0.7,
    skip_final_snapshot: false,
    auto_minor_version_upgrade: true,
    publicly_accessible: false,
  });

export const legacyDatabase: TfSlot = (n, random) =>
  resource('aws_db_instance', `legacy_${n}`, {
    ...(random() < 0.25
      ? { '//': 'iacsec-ignore responsibility/rds-auto-minor-version-upgrade -- pinned until the 8.0 migration' }
      : {}),
    identifier: `legacy-${n}`,
    engine: 'mysql',
    engine_version: '5.7.44',
    instance_class: 'db.t3.small',
    allocated_storage: 20,
    username: 'admin',
    password: random() < 0.5 ? variable('legacy_db_password') : 'changeme-legacy',
    publicly_accessible: random() < 0.3,
    backup_retention_period: 1,
    auto_minor_version_upgrade: false,
    skip_final_snapshot: true,
  });

export const volume: TfSlot = (n, random) => {
  const encrypted = pick(random, ['kms', 'default', 'absent', 'off'] as const);
  return resource(
    'aws_ebs_volume',
    `data_${n}`,
    {
      ...(n % 3 === 0 ? { count: 1 } : {}),
      availability_zone: 'eu-west-1a',
      size: 100,
      type: 'gp3',
      ...(encrypted === 'kms' ? { encrypted: true, kms_key_id: ref('aws_kms_key', `data_${n}`, 'arn') } : {}),
      ...(encrypted === 'default' ? { encrypted: true } : encrypted === 'off' ? { encrypted: false } : {}),
      tags: tags(`data-volume-${n}`),
    },
    n % 3 === 0,
  );
};

export const table: TfSlot = (n, random) =>
  resource('aws_dynamodb_table', `items_${n}`, {
    name: `items-${n}`,
    billing_mode: 'PAY_PER_REQUEST',
    hash_key: 'pk',
    range_key: 'sk',
    attribute: [
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'S' },
    ],
    point_in_time_recovery: { enabled: random() < 0.7 },
    ...(random() < 0.5
      ? { server_side_encryption: { enabled: true, kms_key_arn: ref('aws_kms_key', `data_${n}`, 'arn') } }
      : {}),
    deletion_protection_enabled: random() < 0.5,
    ttl: { attribute_name: 'expires_at', enabled: true },
    tags: tags(`items-${n}`),
  });

export const queue: TfSlot = (n, random) => {
  const encryption = pick(random, ['managed', 'kms', 'disabled', 'absent'] as const);
  return resource('aws_sqs_queue', `jobs_${n}`, {
    name: `jobs-${n}`,
    visibility_timeout_seconds: 60,
    message_retention_seconds: 345600,
    ...(encryption === 'managed' ? { sqs_managed_sse_enabled: true } : {}),
    ...(encryption === 'kms'
      ? { kms_master_key_id: ref('aws_kms_key', `data_${n}`, 'key_id'), kms_data_key_reuse_period_seconds: 300 }
      : {}),
    ...(encryption === 'disabled' ? { sqs_managed_sse_enabled: false } : {}),
    tags: tags(`jobs-${n}`),
  });
};
