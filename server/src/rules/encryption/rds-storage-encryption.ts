import type { Change, FixProposal } from '../../edits/changes';
import { literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome, type Step, type ValueResolver } from '../../model/values';
import { along, joinSteps, MAX_COMBINATIONS } from '../branches';
import type { Report, Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled' | 'replicaOfUnencrypted';

const INSTANCE = 'AWS::RDS::DBInstance';
const CLUSTER = 'AWS::RDS::DBCluster';

export const rdsStorageEncryption = {
  meta: {
    id: 'encryption/rds-storage-encryption',
    title: 'RDS instances and clusters encrypt their storage',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'Storage is not encrypted: StorageEncrypted is not set, and RDS creates a {{kind}} unencrypted by default. ' +
        'Encryption can only be chosen when the database is created.',
      disabled:
        'Storage is not encrypted: StorageEncrypted is false. Encryption can only be chosen when the database is created.',
      replicaOfUnencrypted:
        'This read replica is unencrypted whatever it declares: its source {{source}} is unencrypted, and a replica ' +
        'always has its source’s encryption.',
    },
    rationale:
      'Data stored on volumes is the customer’s side of the shared-responsibility model. An unencrypted RDS database ' +
      'leaves its storage, automated backups, snapshots and read replicas readable to anyone who obtains the volume or ' +
      'a shared or leaked snapshot, and fails most compliance baselines. RDS cannot encrypt a database in place: the ' +
      'choice is made at creation, and every replica and snapshot inherits it.',
    remediation:
      'Set StorageEncrypted: true (with KmsKeyId for a customer-managed key). For an existing database this replaces it: ' +
      'take a snapshot, copy it with encryption, restore from the encrypted copy and switch over. A read replica follows ' +
      'its source, so encrypt the source.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_16', match: 'equivalent', name: 'DB instance' },
      { tool: 'checkov', id: 'CKV_AWS_96', match: 'equivalent', name: 'Aurora cluster' },
      { tool: 'cfnNag', id: 'F27', match: 'equivalent', name: 'DB instance' },
      { tool: 'cfnNag', id: 'F26', match: 'equivalent', name: 'DB cluster' },
      { tool: 'kics', id: '65844ba3-03a1-40a8-b3dd-919f122e8c95', match: 'equivalent' },
      { tool: 'cdkNag', id: 'AwsSolutions-RDS2', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0080', match: 'equivalent', name: 'aws-rds-encrypt-instance-storage-data' },
      { tool: 'trivy', id: 'AVD-AWS-0079', match: 'equivalent', name: 'aws-rds-encrypt-cluster-storage-data' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      [INSTANCE]: reportUnencrypted,
      [CLUSTER]: reportUnencrypted,
    },
  },
} satisfies Rule<MessageId>;

/** A database's encryption on one branch: encrypted, unknown, or unencrypted with the report that says why. */
type Verdict =
  | { readonly kind: 'encrypted' | 'unknown'; readonly via: readonly Step[] }
  | { readonly kind: 'unencrypted'; readonly via: readonly Step[]; readonly report: Report<MessageId> };

function reportUnencrypted(resource: Resource, context: RuleContext<MessageId>): void {
  for (const verdict of verdictsOf(resource, context, new Set())) {
    if (verdict.kind === 'unencrypted') context.report({ ...verdict.report, via: verdict.via });
  }
}

/**
 * Properties that make a database's encryption come from somewhere else, in the order they take effect. Each
 * judges the branches where it is set, or returns undefined to let them go on; absent ones always go on.
 */
type Inheritance = (
  value: Outcome,
  resource: Resource,
  context: RuleContext<MessageId>,
  seen: ReadonlySet<string>,
) => Verdict[] | undefined;

const unknownFrom: Inheritance = (value) => [{ kind: 'unknown', via: value.via }];

const INSTANCE_INHERITANCE: readonly (readonly [string, Inheritance])[] = [
  // A member of a cluster has the cluster's encryption; an in-template cluster is judged as itself.
  ['DBClusterIdentifier', unknownFrom],
  ['SourceDBInstanceIdentifier', fromSourceInstance],
  ['SourceDBClusterIdentifier', unknownFrom],
  ['SourceDbiResourceId', unknownFrom],
  ['SourceDBInstanceAutomatedBackupsArn', unknownFrom],
  ['DBSnapshotIdentifier', unknownFrom],
  ['DBClusterSnapshotIdentifier', unknownFrom],
];

