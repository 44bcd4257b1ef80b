import type { Change, JsonValue } from '../edits/changes';
import { editableMap, jsonOf, literalIn, setProperty, within } from '../edits/propose';
import type { Resource } from '../model/template';
import { stringOf, type Outcome, type Step } from '../model/values';
import { entryOf, isMap, isSeq } from '../parsing/nodes';
import { along } from './branches';
import { attributes, blocks } from './terraform';
import type { RuleContext } from './types';

/*
 * Reading RDS parameter groups for `encryption/rds-encrypted-connections`: the values one parameter takes in a
 * group, each with the change that would force TLS there. CloudFormation writes `Parameters` as a map; the AWS
 * provider writes `parameter` blocks.
 */

/** One value the TLS parameter takes in a group, with the change that would force TLS there. */
export interface Setting {
  readonly value: Outcome;
  readonly change: Change | undefined;
}

/** CloudFormation's `Parameters` map of a group: the parameter is a key of it. */
export function cloudFormationSettings(
  group: Resource,
  parameter: string,
  _engine: string,
  via: readonly Step[],
  context: RuleContext,
): Setting[] {
  const values = context.values;
  const settings: Setting[] = [];
  for (const parameters of along(values.lookup(values.resolve(group.properties, group.anchor), 'Parameters'), via)) {
    if (parameters.kind === 'absent') {
      const change = parameters.via.length === 0 ? setProperty(group, ['Parameters', parameter], 1) : undefined;
      settings.push({ value: parameters, change });
      continue;
    }
    for (const value of along(values.lookup([parameters], parameter), parameters.via)) {
      const change =
        value.kind === 'absent'
          ? parameters.via.length === 0
            ? setParameter(group, parameters, parameter)
            : undefined
          : replaceLiteral(value, group, 1);
      settings.push({ value, change });
    }
  }
  return settings;
}

/** Sets the parameter in a `Parameters` map written in the group itself, not one from a parameter or a function. */
function setParameter(group: Resource, parameters: Outcome, name: string): Change | undefined {
  if (parameters.kind !== 'map' || !editableMap(parameters, group)) return undefined;
  return { kind: 'set', map: parameters.map, path: [name], value: 1 };
}

/**
 * The AWS provider's `parameter` blocks (`name`, `value`, `apply_method`): the block that names the parameter, or
 * none. A block whose name cannot be read leaves the answer open.
 */
export function terraformSettings(
  group: Resource,
  parameter: string,
  engine: string,
  via: readonly Step[],
  context: RuleContext,
): Setting[] {
  const values = context.values;
  const found = along(blocks(values, attributes(group, values), 'parameter'), via);
  const named: Outcome[] = [];
  for (const block of found) {
    if (block.kind === 'absent') continue;
    const names = block.kind === 'map' ? values.lookup([block], 'name') : [block];
    if (names.some((name) => stringOf(name) === undefined)) return [];
    if (names.some((name) => stringOf(name)?.toLowerCase() === parameter)) named.push(block);
  }
  if (named.length === 0) {
    const absent: Outcome = { kind: 'absent', node: group.anchor, via };
    return [{ value: absent, change: addParameterBlock(group, parameter, engine) }];
  }
  return named.flatMap((block) =>
    along(values.lookup([block], 'value'), block.via).map((value) => ({
      value,
      change: replaceLiteral(value, group, '1'),
    })),
  );
}

/**
 * A `parameter` block that forces TLS. `rds.force_ssl` is static on SQL Server, where RDS refuses to apply it
 * `immediate` (the provider's default), so the block asks for the next reboot there.
 */
function addParameterBlock(group: Resource, parameter: string, engine: string): Change | undefined {
  const block: { [key: string]: JsonValue } = { name: parameter, value: '1' };
  if (engine.startsWith('sqlserver')) block['apply_method'] = 'pending-reboot';
  const entry = group.properties === undefined ? undefined : entryOf(group.properties, 'parameter');
  if (entry === undefined) return setProperty(group, ['parameter'], block);
  // The change types cannot append to a list: the blocks written in the group are rewritten with the new one added.
  if (!within(group.node, entry.value)) return undefined;
  const written = isSeq(entry.value) ? entry.value.items.map(jsonOf) : isMap(entry.value) ? [jsonOf(entry.value)] : [];
  if (written.length === 0 || written.some((item) => item === undefined)) return undefined;
  return { kind: 'replace', node: entry.value, value: [...(written as JsonValue[]), block] };
}

function replaceLiteral(value: Outcome, group: Resource, forced: JsonValue): Change | undefined {
  const literal = literalIn(value, group);
  return literal === undefined ? undefined : { kind: 'replace', node: literal, value: forced };
}
