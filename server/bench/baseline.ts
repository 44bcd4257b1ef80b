import * as jsyaml from 'js-yaml';
import { SHORT_FORM_TAGS } from '../src/parsing/yaml';

/**
 * The bare parse every ratio of the bench is measured against. For YAML it does what the reader's own js-yaml
 * pass does minus positions: the same schema, CloudFormation's tags read as plain data.
 */
export const BASELINE_SCHEMA = jsyaml.CORE_SCHEMA.extend(
  [...SHORT_FORM_TAGS.keys()].flatMap((tag) =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      (kind) => new jsyaml.Type(tag, { kind, construct: (data: unknown) => data }),
    ),
  ),
);

/** A bare parse of a file's text: js-yaml for YAML names, JSON.parse for the rest. */
export function bareParse(text: string, name: string): unknown {
  return /\.ya?ml$/i.test(name) ? jsyaml.load(text, { schema: BASELINE_SCHEMA }) : (JSON.parse(text) as unknown);
}
