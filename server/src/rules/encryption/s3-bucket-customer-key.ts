import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { combinations, itemValues } from '../branches';
import { attributes, blocks, companions } from '../terraform';
import { blankAsAbsent } from '../terraform-attributes';
import type { Report, Rule, RuleContext } from '../types';
import { flat, flatMap } from '../lists';

type MessageId = 'sseS3' | 'awsManagedKey';

/** The algorithms that take a KMS key; AES256 (SSE-S3) cannot. */
const KMS_ALGORITHMS: readonly string[] = ['aws:kms', 'aws:kms:dsse'];

/** `alias/aws/s3`, by name or ARN: the AWS-managed key, which is what S3 uses when no key is named anyway. */
const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\/s3$/;

export const s3BucketCustomerKey = {
  meta: {
    id: 'encryption/s3-bucket-customer-key',
    title: 'S3 buckets encrypt with a customer-managed KMS key',
    severity: 'info',
    responsibility: 'data',
    messages: {
      sseS3:
        'The bucket is encrypted with SSE-S3 (AES256), whose keys S3 owns: nobody can restrict, audit or revoke ' +
        'access to the data through a key. A customer-managed KMS key (aws:kms with {{key}}) gives control of the key ' +
        'policy, rotation, CloudTrail records of every use, and revocation.',
      awsManagedKey:
        'The bucket is encrypted with SSE-KMS under the AWS-managed key aws/s3, whose key policy nobody can change: ' +
        'any principal of the account allowed to read the bucket can decrypt. A customer-managed key ({{key}}) ' +
        'gives control of the key policy, rotation and revocation.',
    },
    rationale:
      'Protecting data at rest is the customer’s side of the shared-responsibility model, and with it the choice of who ' +
      'holds the keys. SSE-S3 and the AWS-managed aws/s3 key encrypt the data, but access to the key follows access to ' +
      'the bucket: the key policy cannot be narrowed, the key cannot be disabled to revoke access to every copy at ' +
      'once, it cannot be shared with another account, and SSE-S3 leaves no CloudTrail record of key use. A ' +
      'customer-managed key adds a second, independent permission check and an audit trail — at the price of KMS ' +
      'requests and the duty to keep the key (see encryption/kms-key-rotation and the key-retention rules).',
    remediation:
      'Create an AWS::KMS::Key (with rotation, a key policy for the bucket’s readers and writers, and DeletionPolicy: ' +
      'Retain) and set ServerSideEncryptionByDefault to SSEAlgorithm: aws:kms with KMSMasterKeyID: !GetAtt Key.Arn; ' +
      'add BucketKeyEnabled: true to cut KMS request costs. Existing objects keep their key until copied in place.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_145', match: 'related', name: 'passes aws:kms without a key id' },
      { tool: 'cdkNag', id: 'HIPAA.Security-S3DefaultEncryptionKMS', match: 'related', name: 'accepts aws/s3' },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-S3DefaultEncryptionKMS', match: 'related', name: 'accepts aws/s3' },
      { tool: 'trivy', id: 'AVD-AWS-0132', match: 'equivalent', name: 'aws-s3-encryption-customer-key' },
    ],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::S3::Bucket': checkBucket,
    },
    terraform: {
      aws_s3_bucket: checkTerraformBucket,
      aws_s3_bucket_server_side_encryption_configuration: (resource, context) =>
        checkTerraformRules(attributes(resource, context.values), context),
    },
  },
} satisfies Rule<MessageId>;

/** Where each dialect keeps the default algorithm and its key, below one rule of the configuration. */
interface Names {
  readonly byDefault: (rule: Outcome, context: RuleContext<MessageId>) => readonly Outcome[];
  readonly algorithm: string;
  readonly key: string;
  /** Whether a blank key is no key: the AWS provider writes an unset key as "" in a plan's values. */
  readonly blankIsAbsent: boolean;
  /** The data of every report, made once. */
  readonly data: { readonly key: string };
}

const CLOUDFORMATION: Names = {
  byDefault: (rule, context) => context.values.lookup([rule], 'ServerSideEncryptionByDefault'),
  algorithm: 'SSEAlgorithm',
  key: 'KMSMasterKeyID',
  blankIsAbsent: false,
  data: { key: 'KMSMasterKeyID' },
};
const TERRAFORM: Names = {
  byDefault: (rule, context) => blocks(context.values, [rule], 'apply_server_side_encryption_by_default'),
  algorithm: 'sse_algorithm',
  key: 'kms_master_key_id',
  blankIsAbsent: true,
  data: { key: 'kms_master_key_id' },
};

