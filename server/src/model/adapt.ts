import type { ParsedDocument } from '../parsing/detect';
import { cloudFormationTemplate } from './cloudformation';
import type { Template } from './template';
import { terraformTemplate } from './terraform';
import { planTemplate } from './terraform-plan';

/** The neutral model of a parsed document, built by its format's adapter. */
export function templateOf(document: ParsedDocument): Template {
  switch (document.format) {
    case 'cloudformation':
      return cloudFormationTemplate(document);
    case 'terraform':
      return terraformTemplate(document);
    case 'terraform-plan':
      return planTemplate(document);
  }
}
