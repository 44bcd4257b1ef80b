import { commands, env, Uri, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { requestAuditReport } from './server-commands';

type ExportFormat = 'sarif' | 'html';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  sarif: { SARIF: ['sarif', 'json'] },
  html: { HTML: ['html', 'htm'] },
};

/** Asks where to save the last audit, writes it as SARIF or HTML, and offers to open what it wrote. */
export async function exportAuditReport(client: LanguageClient, format: ExportFormat): Promise<void> {
  const folder = workspace.workspaceFolders?.[0];
  const target = await window.showSaveDialog({
    defaultUri: folder ? Uri.joinPath(folder.uri, `iacsec-audit.${format}`) : undefined,
    filters: FILTERS[format],
    saveLabel: 'Export',
    title: `Export the iacsec audit as ${format === 'sarif' ? 'SARIF' : 'HTML'}`,
  });
  if (!target) return;
  const text = await requestAuditReport(client, { format });
  if (text === null) {
    void window.showInformationMessage('iacsec has no audit to export yet: run "iacsec: Audit Workspace" first.');
    return;
  }
  await workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const choice = await window.showInformationMessage(
    `iacsec exported the audit to ${workspace.asRelativePath(target)}.`,
    'Open',
  );
  if (choice !== 'Open') return;
  // A browser renders the HTML report; SARIF opens in the editor, where a SARIF viewer extension can take it.
  if (format === 'html') await env.openExternal(target);
  else await commands.executeCommand('vscode.open', target);
}
