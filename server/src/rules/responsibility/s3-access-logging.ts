import { cloudFormationReferencesUnder, type Reference } from '../../model/references';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import type { SourceNode } from '../../parsing/nodes';
import { bucketCompanions, inlineBlocks } from '../s3-bucket-companions';
import { attributes, blocks } from '../terraform';
import type { Rule, RuleContext } from '../types';
import { flatMap } from '../lists';

type MessageId = 'missing';

export const s3AccessLogging = {
  meta: {
    id: 'responsibility/s3-access-logging',
    title: 'S3 buckets record server access logs',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        '{{setting}} is not set, and S3 records no server access logs unless asked, so who read, wrote or ' +
        'deleted which object in this bucket cannot be reconstructed after an incident.',
    },
    rationale:
      'AWS runs S3; recording who uses the customer’s data is the customer’s side of the shared-responsibility model. ' +
      'Server access logging is off by default. CloudTrail records object-level reads and writes only with data events, ' +
      'which cost extra and are rarely on, so without access logs an exfiltration or a deletion leaves no trace to ' +
      'investigate. A bucket that itself receives logs is not asked to log into another bucket: that would chain or loop.',
    remediation:
      'Add LoggingConfiguration with a DestinationBucketName: a dedicated log bucket, in the same account and region, ' +
      'whose bucket policy lets logging.s3.amazonaws.com write, and a LogFilePrefix per source bucket. In Terraform ' +
      '(AWS provider 4 and later), add an aws_s3_bucket_logging for the bucket with its target_bucket.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_18', match: 'equivalent' },
      { tool: 'cfnNag', id: 'W35', match: 'equivalent' },
      { tool: 'cdkNag', id: 'AwsSolutions-S1', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0089', match: 'equivalent', name: 'aws-s3-enable-bucket-logging' },
      {
        tool: 'kics',
        id: 'f861041c-8c9f-4156-acfc-5e6e524f5884',
        match: 'equivalent',
        name: 'Terraform: S3 Bucket Logging Disabled',
      },
    ],
    fix: 'none',
    cdk: 'serverAccessLogsBucket: <a log bucket>',
  },
  visitors: {
    cloudformation: {
      'AWS::S3::Bucket': checkBucket,
    },
    terraform: {
      aws_s3_bucket: checkTerraformBucket,
    },
  },
} satisfies Rule<MessageId>;

/**
 * Where a reference to a bucket makes it a log destination: the referring resource type and the paths from its body
 * to its log settings. A reference elsewhere (a distribution's origin, a Lambda's environment) does not: a bucket
 * CloudFront serves is data, not logs.
 */
const DESTINATIONS: ReadonlyMap<string, readonly (readonly string[])[]> = new Map([
  ['AWS::S3::Bucket', [['Properties', 'LoggingConfiguration']]],
  ['AWS::CloudTrail::Trail', [['Properties', 'S3BucketName']]],
  ['AWS::ElasticLoadBalancingV2::LoadBalancer', [['Properties', 'LoadBalancerAttributes']]],
  ['AWS::ElasticLoadBalancing::LoadBalancer', [['Properties', 'AccessLoggingPolicy']]],
  ['AWS::CloudFront::Distribution', [['Properties', 'DistributionConfig', 'Logging']]],
  ['AWS::EC2::FlowLog', [['Properties', 'LogDestination']]],
  ['AWS::Config::DeliveryChannel', [['Properties', 'S3BucketName']]],
  ['AWS::NetworkFirewall::LoggingConfiguration', [['Properties', 'LoggingConfiguration']]],
]);

/** Where a bucket or a trail names the bucket it sends logs to. */
const DESTINATION_NAMES: ReadonlyMap<string, readonly string[]> = new Map([
  ['AWS::S3::Bucket', ['LoggingConfiguration', 'DestinationBucketName']],
  ['AWS::CloudTrail::Trail', ['S3BucketName']],
]);

/** Anywhere in a bucket policy that grants a log-delivery service. */
const ANYWHERE: readonly (readonly string[])[] = [[]];

/** Service principals that deliver logs; a bucket policy granting one of them marks a log bucket. */
const LOG_PRINCIPALS = [
  'logging.s3.amazonaws.com',
  'delivery.logs.amazonaws.com',
  'cloudtrail.amazonaws.com',
  'config.amazonaws.com',
  'logdelivery.elasticloadbalancing.amazonaws.com',
];

function checkBucket(bucket: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(bucket.properties, bucket.anchor);
  const logging = values.lookup(properties, 'LoggingConfiguration');
  if (!logging.some((value) => value.kind === 'absent')) return;
  if (isLogDestination(bucket, properties, context)) return;
  for (const value of logging) {
    if (value.kind === 'absent')
      context.report({
        node: value.node,
        messageId: 'missing',
        data: { setting: 'LoggingConfiguration' },
        via: value.via,
      });
  }
}

