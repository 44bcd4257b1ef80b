import type { Change, FixProposal, JsonValue } from '../../edits/changes';
import { editableMap, literalIn, setProperty, within } from '../../edits/propose';
import { isIntrinsic } from '../../edits/values';
import type { Resource } from '../../model/template';
import type { Outcome } from '../../model/values';
import { entryOf, getValue, isMap, type SourceNode } from '../../parsing/nodes';
import { itemValues } from '../branches';
import { attributes, blocks, companionFix, companions, reference } from '../terraform';
import type { Report, Rule, RuleContext } from '../types';
import { flat, flatMap } from '../lists';

type MessageId = 'missing' | 'noDefault' | 'unknownAlgorithm';

/** S3's default-encryption algorithms, as its API spells them (case matters). */
const ALGORITHMS: readonly string[] = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** What S3 has applied to every new bucket since 5 January 2023; writing it down changes nothing deployed. */
const DEFAULT_RULE = { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } };
const DECLARE_DEFAULT = 'Declare the default encryption (SSE-S3, AES256) explicitly';

export const s3BucketEncryption = {
  meta: {
    id: 'encryption/s3-bucket-encryption',
    title: 'S3 buckets declare their default encryption',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing:
        '{{setting}} is not set. Since 5 January 2023 AWS applies SSE-S3 (AES256) to every new bucket by default; ' +
        'the setting should be explicit, so the template rather than an account default says how the data is encrypted.',
      noDefault:
        '{{setting}} has no rule with a default algorithm ({{path}}: AES256, aws:kms ' +
        'or aws:kms:dsse). S3 falls back to SSE-S3 (AES256), its default since 5 January 2023; the setting should be explicit.',
      unknownAlgorithm:
        "{{name}} '{{algorithm}}' is not an S3 default-encryption algorithm (AES256, aws:kms or aws:kms:dsse). " +
        'Since 5 January 2023 S3 applies SSE-S3 (AES256) when nothing valid is set; the setting should be explicit and valid.',
    },
    rationale:
      'Protecting data at rest is the customer’s side of the shared-responsibility model. AWS has encrypted new objects ' +
      'with SSE-S3 since 5 January 2023, but a template that leaves the setting out relies on an account-wide default ' +
      'that reviewers cannot see, that other tools and auditors flag, and that says nothing about which key protects ' +
      'the data. Stating the algorithm makes the intent reviewable and keeps a later move to SSE-KMS a one-line change.',
    remediation:
      'Add BucketEncryption with one ServerSideEncryptionConfiguration rule whose ServerSideEncryptionByDefault.SSEAlgorithm ' +
      'is AES256 (S3-managed keys), aws:kms (a KMS key, with BucketKeyEnabled: true to cut KMS costs) or aws:kms:dsse. ' +
      'In Terraform (AWS provider 4 and later), add an aws_s3_bucket_server_side_encryption_configuration for the bucket ' +
      'with rule.apply_server_side_encryption_by_default.sse_algorithm set the same way.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_19', match: 'equivalent' },
      { tool: 'cfnNag', id: 'W41', match: 'equivalent' },
      { tool: 'kics', id: 'b2e8752c-3497-4255-98d2-e4ae5b46bbf5', match: 'equivalent' },
      {
        tool: 'cdkNag',
        id: 'HIPAA.Security-S3DefaultEncryptionKMS',
        match: 'related',
        name: 'requires SSE-KMS, not only a default',
      },
      { tool: 'trivy', id: 'AVD-AWS-0088', match: 'equivalent', name: 'aws-s3-enable-bucket-encryption' },
    ],
    fix: 'safe',
    cdk: 'encryption: s3.BucketEncryption.S3_MANAGED',
  },
  visitors: {
    cloudformation: {
      'AWS::S3::Bucket': checkBucket,
    },
    terraform: {
      aws_s3_bucket: checkTerraformBucket,
      aws_s3_bucket_server_side_encryption_configuration: (resource, context) =>
        checkTerraformRules(
          context.values.resolve(resource.properties, resource.anchor),
          resource,
          context,
          TF_COMPANION,
        ),
    },
  },
} satisfies Rule<MessageId>;

/** How each dialect names the setting, the path to the algorithm and the algorithm, for messages. */
interface Names {
  readonly setting: string;
  readonly path: string;
  readonly name: string;
}