const CLUSTER_INHERITANCE: readonly (readonly [string, Inheritance])[] = [
  ['EngineMode', engineMode],
  ['SnapshotIdentifier', unknownFrom],
  ['SourceDBClusterIdentifier', unknownFrom],
  ['ReplicationSourceIdentifier', unknownFrom],
];

function verdictsOf(resource: Resource, context: RuleContext<MessageId>, seen: ReadonlySet<string>): Verdict[] {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const isCluster = resource.type === CLUSTER;
  const verdicts: Verdict[] = [];
  let open: (readonly Step[])[] = [[]];
  for (const [key, inherit] of isCluster ? CLUSTER_INHERITANCE : INSTANCE_INHERITANCE) {
    const next: (readonly Step[])[] = [];
    for (const via of open) {
      for (const value of along(values.lookup(properties, key), via)) {
        const inherited = value.kind === 'absent' ? undefined : inherit(value, resource, context, seen);
        if (inherited === undefined) next.push(value.via);
        else verdicts.push(...inherited);
      }
    }
    // Each inheriting property can split the branches again; past the bound the answer is unknown, not a hang.
    if (next.length > MAX_COMBINATIONS) return [];
    open = next;
  }
  for (const via of open) verdicts.push(...ownEncryption(values, resource, properties, via));
  return verdicts;
}

/** Aurora Serverless v1 always encrypts its storage; every other engine mode leaves it to StorageEncrypted. */
function engineMode(value: Outcome): Verdict[] | undefined {
  const mode = stringOf(value)?.toLowerCase();
  if (mode === undefined) return [{ kind: 'unknown', via: value.via }];
  return mode === 'serverless' ? [{ kind: 'encrypted', via: value.via }] : undefined;
}

function ownEncryption(
  values: ValueResolver,
  resource: Resource,
  properties: readonly Outcome[],
  via: readonly Step[],
): Verdict[] {
  const kind = resource.type === CLUSTER ? 'DB cluster' : 'DB instance';
  return along(values.lookup(properties, 'StorageEncrypted'), via).map((value): Verdict => {
    if (value.kind === 'absent') {
      // Missing on one branch only (an instance that joins a cluster on the other) is not a place to write it.
      const fixes = value.via.length === 0 ? encrypt(setProperty(resource, ['StorageEncrypted'], true), kind) : [];
      return {
        kind: 'unencrypted',
        via: value.via,
        report: { node: value.node, messageId: 'missing', data: { kind }, fixes },
      };
    }
    const truth = truthOf(value);
    if (truth === 'unknown') return { kind: 'unknown', via: value.via };
    if (truth) return { kind: 'encrypted', via: value.via };
    const literal = literalIn(value, resource);
    const fixes = literal === undefined ? [] : encrypt({ kind: 'replace', node: literal, value: true }, kind);
    return { kind: 'unencrypted', via: value.via, report: { node: value.node, messageId: 'disabled', fixes } };
  });
}

/**
 * StorageEncrypted is "Update requires: Replacement": CloudFormation creates a new, empty database and deletes
 * the old one, so the fix says so and is only ever a suggestion. A replica offers none: it follows its source.
 */
function encrypt(change: Change | undefined, kind: string): FixProposal[] {
  if (change === undefined) return [];
  const title = `Set StorageEncrypted: true (replaces the database: a new, empty ${kind} — migrate the data)`;
  return [{ title, safe: false, changes: [change] }];
}

/** A read replica has its source's encryption, so an in-template source decides it. */
function fromSourceInstance(
  value: Outcome,
  resource: Resource,
  context: RuleContext<MessageId>,
  seen: ReadonlySet<string>,
): Verdict[] {
  const source = value.kind === 'resource' ? context.template.resource(value.id) : undefined;
  if (source === undefined || source.type !== INSTANCE || seen.has(source.id))
    return [{ kind: 'unknown', via: value.via }];
  const verdicts: Verdict[] = [];
  for (const inherited of verdictsOf(source, context, new Set([...seen, resource.id]))) {
    const via = joinSteps(value.via, inherited.via);
    if (via === undefined) continue;
    if (inherited.kind !== 'unencrypted') {
      verdicts.push({ kind: inherited.kind, via });
      continue;
    }
    const report: Report<MessageId> = {
      node: value.node,
      messageId: 'replicaOfUnencrypted',
      data: { source: source.id },
      related: [{ node: source.idNode, message: `Source DB instance ${source.id}, which is unencrypted` }],
    };
    verdicts.push({ kind: 'unencrypted', via, report });
  }
  return verdicts;
}
