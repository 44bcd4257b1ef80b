import type { Resource } from '../model/template';
import { stringOf, type Outcome } from '../model/values';
import { getValue, isScalar } from '../parsing/nodes';
import { isPlan } from './terraform';
import type { RuleContext } from './types';

/**
 * The resources of `type` in the configuration that a Terraform attribute names (a replica's
 * `replicate_source_db`, a database's `parameter_group_name`): by interpolation (`${aws_db_instance.main.identifier}`),
 * by a plan's configuration reference (a plan holds only the value), or by the same literal as the target's
 * `targetAttribute`. None when it names something outside the configuration, which the caller cannot judge.
 */
export function targetsOf(
  context: RuleContext,
  resource: Resource,
  attribute: string,
  value: Outcome,
  type: string,
  targetAttribute: string,
): Resource[] {
  const template = context.template;
  if (value.kind === 'resource') {
    const target = template.resource(value.id);
    return target?.type === type ? [target] : [];
  }
  if (isPlan(template)) {
    const referred = template.references
      .from(resource.id)
      .filter((reference) => reference.path[0] === attribute)
      .map((reference) => template.resource(reference.to))
      .filter((target): target is Resource => target?.type === type);
    if (referred.length > 0) return [...new Set(referred)];
  }
  const literal = stringOf(value);
  if (literal === undefined || literal.includes('${')) return [];
  // The resources of `type` by their literal `targetAttribute`, indexed once per lint rather than scanned per value.
  const byLiteral = context.memo(`terraform-targets:${type}:${targetAttribute}`, () => {
    const index = new Map<string, Resource[]>();
    for (const candidate of template.resources) {
      if (candidate.type !== type) continue;
      const written = getValue(candidate.properties, targetAttribute);
      if (!isScalar(written) || typeof written.value !== 'string') continue;
      const list = index.get(written.value);
      if (list === undefined) index.set(written.value, [candidate]);
      else list.push(candidate);
    }
    return index;
  });
  return [...(byLiteral.get(literal) ?? [])];
}
