import type { Resource } from '../model/template';
import type { Outcome } from '../model/values';
import { attributes, blocks } from './terraform';
import { blankAsAbsent } from './terraform-attributes';
import type { RuleContext } from './types';

/**
 * The values of a top-level attribute of a Terraform resource, with a blank string read as absent
 * (`blankAsAbsent`). In a plan, a computed attribute the configuration never wrote is absent (the model decides).
 */
export function attributeValues(resource: Resource, context: RuleContext, name: string): readonly Outcome[] {
  return blankAsAbsent(context.values.lookup(attributes(resource, context.values), name));
}

/** The nested blocks `name` of a Terraform resource (see `blocks`). */
export function blockValues(resource: Resource, context: RuleContext, name: string): readonly Outcome[] {
  return blocks(context.values, attributes(resource, context.values), name);
}