/**
 * Whether the bucket receives logs, so that logging it into another bucket would only chain or loop. Any doubt
 * counts as a log bucket: a missed log bucket costs less than a finding nobody can act on.
 */
function isLogDestination(bucket: Resource, properties: readonly Outcome[], context: RuleContext<MessageId>): boolean {
  const values = context.values;
  // LogDeliveryWrite is the canned ACL that lets the S3 log delivery group write: a log bucket by declaration.
  const acls = values.lookup(properties, 'AccessControl');
  if (acls.some((acl) => acl.kind === 'unknown' || stringOf(acl) === 'LogDeliveryWrite')) return true;
  if (logDestinations(context).has(bucket.id)) return true;
  return namedAsDestination(bucket, properties, context);
}

/**
 * The buckets that resources of the template send logs to by reference, gathered once per lint from the few places
 * that name a log destination rather than from an index of every reference in the template.
 */
function logDestinations(context: RuleContext<MessageId>): ReadonlySet<string> {
  return context.memo('responsibility/s3-access-logging:destinations', () => {
    const template = context.template;
    const isResource = (id: string): boolean => template.resource(id) !== undefined;
    const destinations = new Set<string>();
    for (const resource of template.resources) {
      const paths =
        DESTINATIONS.get(resource.type) ??
        (resource.type === 'AWS::S3::BucketPolicy' && grantsLogDelivery(resource, context) ? ANYWHERE : undefined);
      if (paths === undefined) continue;
      for (const reference of cloudFormationReferencesUnder(resource, paths, isResource))
        destinations.add(reference.to);
    }
    return destinations;
  });
}

function grantsLogDelivery(policy: Resource, context: RuleContext<MessageId>): boolean {
  const document = context.values.lookup(context.values.resolve(policy.properties, policy.anchor));
  return document.some((value) => value.kind === 'map' && mentionsLogPrincipal(value.map));
}

/** Whether a bucket policy names a log-delivery service anywhere (a Principal, a condition on the source). */
function mentionsLogPrincipal(node: SourceNode): boolean {
  switch (node.kind) {
    case 'scalar':
      return typeof node.value === 'string' && LOG_PRINCIPALS.includes(node.value.toLowerCase());
    case 'seq':
      return node.items.some(mentionsLogPrincipal);
    case 'map':
      return node.entries.some((entry) => mentionsLogPrincipal(entry.value));
  }
}

/**
 * Whether another bucket's LoggingConfiguration or a trail names this bucket by its literal BucketName, as templates
 * do when the log bucket is created elsewhere in the same file under a fixed name.
 */
function namedAsDestination(
  bucket: Resource,
  properties: readonly Outcome[],
  context: RuleContext<MessageId>,
): boolean {
  const values = context.values;
  const names = values.lookup(properties, 'BucketName').map(stringOf);
  if (names.length !== 1 || names[0] === undefined) return false;
  // Every bucket name a bucket or a trail sends logs to, with who sends them: gathered once per lint.
  const destinations = context.memo('responsibility/s3-access-logging:destination-names', () => {
    const index = new Map<string, Resource[]>();
    for (const other of context.template.resources) {
      const keys = DESTINATION_NAMES.get(other.type);
      if (keys === undefined) continue;
      const targets = values.lookup(values.resolve(other.properties, other.anchor), ...keys);
      for (const target of targets) {
        const named = stringOf(target)?.toLowerCase();
        if (named === undefined) continue;
        const senders = index.get(named);
        if (senders === undefined) index.set(named, [other]);
        else senders.push(other);
      }
    }
    return index;
  });
  return (destinations.get(names[0].toLowerCase()) ?? []).some((other) => other !== bucket);
}

/**
 * Terraform: where a reference to a bucket makes it a log destination, by the referring type and the attribute path
 * (block names without indices) that leads to its log settings.
 */
const TF_DESTINATIONS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  aws_s3_bucket_logging: [['target_bucket']],
  aws_s3_bucket: [['logging', 'target_bucket']],
  aws_cloudtrail: [['s3_bucket_name']],
  aws_lb: [
    ['access_logs', 'bucket'],
    ['connection_logs', 'bucket'],
  ],
  aws_alb: [
    ['access_logs', 'bucket'],
    ['connection_logs', 'bucket'],
  ],
  aws_elb: [['access_logs', 'bucket']],
  aws_cloudfront_distribution: [['logging_config', 'bucket']],
  aws_flow_log: [['log_destination']],
  aws_config_delivery_channel: [['s3_bucket_name']],
  aws_networkfirewall_logging_configuration: [['logging_configuration']],
};

