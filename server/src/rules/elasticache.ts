import type { Outcome, ValueResolver } from '../model/values';
import { stringOf } from '../model/values';
import { blankAsAbsent } from './terraform-attributes';

/*
 * What the two ElastiCache encryption rules share: the replication group's settings as each dialect names them,
 * which groups take their settings from elsewhere, and which engine versions can encrypt at all.
 */

export interface ReplicationGroupNames {
  readonly engine: string;
  readonly version: string;
  /** Settings that make the group take its configuration from elsewhere, so it is not judged by its own. */
  readonly inherited: readonly string[];
  readonly atRest: string;
  readonly transit: string;
  readonly mode: string;
  /** The AWS provider's unset strings and nullable booleans read "" in state and plans: absence. */
  readonly blankIsAbsent: boolean;
}

export const CLOUDFORMATION_GROUP: ReplicationGroupNames = {
  engine: 'Engine',
  version: 'EngineVersion',
  // A member of a global datastore follows its primary; a group built on an existing cluster keeps its settings.
  inherited: ['GlobalReplicationGroupId', 'PrimaryClusterId'],
  atRest: 'AtRestEncryptionEnabled',
  transit: 'TransitEncryptionEnabled',
  mode: 'TransitEncryptionMode',
  blankIsAbsent: false,
};

export const TERRAFORM_GROUP: ReplicationGroupNames = {
  engine: 'engine',
  version: 'engine_version',
  inherited: ['global_replication_group_id'],
  atRest: 'at_rest_encryption_enabled',
  transit: 'transit_encryption_enabled',
  mode: 'transit_encryption_mode',
  blankIsAbsent: true,
};

/** One setting of the group, with the dialect's reading of blanks. */
export function groupSetting(
  values: ValueResolver,
  properties: readonly Outcome[],
  key: string,
  names: ReplicationGroupNames,
): readonly Outcome[] {
  const found = values.lookup(properties, key);
  return names.blankIsAbsent ? blankAsAbsent(found) : found;
}

/**
 * The replication group's engine on each branch, or none when the group takes its settings from elsewhere (any
 * value of an inherited setting, even one that cannot be read, counts).
 */
export function replicationGroupEngines(
  values: ValueResolver,
  properties: readonly Outcome[],
  names: ReplicationGroupNames,
): readonly Outcome[] {
  const inherited = names.inherited.some((key) =>
    groupSetting(values, properties, key, names).some((value) => value.kind !== 'absent'),
  );
  return inherited ? [] : groupSetting(values, properties, names.engine, names);
}

/** The engine's name in lower case: absent is Redis OSS, ElastiCache's default; undefined when unknown. */
export function engineName(engine: Outcome): string | undefined {
  return engine.kind === 'absent' ? 'redis' : stringOf(engine)?.toLowerCase();
}

/**
 * Whether a Redis OSS engine version can encrypt at rest and in transit: 3.2.6, 4.0.10 and later. An absent
 * version is the current default, which can; `6.x` (the provider's "latest 6") can; a version that cannot be
 * read gets no fix.
 */
export function supportsEncryption(version: Outcome | undefined): boolean {
  if (version === undefined || version.kind === 'absent') return true;
  const match = /^(\d+)\.(\d+|x)(?:\.(\d+))?/.exec(stringOf(version) ?? '');
  if (match === null) return false;
  const major = Number(match[1]);
  if (major >= 5) return true;
  if (match[2] === 'x') return false;
  const [minor, patch] = [Number(match[2]), Number(match[3] ?? 0)];
  if (major === 3) return minor > 2 || (minor === 2 && patch >= 6);
  if (major === 4) return minor > 0 || patch >= 10;
  return false;
}
