import { cloudFormationTemplate } from '../../src/model/cloudformation';
import type { Template } from '../../src/model/template';
import { readDocument } from '../../src/parsing/detect';
import { DEFAULT_LIMITS } from '../../src/parsing/errors';

/** Parses a template the way the engine does, failing loudly if it is not one. */
export function templateOf(text: string, file = 'template.yaml'): Template {
  const outcome = readDocument(text, file, DEFAULT_LIMITS);
  if (outcome.kind !== 'document') throw new Error(`not a template: ${JSON.stringify(outcome)}`);
  return cloudFormationTemplate(outcome.document);
}