const TF_LOGGING = 'aws_s3_bucket_logging';
/** The canned ACL, in the provider's spelling, that lets the S3 log delivery group write. */
const LOG_DELIVERY_ACL = 'log-delivery-write';
const LOG_DELIVERY_GROUP = 'acs.amazonaws.com/groups/s3/logdelivery';

/**
 * Terraform: the bucket's provider-3 `logging` block, or an aws_s3_bucket_logging for it; a bucket that receives logs
 * is not asked to log, and a configuration that calls modules may bring the logging resource.
 */
function checkTerraformBucket(bucket: Resource, context: RuleContext<MessageId>): void {
  if (inlineBlocks(context, bucket, 'logging').length > 0) return;
  if (bucketCompanions(context, bucket, TF_LOGGING).length > 0 || context.template.hasHiddenResources()) return;
  if (isTerraformLogDestination(bucket, context)) return;
  const data = { setting: `Server access logging (an ${TF_LOGGING} for this bucket)` };
  context.report({ node: bucket.anchor, messageId: 'missing', data });
}

function isTerraformLogDestination(bucket: Resource, context: RuleContext<MessageId>): boolean {
  const values = context.values;
  const acls = bucketCompanions(context, bucket, 'aws_s3_bucket_acl');
  const aclValues = [
    // A plan computes the deprecated inline `acl` of every bucket; only a written one is the author's.
    ...values.lookup(attributes(bucket, values), 'acl'),
    ...flatMap(acls, (acl) => values.lookup(attributes(acl, values), 'acl')),
  ];
  if (aclValues.some((acl) => acl.kind === 'unknown' || stringOf(acl) === LOG_DELIVERY_ACL)) return true;
  if (acls.some((acl) => acl.properties !== undefined && mentions(acl.properties, [LOG_DELIVERY_GROUP]))) return true;
  const references = context.template.references.to(bucket.id);
  if (references.some((reference) => receivesTerraformLogs(reference))) return true;
  const policies = bucketCompanions(context, bucket, 'aws_s3_bucket_policy');
  if (policies.some((policy) => policy.properties !== undefined && mentions(policy.properties, LOG_PRINCIPALS)))
    return true;
  return namedAsTerraformDestination(bucket, context);
}

function receivesTerraformLogs(reference: Reference): boolean {
  const path = reference.path.filter((key) => !/^\d+$/.test(key));
  const prefixes = TF_DESTINATIONS[reference.from.type] ?? [];
  return prefixes.some((prefix) => prefix.every((key, i) => path[i] === key));
}

/** Whether any string under `node` contains one of `needles` (a policy document or grant written as JSON text). */
function mentions(node: SourceNode, needles: readonly string[]): boolean {
  switch (node.kind) {
    case 'scalar': {
      const text = typeof node.value === 'string' ? node.value.toLowerCase() : undefined;
      return text !== undefined && needles.some((needle) => text.includes(needle));
    }
    case 'seq':
      return node.items.some((item) => mentions(item, needles));
    case 'map':
      return node.entries.some((entry) => mentions(entry.value, needles));
  }
}

/** Whether a logging resource, another bucket's inline `logging` or a trail names this bucket by its literal name. */
function namedAsTerraformDestination(bucket: Resource, context: RuleContext<MessageId>): boolean {
  const values = context.values;
  const names = values.lookup(attributes(bucket, values), 'bucket').map(stringOf);
  if (names.length !== 1 || names[0] === undefined) return false;
  const name = names[0].toLowerCase();
  // Every bucket name some resource sends logs to, with who sends them: gathered once per lint.
  const destinations = context.memo('responsibility/s3-access-logging:terraform-destinations', () => {
    const targets = (other: Resource): Outcome[] => {
      const properties = attributes(other, values);
      if (other.type === TF_LOGGING) return values.lookup(properties, 'target_bucket');
      if (other.type === 'aws_cloudtrail') return values.lookup(properties, 's3_bucket_name');
      if (other.type === 'aws_s3_bucket') return values.lookup(blocks(values, properties, 'logging'), 'target_bucket');
      return [];
    };
    const index = new Map<string, Resource[]>();
    for (const other of context.template.resources) {
      for (const target of targets(other)) {
        const named = stringOf(target)?.toLowerCase();
        if (named === undefined) continue;
        // Pushed, not copied: a bucket every other one logs to would make copying quadratic.
        const senders = index.get(named);
        if (senders === undefined) index.set(named, [other]);
        else senders.push(other);
      }
    }
    return index;
  });
  return (destinations.get(name) ?? []).some((other) => other !== bucket);
}
