// The report view's script and the server's answers are both untrusted here: this file checks their shapes.
// It imports no vscode module, so its checks read the same in a unit test.
import type { AuditSummary, ReportViewMessage } from '../../server/src/lsp/protocol';

/** The webview's message when it is one the view handles, else undefined (anything else is ignored). */
export function parseReportViewMessage(value: unknown): ReportViewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'open': {
      const { uri, line, character } = value;
      if (typeof uri !== 'string' || !isPositionNumber(line) || !isPositionNumber(character)) return undefined;
      return { type: 'open', uri, line, character };
    }
    case 'export': {
      const { format } = value;
      return format === 'sarif' || format === 'html' ? { type: 'export', format } : undefined;
    }
    default:
      return undefined;
  }
}

/** The audit's answer when it has the summary's shape; undefined from a server that answers otherwise. */
export function parseAuditSummary(value: unknown): AuditSummary | undefined {
  if (!isRecord(value) || !isRecord(value.bySeverity)) return undefined;
  const { folders, files, findings, errors, cancelled } = value;
  const { error, warning, info } = value.bySeverity;
  const counts = [folders, files, findings, errors, error, warning, info];
  if (!counts.every(isPositionNumber) || typeof cancelled !== 'boolean') return undefined;
  return {
    folders: folders as number,
    files: files as number,
    findings: findings as number,
    errors: errors as number,
    bySeverity: { error: error as number, warning: warning as number, info: info as number },
    cancelled,
  };
}

/** `[uri, range]` of `COMMANDS.selectRange`, when the arguments have that shape. */
export function parseSelectRangeArguments(
  args: readonly unknown[],
): { uri: string; range: { start: LspPosition; end: LspPosition } } | undefined {
  const [uri, range] = args;
  if (typeof uri !== 'string' || !isRecord(range)) return undefined;
  const start = parsePosition(range.start);
  const end = parsePosition(range.end);
  return start && end ? { uri, range: { start, end } } : undefined;
}

export interface LspPosition {
  readonly line: number;
  readonly character: number;
}

function parsePosition(value: unknown): LspPosition | undefined {
  if (!isRecord(value)) return undefined;
  const { line, character } = value;
  return isPositionNumber(line) && isPositionNumber(character) ? { line, character } : undefined;
}

/** A line, a character or a count: a non-negative integer. */
function isPositionNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
