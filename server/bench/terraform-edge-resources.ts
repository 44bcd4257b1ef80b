import { expression, pick, ref, type TfSlot, type ValueMap, variable } from './terraform-resource';
import { ingress, resource, tags, whenProd } from './terraform-inputs';

/**
 * The cycle's network and compute: security groups with inline rules and a separate rule; a bastion; a load
 * balancer and its listener; a CloudFront distribution; a Lambda function with its role and log group.
 */

const POLICY_VERSION = '2012-10-17';

export const webGroup: TfSlot = (n, random) =>
  resource('aws_security_group', `web_${n}`, {
    name: `web-${n}`,
    description: `Web tier ${n}`,
    vpc_id: variable('vpc_id'),
    ingress: [
      ingress(443, ['0.0.0.0/0'], 'HTTPS from anywhere'),
      random() < 0.5
        ? ingress(22, [variable('allowed_admin_cidr')], 'SSH from the admin range')
        : ingress(22, ['0.0.0.0/0'], 'SSH from anywhere'),
    ],
    egress: [{ ...ingress(0, ['0.0.0.0/0'], 'all out'), protocol: '-1' }],
    tags: tags(`web-${n}`),
  });

export const databaseGroup: TfSlot = (n, random) =>
  resource('aws_security_group', `db_${n}`, {
    name: `db-${n}`,
    description: `Database tier ${n}`,
    vpc_id: variable('vpc_id'),
    ingress: [
      random() < 0.8
        ? ingress(5432, [], 'PostgreSQL from the web tier', [ref('aws_security_group', `web_${n}`, 'id')])
        : ingress(5432, ['0.0.0.0/0'], 'PostgreSQL from anywhere'),
    ],
  });

/** Every other cycle opens RDP to IPv4, else all traffic to IPv6: both ways a separate rule is written. */
export const extraRule: TfSlot = (n) =>
  resource(
    'aws_security_group_rule',
    `extra_${n}`,
    n % 2 === 0
      ? {
          type: 'ingress',
          from_port: 3389,
          to_port: 3389,
          protocol: 'tcp',
          cidr_blocks: ['0.0.0.0/0'],
          security_group_id: ref('aws_security_group', `web_${n}`, 'id'),
        }
      : {
          type: 'ingress',
          from_port: 0,
          to_port: 0,
          protocol: '-1',
          ipv6_cidr_blocks: ['::/0'],
          security_group_id: ref('aws_security_group', `db_${n}`, 'id'),
        },
  );

const USER_DATA = (n: number): string =>
  [
    '#!/bin/bash',
    'dnf update -y',
    `echo "${variable('environment')}" > /etc/stage`,
    `echo "bastion ${n}" > /etc/motd`,
    '',
  ].join('\n');

export const bastion: TfSlot = (n, random) => {
  const metadata = random();
  return resource('aws_instance', `bastion_${n}`, {
    ami: variable('ami_id'),
    instance_type: 't3.micro',
    subnet_id: expression('${element(var.public_subnet_ids, 0)}', 'subnet-0a1b2c3d4e5f60001'),
    vpc_security_group_ids: [ref('aws_security_group', `web_${n}`, 'id')],
    associate_public_ip_address: true,
    // The AWS provider keeps a SHA-1 of user data in state, and so in plans.
    user_data: expression(USER_DATA(n), (n * 2654435761).toString(16).padStart(40, '0').slice(-40)),
    ...(metadata < 0.5
      ? { metadata_options: { http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 1 } }
      : metadata < 0.8
        ? { metadata_options: { http_tokens: 'optional' } }
        : {}),
    root_block_device: { volume_size: 20, volume_type: 'gp3', encrypted: random() < 0.6 },
    tags: tags(`bastion-${n}`),
  });
};

export const loadBalancer: TfSlot = (n, random) =>
  resource('aws_lb', `web_${n}`, {
    name: `web-${n}`,
    internal: false,
    load_balancer_type: 'application',
    security_groups: [ref('aws_security_group', `web_${n}`, 'id')],
    subnets: variable('public_subnet_ids'),
    drop_invalid_header_fields: random() < 0.6,
    access_logs: { bucket: ref('aws_s3_bucket', `logs_${n}`, 'id'), prefix: `web-${n}`, enabled: true },
    tags: tags(`web-lb-${n}`),
  });

const TARGET_GROUP = (n: number): string =>
  `arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web-${n}/73e2d6bc24d8a067`;

