import { NO_COLOURS } from '../cli/color';
import { formatDiffStylish } from '../cli/diff-stylish';
import { diffTemplates } from '../diff/diff-templates';
import type { TemplateChangesFn } from '../diff/load';
import type { DiffReport } from '../diff/types';
import type { Linter } from '../engine/linter';
import { toolVersion } from '../report/tool';
import type { ScanError } from '../report/types';
import { configNoteText } from './config-note';
import type { SecurityDiffRequest, SecurityDiffResult } from './protocol';
import type { ConfigNote } from './worker-protocol';

export interface SecurityDiffAnswer extends SecurityDiffResult {
  readonly report: DiffReport | null;
}

const ERROR_LABELS: { readonly [C in ScanError['code']]: string } = {
  read: 'read error',
  parse: 'parse error',
  limit: 'over a limit',
  internal: 'internal error',
};

/** The command's one argument, if it has the request's shape. */
export function securityDiffRequest(args: readonly unknown[] | undefined): SecurityDiffRequest | undefined {
  const raw: unknown = args?.[0];
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { oldText, newText, oldName, newName, newUri } = raw as Record<string, unknown>;
  if (typeof oldText !== 'string' || typeof newText !== 'string') return undefined;
  if (typeof oldName !== 'string' || typeof newName !== 'string') return undefined;
  if (newUri !== undefined && typeof newUri !== 'string') return undefined;
  return { oldText, newText, oldName, newName, ...(newUri === undefined ? {} : { newUri }) };
}

/**
 * `iacsec diff` of two texts, as the editor shows it: the stylish text without colours under a line that says
 * whether access broadens, and the JSON report. `linter` is NEW's, under its configuration; `config` says that
 * configuration is broken, so the defaults were used. Runs on the lint worker, which loads the diff library from
 * its own bundle on the first diff.
 */
export async function securityDiff(
  request: SecurityDiffRequest,
  linter: Linter,
  config?: ConfigNote,
  changes?: TemplateChangesFn,
): Promise<SecurityDiffAnswer> {
  const outcome = await diffTemplates(
    { text: request.oldText, file: request.oldName, shown: request.oldName },
    { text: request.newText, file: request.newName, shown: request.newName },
    { linter, version: toolVersion(), ...(changes === undefined ? {} : { changes }) },
  );
  const broken = config === undefined ? '' : `${configNoteText(config)}\n`;
  const title = `Security diff of ${request.oldName} → ${request.newName}\n${broken}`;
  switch (outcome.kind) {
    case 'report': {
      const { report } = outcome;
      const broadened = report.summary.broadened;
      const verdict = broadened
        ? '✖ Access broadens: the change gives more access (see the security changes below).'
        : '✔ Access does not broaden.';
      return { text: `${title}${verdict}\n${formatDiffStylish(report, NO_COLOURS, broadened)}`, broadened, report };
    }
    case 'unsupported':
      return { text: `${title}No diff: ${outcome.message}.\n`, broadened: null, report: null };
    case 'errors': {
      const lines = outcome.errors.map(
        (error) => `  ${error.file}:${error.line}:${error.column}: ${ERROR_LABELS[error.code]}: ${error.message}`,
      );
      return {
        text: `${title}No diff: a template could not be read.\n${lines.join('\n')}\n`,
        broadened: null,
        report: null,
      };
    }
  }
}