const CLOUDFORMATION: Names = {
  setting: 'BucketEncryption',
  path: 'ServerSideEncryptionByDefault.SSEAlgorithm',
  name: 'SSEAlgorithm',
};
const TF_INLINE: Names = {
  setting: 'server_side_encryption_configuration',
  path: 'apply_server_side_encryption_by_default.sse_algorithm',
  name: 'sse_algorithm',
};
const TF_COMPANION: Names = { ...TF_INLINE, setting: 'This encryption configuration' };
const TF_MISSING = 'Default encryption (an aws_s3_bucket_server_side_encryption_configuration for this bucket)';
const TF_CONFIGURATION = 'aws_s3_bucket_server_side_encryption_configuration';

/**
 * Terraform: the bucket's own `server_side_encryption_configuration` block (AWS provider before 4), else the
 * companion resources that name it; neither is a missing setting, fixed by adding the companion.
 */
function checkTerraformBucket(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const inline = blocks(values, attributes(resource, values), 'server_side_encryption_configuration');
  if (inline.some((block) => block.kind !== 'absent')) {
    for (const block of inline) if (block.kind !== 'absent') checkTerraformRules([block], resource, context, TF_INLINE);
    return;
  }
  if (companions(context, resource, TF_CONFIGURATION, 'bucket', 'bucket').length > 0) return;
  if (context.template.hasHiddenResources()) return;
  const name = resource.id.slice(resource.id.indexOf('.') + 1);
  const fixes = companionFix(
    context.template,
    TF_CONFIGURATION,
    name,
    {
      bucket: reference(resource, 'id'),
      rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    },
    { title: DECLARE_DEFAULT, safe: true },
  );
  context.report({ node: resource.anchor, messageId: 'missing', data: { setting: TF_MISSING }, fixes });
}

/** The `rule` blocks of a Terraform encryption configuration: at least one with a valid default algorithm. */
function checkTerraformRules(
  configuration: readonly Outcome[],
  resource: Resource,
  context: RuleContext<MessageId>,
  names: Names,
): void {
  const values = context.values;
  const data = { setting: names.setting, path: names.path };
  const verdicts = blocks(values, configuration, 'rule').map((rule): ('pass' | 'unknown' | Report<MessageId>)[] => {
    if (rule.kind === 'absent') return [{ node: rule.node, messageId: 'noDefault', data, via: rule.via }];
    if (rule.kind !== 'map') return ['unknown'];
    const algorithms = values.lookup(
      blocks(values, [rule], 'apply_server_side_encryption_by_default'),
      'sse_algorithm',
    );
    return algorithms.map((algorithm) => {
      if (algorithm.kind === 'absent')
        return { node: algorithm.node, messageId: 'noDefault', data, via: algorithm.via };
      if (algorithm.kind !== 'scalar' || algorithm.value === null) return 'unknown';
      const value = String(algorithm.value);
      return ALGORITHMS.includes(value) ? 'pass' : unknownAlgorithm(algorithm, value, resource, names);
    });
  });
  const all = flat(verdicts);
  if (verdicts.length === 1 || all.every((verdict) => verdict !== 'pass' && verdict !== 'unknown')) {
    for (const verdict of all) if (verdict !== 'pass' && verdict !== 'unknown') context.report(verdict);
  }
}

const NO_DEFAULT = { setting: CLOUDFORMATION.setting, path: CLOUDFORMATION.path };

function checkBucket(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  for (const encryption of values.lookup(values.resolve(resource.properties, resource.anchor), 'BucketEncryption')) {
    if (encryption.kind === 'absent') {
      // Absent on one branch only (`!If [C, …, !Ref AWS::NoValue]`) is not a gap a key can fill.
      const fix =
        encryption.via.length === 0
          ? setProperty(resource, ['BucketEncryption'], { ServerSideEncryptionConfiguration: [DEFAULT_RULE] })
          : undefined;
      context.report({
        node: encryption.node,
        messageId: 'missing',
        data: { setting: CLOUDFORMATION.setting },
        via: encryption.via,
        fixes: declareDefault(fix),
      });
    } else if (encryption.kind === 'map') checkConfiguration(encryption, resource, context);
  }
}

