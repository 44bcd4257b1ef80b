import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { type AuditReportRequest, type AuditSummary, COMMANDS } from '../../server/src/lsp/protocol';
import { parseAuditSummary } from './report-messages';

/** Audits every workspace folder; the server shows its own progress. Undefined when its answer has another shape. */
export async function runAudit(client: LanguageClient): Promise<AuditSummary | undefined> {
  const answer: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
    command: COMMANDS.audit,
    arguments: [],
  });
  return parseAuditSummary(answer);
}

/** The last audit rendered in `request.format`, or null when there has been no audit yet. */
export async function requestAuditReport(client: LanguageClient, request: AuditReportRequest): Promise<string | null> {
  const answer: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
    command: COMMANDS.auditReport,
    arguments: [request],
  });
  return typeof answer === 'string' ? answer : null;
}
