import type { Linter } from '../engine/linter';
import { lintSource, scanError, type LintedText } from '../report/convert';
import type { ScanError } from '../report/types';
import { readSource } from './read';

/**
 * What reading and linting one file gave, the same on the scan's own thread and in a scan worker: plain data,
 * so a worker can post it back whole.
 */
export type FileOutcome =
  | { readonly kind: 'not-iac' }
  | { readonly kind: 'unreadable'; readonly error: ScanError }
  /**
   * `text` is what was linted (after any rewrite), which CDK validation reads again; a scan worker, which is
   * never given a CDK template, leaves it out rather than copy it back.
   */
  | { readonly kind: 'linted'; readonly text?: string; readonly linted: LintedText };

/** Reads `file` within the linter's limits and lints it (or the text `rewrite` gives in its place). */
export async function scanFile(
  file: string,
  shown: string,
  linter: Linter,
  rewrite?: (file: string, text: string, linter: Linter) => string,
): Promise<FileOutcome> {
  const source = await readSource(file, linter.limits.maxTemplateBytes, linter.limits.maxPlanBytes);
  if (source.kind === 'not-iac') return source;
  if (source.kind === 'error') {
    return { kind: 'unreadable', error: scanError(shown, source.code, source.message, source.position) };
  }
  const text = rewrite === undefined ? source.text : rewrite(file, source.text, linter);
  return { kind: 'linted', text, linted: lintSource(linter, text, file, shown) };
}
