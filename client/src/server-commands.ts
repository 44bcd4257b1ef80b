import { randomUUID } from 'node:crypto';
import { CancellationTokenSource, ProgressLocation, window } from 'vscode';
import {
  ExecuteCommandRequest,
  type LanguageClient,
  WorkDoneProgress,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import { type AuditReportRequest, type AuditSummary, COMMANDS } from '../../server/src/lsp/protocol';
import { parseAuditSummary } from './report-messages';

/**
 * Audits every workspace folder, with a notification that shows the server's progress (its work-done reports on a
 * token the client made) and whose Cancel button cancels the request. Undefined when the answer has another shape.
 */
export async function runAudit(client: LanguageClient): Promise<AuditSummary | undefined> {
  const workDoneToken = `iacsec-audit-${randomUUID()}`;
  return window.withProgress(
    { location: ProgressLocation.Notification, title: 'iacsec: auditing the workspace', cancellable: true },
    async (progress, cancelled) => {
      let shown = 0;
      const listening = client.onProgress(
        WorkDoneProgress.type,
        workDoneToken,
        (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => {
          if (value.kind === 'end') return;
          const percentage = value.percentage ?? shown;
          progress.report({ message: value.message, increment: Math.max(0, percentage - shown) });
          shown = Math.max(shown, percentage);
        },
      );
      const source = new CancellationTokenSource();
      const forward = cancelled.onCancellationRequested(() => source.cancel());
      try {
        const answer: unknown = await client.sendRequest(
          ExecuteCommandRequest.type,
          { command: COMMANDS.audit, arguments: [], workDoneToken },
          source.token,
        );
        return parseAuditSummary(answer);
      } finally {
        forward.dispose();
        listening.dispose();
        source.dispose();
      }
    },
  );
}

/** The last audit rendered in `request.format`, or null when there has been no audit yet. */
export async function requestAuditReport(client: LanguageClient, request: AuditReportRequest): Promise<string | null> {
  const answer: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
    command: COMMANDS.auditReport,
    arguments: [request],
  });
  return typeof answer === 'string' ? answer : null;
}
