import type { Change, FixProposal } from '../../edits/changes';
import { isUnconditional } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome, type Step } from '../../model/values';
import { along, combinations, unwritten } from '../branches';
import { cloudFormationSettings, terraformSettings, type Setting } from '../rds-parameter-groups';
import { blankAsAbsent } from '../terraform-attributes';
import { targetsOf } from '../terraform-targets';
import type { Report, Rule, RuleContext } from '../types';

type MessageId = 'defaultGroup' | 'notSet' | 'disabled';

export const rdsEncryptedConnections = {
  meta: {
    id: 'encryption/rds-encrypted-connections',
    title: 'RDS databases refuse connections without TLS',
    severity: 'error',
    responsibility: 'data',
    messages: {
      defaultGroup:
        'Connections can be unencrypted: no parameter group is set, so the default group of {{engine}} applies, where ' +
        '{{parameter}} is off and clients may send credentials and data in plaintext.',
      notSet:
        'Connections can be unencrypted: parameter group {{group}} does not set {{parameter}}, which is off by default ' +
        'for {{engine}}, so clients may send credentials and data in plaintext.',
      disabled:
        'Connections can be unencrypted: {{parameter}} is {{value}} in parameter group {{group}}, so clients may send ' +
        'credentials and data in plaintext.',
    },
    rationale:
      'Data in transit is the customer’s side of the shared-responsibility model. RDS offers TLS on every engine, but ' +
      'unless the parameter group forces it, each client decides: a driver left at its default, a misconfigured ' +
      'connection string or a downgrade by someone on the network path sends passwords, queries and results in ' +
      'plaintext. Only the server can guarantee that no client connects without TLS.',
    remediation:
      'Use a custom parameter group that sets rds.force_ssl: 1 (PostgreSQL, SQL Server) or require_secure_transport: 1 ' +
      '(MySQL, MariaDB), on the cluster parameter group for Aurora and Multi-AZ clusters. Make sure every client ' +
      'connects with TLS first: the database then refuses the others.',
    references: [
      {
        tool: 'checkov',
        id: 'CKV2_AWS_69',
        match: 'equivalent',
        name: 'Ensure AWS RDS database instance configured with encryption in transit',
      },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::RDS::DBInstance': (resource, context) => checkDatabase(resource, context, CLOUDFORMATION),
      'AWS::RDS::DBCluster': (resource, context) => checkDatabase(resource, context, CLOUDFORMATION),
    },
    terraform: {
      // An `aws_rds_cluster_instance` takes these settings from its cluster's parameter group, judged there.
      aws_db_instance: (resource, context) => checkDatabase(resource, context, TERRAFORM),
      aws_rds_cluster: (resource, context) => checkDatabase(resource, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/** What an engine's default does with plaintext connections; `unknown` engines and versions are never reported. */
type Default = 'off' | 'on' | 'unknown';

interface Engine {
  readonly parameter: string;
  /** The default, from the engine version (`15.4`, `8.0.mysql_aurora.3.05.2`) or the group's family (`postgres14`). */
  readonly defaultFor: (version: string | undefined) => Default;
}

/** `[major, minor]` of the first number pair in a version or family; undefined when there is none. */
function versionOf(text: string | undefined): readonly [number, number] | undefined {
  const match = text === undefined ? null : /(\d+)(?:\.(\d+))?/.exec(text);
  return match === null ? undefined : [Number(match[1]), Number(match[2] ?? 0)];
}

const off: Engine['defaultFor'] = () => 'off';
const below =
  (major: number, minor: number, above: Default): Engine['defaultFor'] =>
  (version) => {
    const parsed = versionOf(version);
    if (parsed === undefined) return 'unknown';
    return parsed[0] < major || (parsed[0] === major && parsed[1] < minor) ? 'off' : above;
  };

/**
 * Engines whose defaults AWS documents. RDS for PostgreSQL turns rds.force_ssl on by default from version 15;
 * MariaDB and SQL Server leave TLS optional in every version. MySQL 8.4 and Aurora MySQL 8.4 and the newer Aurora
 * PostgreSQL versions are not judged by their default: its value could not be confirmed. Oracle forces TLS through
 * an option group and Db2 through its own settings, so they are out of scope.
 */
const ENGINES: Readonly<Record<string, Engine>> = {
  postgres: { parameter: 'rds.force_ssl', defaultFor: below(15, 0, 'on') },
  'aurora-postgresql': { parameter: 'rds.force_ssl', defaultFor: below(15, 0, 'unknown') },
  mysql: { parameter: 'require_secure_transport', defaultFor: below(8, 4, 'unknown') },
  'aurora-mysql': { parameter: 'require_secure_transport', defaultFor: below(8, 4, 'unknown') },
  mariadb: { parameter: 'require_secure_transport', defaultFor: off },
  'sqlserver-ee': { parameter: 'rds.force_ssl', defaultFor: off },
  'sqlserver-se': { parameter: 'rds.force_ssl', defaultFor: off },
  'sqlserver-ex': { parameter: 'rds.force_ssl', defaultFor: off },
  'sqlserver-web': { parameter: 'rds.force_ssl', defaultFor: off },
};

const FORCED = new Set(['1', 'on', 'true']);
const NOT_FORCED = new Set(['0', 'off', 'false']);

/** How a dialect names databases, their groups and settings, and reads a group's parameters. */
interface Dialect {
  readonly cluster: string;
  readonly engine: string;
  readonly version: string;
  readonly family: string;
  /** The property of an instance that makes it a cluster member, whose settings come from the cluster. */
  readonly member?: string;
  readonly group: { readonly instance: Group; readonly cluster: Group };
  /** The values of a property or attribute below a resource's resolved properties. */
  readonly read: (properties: readonly Outcome[], context: RuleContext<MessageId>, key: string) => readonly Outcome[];
  /** The in-template parameter groups a database's value names; none when the group lives elsewhere. */
  readonly targets: (value: Outcome, resource: Resource, group: Group, context: RuleContext<MessageId>) => Resource[];
  /** The values of `parameter` in a group, along `via`. */
  readonly settings: (
    group: Resource,
    parameter: string,
    engine: string,
    via: readonly Step[],
    context: RuleContext<MessageId>,
  ) => Setting[];
}

interface Group {
  /** The database's property that names its group. */
  readonly key: string;
  readonly type: string;
}

const CLOUDFORMATION: Dialect = {
  cluster: 'AWS::RDS::DBCluster',
  engine: 'Engine',
  version: 'EngineVersion',
  family: 'Family',
  member: 'DBClusterIdentifier',
  group: {
    instance: { key: 'DBParameterGroupName', type: 'AWS::RDS::DBParameterGroup' },
    cluster: { key: 'DBClusterParameterGroupName', type: 'AWS::RDS::DBClusterParameterGroup' },
  },
  read: (properties, context, key) => context.values.lookup(properties, key),
  // A group named literally or imported lives outside the template: what it sets cannot be known.
  targets: (value, _resource, group, context) => {
    const target =
      value.kind === 'resource' && value.attribute === undefined ? context.template.resource(value.id) : undefined;
    return target?.type === group.type ? [target] : [];
  },
  settings: cloudFormationSettings,
};

const TERRAFORM: Dialect = {
  cluster: 'aws_rds_cluster',
  engine: 'engine',
  version: 'engine_version',
  family: 'family',
  group: {
    instance: { key: 'parameter_group_name', type: 'aws_db_parameter_group' },
    cluster: { key: 'db_cluster_parameter_group_name', type: 'aws_rds_cluster_parameter_group' },
  },
  read: (properties, context, key) => blankAsAbsent(context.values.lookup(properties, key)),
  targets: (value, resource, group, context) => targetsOf(context, resource, group.key, value, group.type, 'name'),
  settings: terraformSettings,
};

function checkDatabase(resource: Resource, context: RuleContext<MessageId>, dialect: Dialect): void {
  // Resolved once for the four properties read below.
  const properties = context.values.resolve(resource.properties, resource.anchor);
  const isCluster = resource.type === dialect.cluster;
  // An instance in a cluster takes these settings from the cluster's parameter group, which is judged there.
  if (
    !isCluster &&
    dialect.member !== undefined &&
    !unwritten(properties, dialect.member, context.template) &&
    dialect.read(properties, context, dialect.member).some((value) => value.kind !== 'absent')
  )
    return;
  const groupKind = isCluster ? dialect.group.cluster : dialect.group.instance;
  const groupValues = dialect.read(properties, context, groupKind.key);
  const lists = [
    dialect.read(properties, context, dialect.engine),
    dialect.read(properties, context, dialect.version),
    groupValues,
  ];
  for (const [engineValue, versionValue, group] of combinations(lists)) {
    if (engineValue === undefined || versionValue === undefined || group === undefined) continue;
    const engineName = stringOf(engineValue)?.toLowerCase();
    const engine = engineName === undefined ? undefined : ENGINES[engineName];
    if (engineName === undefined || engine === undefined) continue;
    // Only an instance with its own parameter group is judged here: Aurora instances belong to a cluster.
    if (!isCluster && engineName.startsWith('aurora')) continue;
    const version = versionValue.kind === 'absent' ? undefined : stringOf(versionValue);
    if (versionValue.kind !== 'absent' && version === undefined) continue;
    const data = { engine: engineName, parameter: engine.parameter };
    if (group.kind === 'absent') {
      if (engine.defaultFor(version) === 'off')
        context.report({ node: group.node, messageId: 'defaultGroup', data, via: group.via });
      continue;
    }
    const targets = dialect.targets(group, resource, groupKind, context);
    const target = targets.length === 1 ? targets[0] : undefined;
    if (target === undefined) continue;
    const fixable = isUnconditional(groupValues) && isUnconditional(lists[0] ?? []);
    const judged = judgeGroup(target, group, engine, engineName, version, data, fixable, context, dialect);
    for (const report of judged) context.report(report);
  }
}

/** What an in-template parameter group does with TLS, along the branch that reached it. */
function judgeGroup(
  group: Resource,
  reference: Outcome,
  engine: Engine,
  engineName: string,
  version: string | undefined,
  data: { readonly engine: string; readonly parameter: string },
  fixable: boolean,
  context: RuleContext<MessageId>,
  dialect: Dialect,
): Report<MessageId>[] {
  const reports: Report<MessageId>[] = [];
  const related = [{ node: group.idNode, message: `Parameter group ${group.id}` }];
  const base = { node: reference.node, related, data: { ...data, group: group.id } };
  const properties = context.values.resolve(group.properties, group.anchor);
  for (const familyValue of along(dialect.read(properties, context, dialect.family), reference.via)) {
    for (const { value, change } of dialect.settings(group, engine.parameter, engineName, familyValue.via, context)) {
      const fixes = fixable && value.via.length === 0 ? forceTls(change, group, engine.parameter) : [];
      if (value.kind === 'absent') {
        // The group's family says the version when the database does not.
        if (engine.defaultFor(version ?? stringOf(familyValue)) === 'off')
          reports.push({ ...base, messageId: 'notSet', via: value.via, fixes });
        continue;
      }
      const text = stringOf(value)?.toLowerCase();
      if (text === undefined || FORCED.has(text) || !NOT_FORCED.has(text)) continue;
      const disabledData = { ...base.data, value: stringOf(value) ?? text };
      reports.push({ ...base, data: disabledData, messageId: 'disabled', via: value.via, fixes });
    }
  }
  return reports;
}

/**
 * Changing the parameter updates the group in place, and the databases that use it apply it without replacement;
 * but every client that connects without TLS is refused from then on, so the fix is only ever a suggestion.
 */
function forceTls(change: Change | undefined, group: Resource, parameter: string): FixProposal[] {
  if (change === undefined) return [];
  const title = `Require TLS: set ${parameter} to 1 in ${group.id} (clients that connect without TLS are refused)`;
  return [{ title, safe: false, changes: [change] }];
}
