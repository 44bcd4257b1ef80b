import { configAddress } from '../model/terraform-plan';
import type { Resource } from '../model/template';
import type { Outcome } from '../model/values';
import { getValue, isMap, isSeq, scalarText, type MapNode, type SourceNode } from '../parsing/nodes';
import { attributes, blocks, isPlan } from './terraform';
import { blankAsAbsent } from './terraform-attributes';
import type { RuleContext } from './types';

/*
 * A plan lists an attribute the AWS provider computes (`encrypted` on `aws_ebs_volume`, `policy` on
 * `aws_s3_bucket`) in `after_unknown` whenever the configuration leaves it out: its value is then up to AWS's
 * own default, which is what a rule judges as "absent". Where the plan's `configuration` shows the resource and
 * no expression for the attribute, the unknown is read as absent; without `configuration` it stays unknown.
 */

/**
 * The values of a top-level attribute of a Terraform resource: a blank string is absent (`blankAsAbsent`), and in
 * a plan, an unknown value the configuration never wrote is absent.
 */
export function attributeValues(resource: Resource, context: RuleContext, name: string): Outcome[] {
  const outcomes = blankAsAbsent(context.values.lookup(attributes(resource, context.values), name));
  return unsetAsAbsent(resource, context, name, outcomes);
}

/** The nested blocks `name` of a Terraform resource (see `blocks`); in a plan, unknown blocks never written are absent. */
export function blockValues(resource: Resource, context: RuleContext, name: string): Outcome[] {
  return unsetAsAbsent(resource, context, name, blocks(context.values, attributes(resource, context.values), name));
}

function unsetAsAbsent(resource: Resource, context: RuleContext, name: string, outcomes: Outcome[]): Outcome[] {
  if (!isPlan(context.template) || !outcomes.some((outcome) => outcome.kind === 'unknown')) return outcomes;
  const expressions = configuredExpressions(context).get(configAddress(resource.id));
  if (expressions === undefined || getValue(expressions, name) !== undefined) return outcomes;
  return outcomes.map((outcome) =>
    outcome.kind === 'unknown' ? { kind: 'absent', node: outcome.node, via: outcome.via } : outcome,
  );
}

/** Each configured resource's `expressions`, by its configuration address (`module.a.aws_x.y`). */
function configuredExpressions(context: RuleContext): ReadonlyMap<string, MapNode> {
  return context.memo('terraform-plan:configured-expressions', () => {
    const found = new Map<string, MapNode>();
    const configuration = getValue(context.template.root, 'configuration');
    if (isMap(configuration)) collect(getValue(configuration, 'root_module'), '', found);
    return found;
  });
}

function collect(module: SourceNode | undefined, prefix: string, found: Map<string, MapNode>): void {
  if (!isMap(module)) return;
  const resources = getValue(module, 'resources');
  for (const resource of isSeq(resources) ? resources.items : []) {
    if (!isMap(resource)) continue;
    const address = scalarText(getValue(resource, 'address'));
    const expressions = getValue(resource, 'expressions');
    // A resource written without any argument has no `expressions` at all: every attribute is unset.
    const map: MapNode = isMap(expressions) ? expressions : { kind: 'map', start: 0, end: 0, entries: [] };
    if (address !== undefined) found.set(prefix + address, map);
  }
  const calls = getValue(module, 'module_calls');
  if (!isMap(calls)) return;
  for (const { key, value } of calls.entries) {
    if (isMap(value)) collect(getValue(value, 'module'), `${prefix}module.${String(key.value)}.`, found);
  }
}
