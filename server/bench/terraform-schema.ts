import type { Json } from './emit';
import type { TfResource } from './terraform-resource';

/**
 * What a plan shows of an attribute the configuration left out, for the types the cycle writes: `defaults` are
 * known before apply (often null), `computed` are known only for a resource that exists already. Real plans list
 * every attribute of the provider's schema; these are the common ones, enough to give plans their usual bulk.
 */
interface TypeSchema {
  readonly defaults: Readonly<Record<string, Json>>;
  readonly computed: readonly string[];
}

/** Types without an ARN or tags of their own: they configure another resource. */
const ATTACHMENTS: ReadonlySet<string> = new Set([
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_public_access_block',
  'aws_security_group_rule',
]);

const SCHEMAS: Readonly<Record<string, TypeSchema>> = {
  aws_kms_key: {
    defaults: { bypass_policy_lockout_safety_check: false, custom_key_store_id: null, xks_key_id: null },
    computed: ['key_id', 'policy', 'is_enabled', 'key_usage', 'customer_master_key_spec', 'multi_region'],
  },
  aws_s3_bucket: {
    defaults: { bucket_prefix: null, timeouts: null },
    computed: [
      'bucket_domain_name',
      'bucket_regional_domain_name',
      'hosted_zone_id',
      'region',
      'policy',
      'request_payer',
      'object_lock_enabled',
      'server_side_encryption_configuration',
      'versioning',
      'logging',
      'acceleration_status',
    ],
  },
  aws_s3_bucket_server_side_encryption_configuration: { defaults: { expected_bucket_owner: null }, computed: [] },
  aws_s3_bucket_public_access_block: { defaults: {}, computed: [] },
  aws_security_group: {
    defaults: { revoke_rules_on_delete: false, timeouts: null, name_prefix: null },
    computed: ['owner_id'],
  },
  aws_security_group_rule: {
    defaults: { description: null, prefix_list_ids: null, self: false, source_security_group_id: null, timeouts: null },
    computed: ['security_group_rule_id'],
  },
  aws_db_instance: {
    defaults: { copy_tags_to_snapshot: false, iam_database_authentication_enabled: false, multi_az: false },
    computed: ['address', 'endpoint', 'hosted_zone_id', 'resource_id', 'status', 'parameter_group_name', 'port'],
  },
  aws_ebs_volume: {
    defaults: { final_snapshot: false, multi_attach_enabled: null, outpost_arn: null, snapshot_id: null },
    computed: ['encrypted', 'kms_key_id', 'iops', 'throughput'],
  },
  aws_instance: {
    defaults: {
      get_password_data: false,
      hibernation: null,
      source_dest_check: true,
      user_data_replace_on_change: false,
    },
    computed: ['private_ip', 'public_ip', 'primary_network_interface_id', 'instance_state', 'key_name', 'monitoring'],
  },
  aws_lb: {
    defaults: { enable_deletion_protection: false, enable_http2: true, idle_timeout: 60, ip_address_type: 'ipv4' },
    computed: ['dns_name', 'zone_id', 'arn_suffix', 'vpc_id'],
  },
  aws_lb_listener: { defaults: { alpn_policy: null, timeouts: null }, computed: [] },
  aws_cloudfront_distribution: {
    defaults: { aliases: null, http_version: 'http2', price_class: 'PriceClass_All', retain_on_delete: false },
    computed: ['domain_name', 'etag', 'hosted_zone_id', 'status', 'caller_reference', 'last_modified_time'],
  },
  aws_iam_role: {
    defaults: { description: null, force_detach_policies: false, max_session_duration: 3600, path: '/' },
    computed: ['unique_id', 'create_date', 'managed_policy_arns'],
  },
  aws_dynamodb_table: {
    defaults: { read_capacity: null, write_capacity: null, stream_enabled: null, table_class: 'STANDARD' },
    computed: ['stream_arn', 'stream_label'],
  },
  aws_sqs_queue: {
    defaults: { delay_seconds: 0, fifo_queue: false, max_message_size: 262144, receive_wait_time_seconds: 0 },
    computed: ['url', 'policy', 'redrive_policy', 'sqs_managed_sse_enabled'],
  },
  aws_lambda_function: {
    defaults: {
      architectures: null,
      description: null,
      layers: null,
      publish: false,
      reserved_concurrent_executions: -1,
    },
    computed: ['invoke_arn', 'qualified_arn', 'version', 'last_modified', 'source_code_size'],
  },
  aws_cloudwatch_log_group: {
    defaults: { log_group_class: 'STANDARD', skip_destroy: false, name_prefix: null },
    computed: [],
  },
};