function checkConfiguration(
  encryption: Outcome & { kind: 'map' },
  resource: Resource,
  context: RuleContext<MessageId>,
): void {
  const key = entryOf(encryption.map, 'ServerSideEncryptionConfiguration')?.key ?? encryption.at;
  for (const configuration of context.values.lookup([encryption], 'ServerSideEncryptionConfiguration')) {
    if (configuration.kind === 'absent') {
      const fix =
        configuration.via.length === 0 && editableMap(encryption, resource)
          ? set(encryption.map, ['ServerSideEncryptionConfiguration'], [DEFAULT_RULE])
          : undefined;
      context.report({
        node: configuration.node,
        messageId: 'noDefault',
        data: NO_DEFAULT,
        via: configuration.via,
        fixes: declareDefault(fix),
      });
    } else if (configuration.kind === 'seq') {
      const count = configuration.seq.items.length;
      const verdicts = itemValues(context.values, configuration.seq, key, configuration.via).map((item) =>
        // One branch is the usual case, and flatMap would copy its verdicts.
        item.length === 1
          ? judgeRule(item[0] as Outcome, resource, count, context)
          : flatMap(item, (rule) => judgeRule(rule, resource, count, context)),
      );
      if (verdicts.length === 0) {
        const fix: Change | undefined =
          configuration.via.length === 0 && within(resource.node, configuration.seq)
            ? { kind: 'replace', node: configuration.seq, value: [DEFAULT_RULE] }
            : undefined;
        context.report({
          node: key,
          messageId: 'noDefault',
          data: NO_DEFAULT,
          via: configuration.via,
          fixes: declareDefault(fix),
        });
        continue;
      }
      // Several rules pass if any one sets a valid default, so only a configuration where every one fails is reported.
      const all = flat(verdicts);
      if (verdicts.length === 1 || all.every((verdict) => verdict !== 'pass' && verdict !== 'unknown')) {
        for (const verdict of all) if (verdict !== 'pass' && verdict !== 'unknown') context.report(verdict);
      }
    }
  }
}

/** One rule's default algorithm, per branch: passing, unknown, or the report it earns. */
function judgeRule(
  rule: Outcome,
  resource: Resource,
  rules: number,
  context: RuleContext<MessageId>,
): ('pass' | 'unknown' | Report<MessageId>)[] {
  if (rule.kind === 'absent') return [{ node: rule.node, messageId: 'noDefault', data: NO_DEFAULT, via: rule.via }];
  if (rule.kind !== 'map') return ['unknown'];
  return context.values.lookup([rule], 'ServerSideEncryptionByDefault', 'SSEAlgorithm').map((algorithm) => {
    if (algorithm.kind === 'absent') {
      const fixes = declareDefault(
        rules === 1 && algorithm.via.length === 0 ? defaultInRule(rule, resource) : undefined,
      );
      return { node: algorithm.node, messageId: 'noDefault', data: NO_DEFAULT, via: algorithm.via, fixes };
    }
    if (algorithm.kind !== 'scalar' || algorithm.value === null) return 'unknown';
    const name = String(algorithm.value);
    return ALGORITHMS.includes(name) ? 'pass' : unknownAlgorithm(algorithm, name, resource, CLOUDFORMATION);
  });
}

/**
 * SSEAlgorithm: AES256 in the configuration's only rule — unless the rule names a KMS key, whose author meant
 * SSE-KMS, which is not the default and not for a fix to choose.
 */
function defaultInRule(rule: Outcome & { kind: 'map' }, resource: Resource): Change | undefined {
  if (!editableMap(rule, resource)) return undefined;
  const byDefault = getValue(rule.map, 'ServerSideEncryptionByDefault');
  const plain = isMap(byDefault) && !isIntrinsic(byDefault) && getValue(byDefault, 'KMSMasterKeyID') === undefined;
  if (byDefault !== undefined && !plain) return undefined;
  return set(rule.map, ['ServerSideEncryptionByDefault', 'SSEAlgorithm'], 'AES256');
}

/** `aes256` or `AWS:KMS`: the algorithm S3 knows, misspelt in case, is fixed to S3's spelling. */
function unknownAlgorithm(algorithm: Outcome, name: string, resource: Resource, names: Names): Report<MessageId> {
  const spelling = ALGORITHMS.find((known) => known.toLowerCase() === name.toLowerCase());
  const literal = literalIn(algorithm, resource);
  const fixes: FixProposal[] =
    spelling === undefined || literal === undefined
      ? []
      : [
          {
            title: `Write the algorithm as S3 spells it: ${spelling}`,
            safe: true,
            changes: [{ kind: 'replace', node: literal, value: spelling }],
          },
        ];
  return {
    node: algorithm.node,
    messageId: 'unknownAlgorithm',
    data: { algorithm: name, name: names.name },
    via: algorithm.via,
    fixes,
  };
}

function set(map: SourceNode, path: readonly string[], value: JsonValue): Change {
  return { kind: 'set', map, path, value };
}

/** Writing down S3's own default is behaviour-neutral, so the fix is safe to apply in bulk. */
function declareDefault(change: Change | undefined): FixProposal[] {
  return change === undefined ? [] : [{ title: DECLARE_DEFAULT, safe: true, changes: [change] }];
}
