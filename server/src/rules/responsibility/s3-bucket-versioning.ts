import type { FixProposal } from '../../edits/changes';
import { editableMap, literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome } from '../../model/values';
import { bucketCompanions, companionBase, inlineBlocks } from '../s3-bucket-companions';
import { attributes, blocks, companionFix, reference } from '../terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'noStatus' | 'suspended' | 'disabled';

/** Turning versioning on changes what the bucket stores and bills, so the fix is a person's call, never bulk. */
const FIX = {
  title: 'Turn on versioning (VersioningConfiguration.Status: Enabled); storage grows with every version',
  safe: false,
};

const LOST = 'so an object overwritten or deleted, by mistake, a bug or ransomware, cannot be recovered.';

export const s3BucketVersioning = {
  meta: {
    id: 'responsibility/s3-bucket-versioning',
    title: 'S3 buckets keep earlier versions of their objects',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing: `{{setting}} is not set, and S3 does not version a bucket unless asked, ${LOST}`,
      noStatus: `{{setting}} has no {{status}}, so the bucket is not versioned, ${LOST}`,
      suspended: `Versioning is Suspended: S3 keeps the versions it has but no new ones, ${LOST}`,
      disabled: `{{setting}} is {{value}}, so the bucket is not versioned, ${LOST}`,
    },
    rationale:
      'Keeping data recoverable is the customer’s side of the shared-responsibility model: S3 stores objects durably, ' +
      'but keeps only what it is told to. Without versioning a PUT replaces an object and a DELETE removes it for ' +
      'good; with it, every earlier version stays retrievable until a lifecycle rule expires it, which protects against ' +
      'mistakes, faulty deployments and deliberate destruction, and is a prerequisite for replication and Object Lock.',
    remediation:
      'Set VersioningConfiguration: { Status: Enabled }. Every overwrite then keeps the earlier version and is billed ' +
      'for it: add a lifecycle rule (NoncurrentVersionExpiration) to expire non-current versions after a set time. ' +
      'In Terraform (AWS provider 4 and later), add an aws_s3_bucket_versioning for the bucket with ' +
      'versioning_configuration.status Enabled.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_21', match: 'equivalent' },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-S3BucketVersioningEnabled', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0090', match: 'equivalent', name: 'aws-s3-enable-versioning' },
      { tool: 'kics', id: 'a227ec01-f97a-4084-91a4-47b350c1db54', match: 'equivalent' },
    ],
    fix: 'suggestion',
    cdk: 'versioned: true',
  },
  visitors: {
    cloudformation: {
      'AWS::S3::Bucket': checkBucket,
    },
    terraform: {
      aws_s3_bucket: checkTerraformBucket,
      aws_s3_bucket_versioning: checkTerraformVersioning,
    },
  },
} satisfies Rule<MessageId>;

const CFN_MISSING = { setting: 'VersioningConfiguration' };
const CFN_NO_STATUS = { setting: 'VersioningConfiguration', status: 'Status' };
const TF_VERSIONING = 'aws_s3_bucket_versioning';

function checkBucket(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  for (const configuration of values.lookup(properties, 'VersioningConfiguration')) {
    if (configuration.kind === 'absent') {
      // Absent on one branch only is left to a person: the branch's author chose it.
      const change =
        configuration.via.length === 0
          ? setProperty(resource, ['VersioningConfiguration'], { Status: 'Enabled' })
          : undefined;
      context.report({
        node: configuration.node,
        messageId: 'missing',
        data: CFN_MISSING,
        via: configuration.via,
        fixes: fix(change),
      });
    } else if (configuration.kind === 'map') checkStatus(configuration, resource, context);
  }
}

