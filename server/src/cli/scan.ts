import type { Linter } from '../engine/linter';
import { displayPath, lintSource, scanError } from '../report/convert';
import { buildReport } from '../report/document';
import { toolVersion } from '../report/tool';
import type { Finding, ScanError, ScanReport } from '../report/types';
import { readSource } from './read';
import { collectFiles } from './walk';

export interface ScanOptions {
  /** Paths in the report are relative to it, and relative paths given are resolved against it. */
  readonly cwd: string;
  readonly linter: Linter;
  /**
   * List suppressed findings too, each with `suppressed: {by, reason}`. Accepted now; suppressions land
   * later, so until then there is nothing it adds.
   */
  readonly includeSuppressed?: boolean;
}

/** Walks, reads and lints the paths (`.` when there are none) into the contract's JSON document. */
export async function scan(paths: readonly string[], options: ScanOptions): Promise<ScanReport> {
  const { cwd, linter } = options;
  const walked = await collectFiles(paths.length === 0 ? ['.'] : paths, cwd);
  const findings: Finding[] = [];
  const errors: ScanError[] = walked.problems.map((problem) =>
    scanError(displayPath(problem.path, cwd), 'read', problem.message),
  );
  let files = 0;
  for (const file of walked.files) {
    const shown = displayPath(file, cwd);
    const source = await readSource(file, linter.limits.maxTemplateBytes);
    if (source.kind === 'not-iac') continue;
    if (source.kind === 'error') {
      files++;
      errors.push(scanError(shown, source.code, source.message, source.position));
      continue;
    }
    const linted = lintSource(linter, source.text, file, shown);
    if (!linted.iac) continue;
    files++;
    findings.push(...linted.findings);
    errors.push(...linted.errors);
  }
  return buildReport({ version: toolVersion(), files, findings, errors, includeSuppressed: options.includeSuppressed });
}
