import type { Change, FixProposal } from '../../edits/changes';
import { editableMap, isUnconditional, literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { along, combinations } from '../branches';
import type { Report, Rule, RuleContext } from '../types';

type MessageId = 'defaultGroup' | 'notSet' | 'disabled';

const INSTANCE = 'AWS::RDS::DBInstance';
const CLUSTER = 'AWS::RDS::DBCluster';

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
      [INSTANCE]: checkDatabase,
      [CLUSTER]: checkDatabase,
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

function checkDatabase(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const isCluster = resource.type === CLUSTER;
  // An instance in a cluster takes these settings from the cluster's parameter group, which is judged there.
  if (!isCluster && values.lookup(properties, 'DBClusterIdentifier').some((value) => value.kind !== 'absent')) return;
  const groupKey = isCluster ? 'DBClusterParameterGroupName' : 'DBParameterGroupName';
  const groupValues = values.lookup(properties, groupKey);
  const lists = [values.lookup(properties, 'Engine'), values.lookup(properties, 'EngineVersion'), groupValues];
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
    // A group named literally or imported lives outside the template: what it sets cannot be known.
    if (group.kind !== 'resource' || group.attribute !== undefined) continue;
    const target = context.template.resource(group.id);
    const groupType = isCluster ? 'AWS::RDS::DBClusterParameterGroup' : 'AWS::RDS::DBParameterGroup';
    if (target === undefined || target.type !== groupType) continue;
    const fixable = isUnconditional(groupValues) && isUnconditional(lists[0] ?? []);
    for (const report of judgeGroup(target, group, engine, version, data, fixable, context)) context.report(report);
  }
}

/** What an in-template parameter group does with TLS, along the branch that reached it. */
function judgeGroup(
  group: Resource,
  reference: Outcome,
  engine: Engine,
  version: string | undefined,
  data: { readonly engine: string; readonly parameter: string },
  fixable: boolean,
  context: RuleContext<MessageId>,
): Report<MessageId>[] {
  const values = context.values;
  const groupProperties = values.resolve(group.properties, group.anchor);
  const family = along(values.lookup(groupProperties, 'Family'), reference.via);
  const parameterMaps = along(values.lookup(groupProperties, 'Parameters'), reference.via);
  const reports: Report<MessageId>[] = [];
  for (const [familyValue, parameters] of combinations([family, parameterMaps], reference.via)) {
    if (familyValue === undefined || parameters === undefined) continue;
    const related = [{ node: group.idNode, message: `Parameter group ${group.id}` }];
    const base = { node: reference.node, related, data: { ...data, group: group.id } };
    const setting =
      parameters.kind === 'absent'
        ? [parameters]
        : along(values.lookup([parameters], engine.parameter), parameters.via);
    for (const value of setting) {
      if (value.kind === 'absent') {
        // The group's family says the version when the database does not.
        const defaultValue = engine.defaultFor(version ?? stringOf(familyValue));
        if (defaultValue !== 'off') continue;
        const change =
          parameters.kind === 'map' && parameters.via.length === 0
            ? setParameter(group, parameters, engine.parameter)
            : parameters.kind === 'absent' && parameters.via.length === 0
              ? setProperty(group, ['Parameters', engine.parameter], 1)
              : undefined;
        const fixes = fixable && value.via.length === 0 ? forceTls(change, group, engine.parameter) : [];
        reports.push({ ...base, messageId: 'notSet', via: value.via, fixes });
        continue;
      }
      const text = stringOf(value)?.toLowerCase();
      if (text === undefined || FORCED.has(text) || !NOT_FORCED.has(text)) continue;
      const literal = literalIn(value, group);
      const replace = literal === undefined ? undefined : { kind: 'replace' as const, node: literal, value: 1 };
      const fixes = fixable && value.via.length === 0 ? forceTls(replace, group, engine.parameter) : [];
      const disabledData = { ...base.data, value: stringOf(value) ?? text };
      reports.push({ ...base, data: disabledData, messageId: 'disabled', via: value.via, fixes });
    }
  }
  return reports;
}

/** Sets the parameter in a `Parameters` map written in the group itself, not one from a parameter or a function. */
function setParameter(group: Resource, parameters: Outcome, name: string): Change | undefined {
  if (parameters.kind !== 'map' || !editableMap(parameters, group)) return undefined;
  return { kind: 'set', map: parameters.map, path: [name], value: 1 };
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