function checkStatus(
  configuration: Outcome & { kind: 'map' },
  resource: Resource,
  context: RuleContext<MessageId>,
): void {
  for (const status of context.values.lookup([configuration], 'Status')) {
    if (status.kind === 'absent') {
      const change =
        status.via.length === 0 && editableMap(configuration, resource)
          ? ({ kind: 'set', map: configuration.map, path: ['Status'], value: 'Enabled' } as const)
          : undefined;
      context.report({
        node: status.node,
        messageId: 'noStatus',
        data: CFN_NO_STATUS,
        via: status.via,
        fixes: fix(change),
      });
    } else if (stringOf(status) === 'Suspended') {
      // Only the literal on the bucket is rewritten; a parameter's value is for a person to change.
      const literal = status.via.length === 0 ? literalIn(status, resource) : undefined;
      const change =
        literal === undefined ? undefined : ({ kind: 'replace', node: literal, value: 'Enabled' } as const);
      context.report({ node: status.node, messageId: 'suspended', via: status.via, fixes: fix(change) });
    }
  }
}

/**
 * Terraform: the bucket's provider-3 `versioning` block (`enabled`), else a companion aws_s3_bucket_versioning,
 * judged on its own visit; neither is a missing setting, fixed by adding the companion.
 */
function checkTerraformBucket(bucket: Resource, context: RuleContext<MessageId>): void {
  const inline = inlineBlocks(context, bucket, 'versioning');
  if (inline.length > 0) {
    for (const block of inline) checkInlineBlock(block, bucket, context);
    return;
  }
  if (bucketCompanions(context, bucket, TF_VERSIONING).length > 0 || context.template.hasHiddenResources()) return;
  const body = {
    bucket: reference(bucket, 'id'),
    versioning_configuration: { status: 'Enabled' },
  };
  const fixes = companionFix(context.template, TF_VERSIONING, companionBase(bucket), body, FIX);
  const data = { setting: `Versioning (an ${TF_VERSIONING} for this bucket)` };
  context.report({ node: bucket.anchor, messageId: 'missing', data, fixes });
}

/** Provider 3's `versioning { enabled }`: false, or left out, leaves the bucket unversioned (or suspends it). */
function checkInlineBlock(block: Outcome, bucket: Resource, context: RuleContext<MessageId>): void {
  for (const enabled of context.values.lookup([block], 'enabled')) {
    if (enabled.kind === 'absent') {
      const change =
        block.kind === 'map' && enabled.via.length === 0 && editableMap(block, bucket)
          ? ({ kind: 'set', map: block.map, path: ['enabled'], value: true } as const)
          : undefined;
      const data = { setting: 'versioning', status: 'enabled' };
      context.report({ node: enabled.node, messageId: 'noStatus', data, via: enabled.via, fixes: fix(change) });
    } else if (truthOf(enabled) === false) {
      const literal = enabled.via.length === 0 ? literalIn(enabled, bucket) : undefined;
      const change = literal === undefined ? undefined : ({ kind: 'replace', node: literal, value: true } as const);
      const data = { setting: 'versioning.enabled', value: 'false' };
      context.report({ node: enabled.node, messageId: 'disabled', data, via: enabled.via, fixes: fix(change) });
    }
  }
}

/** An aws_s3_bucket_versioning: its `versioning_configuration.status` is Enabled (Suspended and Disabled are not). */
function checkTerraformVersioning(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const configurations = blocks(values, attributes(resource, values), 'versioning_configuration');
  for (const configuration of configurations) {
    for (const status of values.lookup([configuration], 'status')) {
      const text = stringOf(status);
      if (status.kind === 'absent') {
        const change =
          configuration.kind === 'map' && status.via.length === 0 && editableMap(configuration, resource)
            ? ({ kind: 'set', map: configuration.map, path: ['status'], value: 'Enabled' } as const)
            : undefined;
        const data = { setting: 'versioning_configuration', status: 'status' };
        context.report({ node: status.node, messageId: 'noStatus', data, via: status.via, fixes: fix(change) });
      } else if (text === 'Suspended' || text === 'Disabled') {
        const literal = status.via.length === 0 ? literalIn(status, resource) : undefined;
        const change =
          literal === undefined ? undefined : ({ kind: 'replace', node: literal, value: 'Enabled' } as const);
        const messageId = text === 'Suspended' ? 'suspended' : 'disabled';
        const data = { setting: 'versioning_configuration.status', value: text };
        context.report({ node: status.node, messageId, data, via: status.via, fixes: fix(change) });
      }
    }
  }
}

function fix(change: FixProposal['changes'][number] | undefined): FixProposal[] {
  return change === undefined ? [] : [{ ...FIX, changes: [change] }];
}
