import type { Change, FixProposal } from '../../edits/changes';
import { literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, truthOf, type Outcome, type Step } from '../../model/values';
import { along, joinSteps, MAX_COMBINATIONS, unwritten } from '../branches';
import { blocks } from '../terraform';
import { blankAsAbsent } from '../terraform-attributes';
import { targetsOf } from '../terraform-targets';
import type { Report, Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled' | 'replicaOfUnencrypted';

export const rdsStorageEncryption = {
  meta: {
    id: 'encryption/rds-storage-encryption',
    title: 'RDS instances and clusters encrypt their storage',
    severity: 'error',
    responsibility: 'data',
    messages: {
      missing:
        'Storage is not encrypted: {{setting}} is not set, and RDS creates a {{kind}} unencrypted by default. ' +
        'Encryption can only be chosen when the database is created.',
      disabled:
        'Storage is not encrypted: {{setting}} is false. Encryption can only be chosen when the database is created.',
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
    cdk: 'storageEncrypted: true',
  },
  visitors: {
    cloudformation: {
      'AWS::RDS::DBInstance': (resource, context) => reportUnencrypted(resource, context, CLOUDFORMATION),
      'AWS::RDS::DBCluster': (resource, context) => reportUnencrypted(resource, context, CLOUDFORMATION),
    },
    terraform: {
      // An `aws_rds_cluster_instance` has no storage setting of its own: it stores its data in its cluster's volume.
      aws_db_instance: (resource, context) => reportUnencrypted(resource, context, TERRAFORM),
      aws_rds_cluster: (resource, context) => reportUnencrypted(resource, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/** A database's encryption on one branch: encrypted, unknown, or unencrypted with the report that says why. */
type Verdict =
  | { readonly kind: 'encrypted' | 'unknown'; readonly via: readonly Step[] }
  | { readonly kind: 'unencrypted'; readonly via: readonly Step[]; readonly report: Report<MessageId> };

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

/** How a dialect names the database types, the setting and the properties a database inherits from. */
interface Dialect {
  readonly instance: string;
  readonly cluster: string;
  readonly setting: string;
  readonly instanceInheritance: readonly (readonly [string, Inheritance])[];
  readonly clusterInheritance: readonly (readonly [string, Inheritance])[];
  /** The values of a property or attribute (nested blocks included), below the resource's resolved properties. */
  readonly read: (properties: readonly Outcome[], context: RuleContext<MessageId>, key: string) => readonly Outcome[];
  /** The in-template source instance a replica's value names, or none. */
  readonly source: (value: Outcome, resource: Resource, context: RuleContext<MessageId>) => Resource[];
}

const unknownFrom: Inheritance = (value) => [{ kind: 'unknown', via: value.via }];

const CLOUDFORMATION: Dialect = {
  instance: 'AWS::RDS::DBInstance',
  cluster: 'AWS::RDS::DBCluster',
  setting: 'StorageEncrypted',
  instanceInheritance: [
    // A member of a cluster has the cluster's encryption; an in-template cluster is judged as itself.
    ['DBClusterIdentifier', unknownFrom],
    ['SourceDBInstanceIdentifier', (...args) => fromSourceInstance(CLOUDFORMATION, ...args)],
    ['SourceDBClusterIdentifier', unknownFrom],
    ['SourceDbiResourceId', unknownFrom],
    ['SourceDBInstanceAutomatedBackupsArn', unknownFrom],
    ['DBSnapshotIdentifier', unknownFrom],
    ['DBClusterSnapshotIdentifier', unknownFrom],
  ],
  clusterInheritance: [
    ['EngineMode', engineMode],
    ['SnapshotIdentifier', unknownFrom],
    ['SourceDBClusterIdentifier', unknownFrom],
    ['ReplicationSourceIdentifier', unknownFrom],
  ],
  read: (properties, context, key) => context.values.lookup(properties, key),
  source: (value, _resource, context) => {
    const source = value.kind === 'resource' ? context.template.resource(value.id) : undefined;
    return source === undefined ? [] : [source];
  },
};

/** The AWS provider's blocks among the properties a database inherits from; the rest are attributes. */
const TF_BLOCKS = new Set(['restore_to_point_in_time']);

const TERRAFORM: Dialect = {
  instance: 'aws_db_instance',
  cluster: 'aws_rds_cluster',
  setting: 'storage_encrypted',
  instanceInheritance: [
    ['replicate_source_db', (...args) => fromSourceInstance(TERRAFORM, ...args)],
    ['snapshot_identifier', unknownFrom],
    ['restore_to_point_in_time', unknownFrom],
  ],
  clusterInheritance: [
    ['engine_mode', engineMode],
    ['snapshot_identifier', unknownFrom],
    ['replication_source_identifier', unknownFrom],
    ['restore_to_point_in_time', unknownFrom],
  ],
  read: (properties, context, key) =>
    TF_BLOCKS.has(key)
      ? blocks(context.values, properties, key)
      : blankAsAbsent(context.values.lookup(properties, key)),
  // `replicate_source_db` holds the source's identifier (or its ARN, for a replica in another Region).
  source: (value, resource, context) =>
    targetsOf(context, resource, 'replicate_source_db', value, 'aws_db_instance', 'identifier'),
};

function reportUnencrypted(resource: Resource, context: RuleContext<MessageId>, dialect: Dialect): void {
  for (const verdict of verdictsOf(resource, context, new Set(), dialect)) {
    if (verdict.kind === 'unencrypted') context.report({ ...verdict.report, via: verdict.via });
  }
}

function verdictsOf(
  resource: Resource,
  context: RuleContext<MessageId>,
  seen: ReadonlySet<string>,
  dialect: Dialect,
): Verdict[] {
  const isCluster = resource.type === dialect.cluster;
  const verdicts: Verdict[] = [];
  // Resolved once for every property read below (resolving allocates, and an instance reads eight).
  const properties = context.values.resolve(resource.properties, resource.anchor);
  let open: readonly (readonly Step[])[] = [[]];
  for (const [key, inherit] of isCluster ? dialect.clusterInheritance : dialect.instanceInheritance) {
    // Most databases write none of these: a property not written leaves every branch going on as it is.
    if (unwritten(properties, key, context.template)) continue;
    const outcomes = dialect.read(properties, context, key);
    // Most databases set none of these properties: one branch, on which the property is absent, goes on as it is.
    const first = open.length === 1 ? along(outcomes, open[0] as readonly Step[]) : undefined;
    if (first?.length === 1 && first[0]?.kind === 'absent') {
      open = [first[0].via];
      continue;
    }
    const next: (readonly Step[])[] = [];
    for (const via of open) {
      for (const value of first ?? along(outcomes, via)) {
        const inherited = value.kind === 'absent' ? undefined : inherit(value, resource, context, seen);
        if (inherited === undefined) next.push(value.via);
        else verdicts.push(...inherited);
      }
    }
    // Each inheriting property can split the branches again; past the bound the answer is unknown, not a hang.
    if (next.length > MAX_COMBINATIONS) return [];
    open = next;
  }
  const encrypted = dialect.read(properties, context, dialect.setting);
  // Mostly nothing inherited and one branch: its own verdicts are the answer, without a copy.
  if (verdicts.length === 0 && open.length === 1)
    return ownEncryption(resource, encrypted, open[0] as readonly Step[], isCluster, dialect.setting);
  for (const via of open) verdicts.push(...ownEncryption(resource, encrypted, via, isCluster, dialect.setting));
  return verdicts;
}

/** Aurora Serverless v1 always encrypts its storage; every other engine mode leaves it to StorageEncrypted. */
function engineMode(value: Outcome): Verdict[] | undefined {
  const mode = stringOf(value)?.toLowerCase();
  if (mode === undefined) return [{ kind: 'unknown', via: value.via }];
  return mode === 'serverless' ? [{ kind: 'encrypted', via: value.via }] : undefined;
}

function ownEncryption(
  resource: Resource,
  encrypted: readonly Outcome[],
  via: readonly Step[],
  isCluster: boolean,
  setting: string,
): Verdict[] {
  const kind = isCluster ? 'DB cluster' : 'DB instance';
  return along(encrypted, via).map((value): Verdict => {
    if (value.kind === 'absent') {
      // Missing on one branch only (an instance that joins a cluster on the other) is not a place to write it.
      const change = value.via.length === 0 ? setProperty(resource, [setting], true) : undefined;
      return {
        kind: 'unencrypted',
        via: value.via,
        report: {
          node: value.node,
          messageId: 'missing',
          data: { kind, setting },
          fixes: encrypt(change, kind, setting),
        },
      };
    }
    const truth = truthOf(value);
    if (truth === 'unknown') return { kind: 'unknown', via: value.via };
    if (truth) return { kind: 'encrypted', via: value.via };
    const literal = literalIn(value, resource);
    const change: Change | undefined =
      literal === undefined ? undefined : { kind: 'replace', node: literal, value: true };
    return {
      kind: 'unencrypted',
      via: value.via,
      report: { node: value.node, messageId: 'disabled', data: { setting }, fixes: encrypt(change, kind, setting) },
    };
  });
}

/**
 * StorageEncrypted is "Update requires: Replacement" (ForceNew in the AWS provider): a new, empty database replaces
 * the old one, so the fix says so and is only ever a suggestion. A replica offers none: it follows its source.
 */
function encrypt(change: Change | undefined, kind: string, setting: string): FixProposal[] {
  if (change === undefined) return [];
  const title = `Set ${setting}: true (replaces the database: a new, empty ${kind} — migrate the data)`;
  return [{ title, safe: false, changes: [change] }];
}

/** A read replica has its source's encryption, so an in-template source decides it. */
function fromSourceInstance(
  dialect: Dialect,
  value: Outcome,
  resource: Resource,
  context: RuleContext<MessageId>,
  seen: ReadonlySet<string>,
): Verdict[] {
  const sources = dialect.source(value, resource, context);
  const source = sources.length === 1 ? sources[0] : undefined;
  if (source === undefined || source.type !== dialect.instance || seen.has(source.id))
    return [{ kind: 'unknown', via: value.via }];
  const verdicts: Verdict[] = [];
  for (const inherited of verdictsOf(source, context, new Set([...seen, resource.id]), dialect)) {
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