export const listener: TfSlot = (n, random) => {
  const loadBalancerArn = ref('aws_lb', `web_${n}`, 'arn');
  if (random() < 0.5)
    return resource('aws_lb_listener', `web_${n}`, {
      load_balancer_arn: loadBalancerArn,
      port: 443,
      protocol: 'HTTPS',
      ssl_policy: random() < 0.7 ? 'ELBSecurityPolicy-TLS13-1-2-2021-06' : 'ELBSecurityPolicy-2016-08',
      certificate_arn: variable('certificate_arn'),
      default_action: { type: 'forward', target_group_arn: TARGET_GROUP(n) },
    });
  return resource('aws_lb_listener', `web_${n}`, {
    load_balancer_arn: loadBalancerArn,
    port: 80,
    protocol: 'HTTP',
    default_action:
      random() < 0.5
        ? { type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } }
        : { type: 'forward', target_group_arn: TARGET_GROUP(n) },
  });
};

export const distribution: TfSlot = (n, random) => {
  const certificate = random();
  return resource('aws_cloudfront_distribution', `cdn_${n}`, {
    enabled: true,
    is_ipv6_enabled: true,
    comment: `Static assets ${n}`,
    default_root_object: 'index.html',
    origin: [
      {
        domain_name: ref('aws_s3_bucket', `data_${n}`, 'bucket_regional_domain_name'),
        origin_id: `s3-data-${n}`,
        ...(random() < 0.6
          ? { origin_access_control_id: 'E2QWRUHAPOMQZL' }
          : { s3_origin_config: { origin_access_identity: '' } }),
      },
    ],
    default_cache_behavior: {
      allowed_methods: ['GET', 'HEAD'],
      cached_methods: ['GET', 'HEAD'],
      target_origin_id: `s3-data-${n}`,
      viewer_protocol_policy: pick(random, ['redirect-to-https', 'https-only', 'allow-all']),
      cache_policy_id: '658327ea-f89d-4fab-a63d-7e88639e58f6',
      compress: true,
    },
    restrictions: { geo_restriction: { restriction_type: 'none', locations: [] } },
    viewer_certificate:
      certificate < 0.4
        ? { cloudfront_default_certificate: true }
        : {
            acm_certificate_arn: variable('certificate_arn'),
            ssl_support_method: 'sni-only',
            minimum_protocol_version: certificate < 0.8 ? 'TLSv1.2_2021' : 'TLSv1',
          },
    logging_config: { bucket: ref('aws_s3_bucket', `logs_${n}`, 'bucket_domain_name'), prefix: `cdn-${n}/` },
    ...(random() < 0.5 ? { web_acl_id: `arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/${n}` } : {}),
    tags: tags(`cdn-${n}`),
  });
};

export const role: TfSlot = (n) =>
  resource('aws_iam_role', `lambda_${n}`, {
    name: `lambda-${n}`,
    assume_role_policy: JSON.stringify({
      Version: POLICY_VERSION,
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
    inline_policy: {
      name: 'data-access',
      policy: JSON.stringify({
        Version: POLICY_VERSION,
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject'],
            Resource: `arn:aws:s3:::bench-prod-data-${n}/*`,
          },
          { Effect: 'Allow', Action: ['dynamodb:Query', 'dynamodb:PutItem'], Resource: '*' },
        ],
      }),
    },
    tags: tags(`lambda-${n}`),
  });

export const lambda: TfSlot = (n, random) =>
  resource('aws_lambda_function', `api_${n}`, {
    function_name: `api-${n}`,
    role: ref('aws_iam_role', `lambda_${n}`, 'arn'),
    handler: 'index.handler',
    runtime: pick(random, ['python3.12', 'python3.12', 'nodejs20.x', 'python3.8']),
    filename: 'build/api.zip',
    source_code_hash: expression(
      '${filebase64sha256("build/api.zip")}',
      'n5lqk3Jb0aP0qT7Jm9d1c8e4ZrM2xY6wVbA1sQ0uIo4=',
    ),
    timeout: 30,
    memory_size: 256,
    environment: {
      variables: {
        TABLE_NAME: ref('aws_dynamodb_table', `items_${n}`, 'name'),
        QUEUE_URL: ref('aws_sqs_queue', `jobs_${n}`, 'url'),
        LOG_LEVEL: whenProd('WARN', 'DEBUG'),
      },
    },
    tracing_config: { mode: 'Active' },
    ...(random() < 0.5
      ? {
          vpc_config: {
            subnet_ids: variable('private_subnet_ids'),
            security_group_ids: [ref('aws_security_group', `db_${n}`, 'id')],
          },
        }
      : {}),
    tags: tags(`api-${n}`),
  });

export const logGroup: TfSlot = (n, random) =>
  resource('aws_cloudwatch_log_group', `api_${n}`, {
    name: `/aws/lambda/${ref('aws_lambda_function', `api_${n}`, 'function_name')}`,
    ...pick<ValueMap>(random, [
      { retention_in_days: variable('log_retention_days') },
      { retention_in_days: 365 },
      { retention_in_days: 0 },
      {},
    ]),
    ...(random() < 0.5 ? { kms_key_id: ref('aws_kms_key', `data_${n}`, 'arn') } : {}),
    tags: tags(`api-logs-${n}`),
  });