const TF_CONFIGURATION = 'aws_s3_bucket_server_side_encryption_configuration';

/**
 * The provider-3 inline `server_side_encryption_configuration` of a bucket. A bucket with a companion configuration
 * is judged there instead: a plan shows the bucket's encryption as AWS reports it before the companion applies.
 */
function checkTerraformBucket(resource: Resource, context: RuleContext<MessageId>): void {
  if (companions(context, resource, TF_CONFIGURATION, 'bucket', 'bucket').length > 0) return;
  const values = context.values;
  for (const configuration of blocks(values, attributes(resource, values), 'server_side_encryption_configuration'))
    if (configuration.kind === 'map') checkTerraformRules([configuration], context);
}

/** The `rule` blocks of a configuration, each one judged as CloudFormation judges one configuration rule. */
function checkTerraformRules(configuration: readonly Outcome[], context: RuleContext<MessageId>): void {
  const items = blocks(context.values, configuration, 'rule').map((rule) => judgeRule(rule, context, TERRAFORM));
  report(items, context);
}

/** One rule's verdict: a customer key (or a value nobody can know), nothing for this rule to say, or a finding. */
type Verdict = 'pass' | 'unknown' | 'elsewhere' | Report<MessageId>;

function checkBucket(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  // No BucketEncryption, or one without a valid default, is encryption/s3-bucket-encryption's finding, not this one's.
  for (const configuration of values.lookup(properties, 'BucketEncryption', 'ServerSideEncryptionConfiguration')) {
    if (configuration.kind !== 'seq') continue;
    const items = itemValues(values, configuration.seq, configuration.node, configuration.via).map((item) =>
      // One branch is the usual case, and flatMap would copy its verdicts.
      item.length === 1
        ? judgeRule(item[0] as Outcome, context, CLOUDFORMATION)
        : flatMap(item, (rule) => judgeRule(rule, context, CLOUDFORMATION)),
    );
    report(items, context);
  }
}

/** The verdicts of a configuration's rules, one list per rule. */
function report(items: readonly (readonly Verdict[])[], context: RuleContext<MessageId>): void {
  // Branches are separate deployments, each judged alone; several rules pass if any one names a customer key.
  const verdicts = items.length === 1 ? (items[0] as readonly Verdict[]) : flat(items);
  if (items.length > 1 && verdicts.some((verdict) => verdict === 'pass' || verdict === 'unknown')) return;
  for (const verdict of verdicts) if (typeof verdict === 'object') context.report(verdict);
}

/** The verdicts of one `ServerSideEncryptionConfiguration` rule, one per consistent branch of its values. */
function judgeRule(rule: Outcome, context: RuleContext<MessageId>, names: Names): Verdict[] {
  if (rule.kind !== 'map') return [rule.kind === 'absent' ? 'elsewhere' : 'unknown'];
  const byDefault = names.byDefault(rule, context);
  const algorithms = context.values.lookup(byDefault, names.algorithm);
  const written = context.values.lookup(byDefault, names.key);
  const keys = names.blankIsAbsent ? blankAsAbsent(written) : written;
  const data = names.data;
  return combinations([algorithms, keys]).map(([algorithm, key]): Verdict => {
    if (algorithm === undefined || key === undefined) return 'unknown';
    if (algorithm.kind === 'absent') return 'elsewhere';
    const name = stringOf(algorithm);
    if (name === undefined) return 'unknown';
    if (name === 'AES256') return { node: algorithm.node, messageId: 'sseS3', data, via: algorithm.via };
    // An algorithm S3 does not know is encryption/s3-bucket-encryption's finding.
    if (!KMS_ALGORITHMS.includes(name)) return 'elsewhere';
    if (key.kind === 'absent') return { node: algorithm.node, messageId: 'awsManagedKey', data, via: key.via };
    const keyId = stringOf(key);
    if (keyId !== undefined && AWS_MANAGED_ALIAS.test(keyId)) {
      return { node: key.node, messageId: 'awsManagedKey', data, via: key.via };
    }
    // A key id that is a reference, a parameter or a literal ARN names a customer key (or cannot be known).
    return 'pass';
  });
}
