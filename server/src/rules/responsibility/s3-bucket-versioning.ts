import type { FixProposal } from '../../edits/changes';
import { editableMap, literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'noStatus' | 'suspended';

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
      missing: `VersioningConfiguration is not set, and S3 does not version a bucket unless asked, ${LOST}`,
      noStatus: `VersioningConfiguration has no Status, so the bucket is not versioned, ${LOST}`,
      suspended: `Versioning is Suspended: S3 keeps the versions it has but no new ones, ${LOST}`,
    },
    rationale:
      'Keeping data recoverable is the customer’s side of the shared-responsibility model: S3 stores objects durably, ' +
      'but keeps only what it is told to. Without versioning a PUT replaces an object and a DELETE removes it for ' +
      'good; with it, every earlier version stays retrievable until a lifecycle rule expires it, which protects against ' +
      'mistakes, faulty deployments and deliberate destruction, and is a prerequisite for replication and Object Lock.',
    remediation:
      'Set VersioningConfiguration: { Status: Enabled }. Every overwrite then keeps the earlier version and is billed ' +
      'for it: add a lifecycle rule (NoncurrentVersionExpiration) to expire non-current versions after a set time.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_21', match: 'equivalent' },
      { tool: 'cdkNag', id: 'NIST.800.53.R5-S3BucketVersioningEnabled', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0090', match: 'equivalent', name: 'aws-s3-enable-versioning' },
      { tool: 'kics', id: 'a227ec01-f97a-4084-91a4-47b350c1db54', match: 'equivalent' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::S3::Bucket': checkBucket,
    },
  },
} satisfies Rule<MessageId>;

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
      context.report({ node: configuration.node, messageId: 'missing', via: configuration.via, fixes: fix(change) });
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
      context.report({ node: status.node, messageId: 'noStatus', via: status.via, fixes: fix(change) });
    } else if (stringOf(status) === 'Suspended') {
      // Only the literal on the bucket is rewritten; a parameter's value is for a person to change.
      const literal = status.via.length === 0 ? literalIn(status, resource) : undefined;
      const change =
        literal === undefined ? undefined : ({ kind: 'replace', node: literal, value: 'Enabled' } as const);
      context.report({ node: status.node, messageId: 'suspended', via: status.via, fixes: fix(change) });
    }
  }
}

function fix(change: FixProposal['changes'][number] | undefined): FixProposal[] {
  return change === undefined ? [] : [{ ...FIX, changes: [change] }];
}
