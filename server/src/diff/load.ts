import type { templateChanges } from './template-changes';

export type TemplateChangesFn = typeof templateChanges;

/**
 * Loads the diff library only when a diff is asked for, so a scan or the language server never pays for its
 * resource specification. The bundles resolve this import to `server/dist/diff.js`, beside them, which is the
 * only bundle that holds the library (scripts/bundle.mjs); compiled by tsc it is the module next to this one.
 */
export async function loadTemplateChanges(): Promise<TemplateChangesFn> {
  const module = await import('./template-changes.js');
  return module.templateChanges;
}