export function schemaOf(type: string): TypeSchema {
  const schema = SCHEMAS[type] ?? { defaults: {}, computed: [] };
  const own = ATTACHMENTS.has(type) ? ['id'] : ['id', 'arn', 'tags_all'];
  return { defaults: schema.defaults, computed: [...own, ...schema.computed] };
}

/** A short stable hex of a text, so ids and hashes of existing resources look real and stay put. */
function hex(text: string, length: number): string {
  let hash = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < length; round++) {
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    hash = Math.imul(hash ^ round, 0x01000193) >>> 0;
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

/**
 * The value a computed attribute has for a resource that already exists (a plan of `no-op` or `update` knows it),
 * given the attribute values the resource was configured with.
 */
export function existingValue(
  resource: TfResource,
  attribute: string,
  configured: Readonly<Record<string, Json>>,
): Json {
  const name = typeof configured['name'] === 'string' ? configured['name'] : resource.name;
  const bucket = typeof configured['bucket'] === 'string' ? configured['bucket'] : resource.name;
  const service = resource.type.replace(/^aws_/, '').split('_')[0] ?? 'ec2';
  const unique = hex(`${resource.type}.${resource.name}.${attribute}`, 17);
  switch (attribute) {
    case 'id':
      if (resource.type === 'aws_s3_bucket') return bucket;
      if (resource.type === 'aws_security_group') return `sg-${unique}`;
      if (resource.type === 'aws_kms_key') return keyId(unique);
      return typeof configured['name'] === 'string' ? name : unique;
    case 'key_id':
      return keyId(hex(`${resource.type}.${resource.name}.id`, 17));
    case 'arn':
      return `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource.type.replace(/^aws_/, '')}/${name}`;
    case 'url':
      return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
    case 'bucket_domain_name':
      return `${bucket}.s3.amazonaws.com`;
    case 'bucket_regional_domain_name':
      return `${bucket}.s3.${REGION}.amazonaws.com`;
    case 'tags_all':
      return configured['tags'] ?? {};
    case 'server_side_encryption_configuration':
      // Since 2023 S3 encrypts every bucket with SSE-S3, and the provider reads it back.
      return [
        {
          rule: [
            {
              apply_server_side_encryption_by_default: [{ kms_master_key_id: '', sse_algorithm: 'AES256' }],
              bucket_key_enabled: false,
            },
          ],
        },
      ];
    case 'versioning':
      return [{ enabled: false, mfa_delete: false }];
    case 'logging':
    case 'managed_policy_arns':
      return [];
    case 'encrypted':
    case 'sqs_managed_sse_enabled':
    case 'is_enabled':
    case 'monitoring':
      return attribute !== 'monitoring';
    case 'iops':
      return 3000;
    case 'throughput':
      return 125;
    case 'port':
      return 5432;
    case 'kms_key_id':
      return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId(hex('aws/ebs', 17))}`;
    default:
      return `${name}-${attribute.replace(/_/g, '-')}-${unique.slice(0, 8)}`;
  }
}

function keyId(unique: string): string {
  const text = (unique + unique).slice(0, 32);
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20, 32)}`;
}
