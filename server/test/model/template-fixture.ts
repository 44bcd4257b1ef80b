import { templateOf as adapt } from '../../src/model/adapt';
import type { Template } from '../../src/model/template';
import { readDocument } from '../../src/parsing/detect';
import { DEFAULT_LIMITS } from '../../src/parsing/errors';

/** Parses a document the way the engine does (any format), failing loudly if it is not IaC. */
export function templateOf(text: string, file = 'template.yaml'): Template {
  const outcome = readDocument(text, file, DEFAULT_LIMITS);
  if (outcome.kind !== 'document') throw new Error(`not a template: ${JSON.stringify(outcome)}`);
  return adapt(outcome.document);
}
