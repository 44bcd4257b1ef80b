import { commands, window, workspace } from 'vscode';
import { ErrorCodes, type LanguageClient, LSPErrorCodes, ResponseError } from 'vscode-languageclient/node';
import { COMMANDS } from '../../server/src/lsp/protocol';
import type { ReportView } from './report-view';
import { runAudit } from './server-commands';

/** "iacsec: Audit Workspace": one audit at a time, then the report view. */
export class AuditCommand {
  private running = false;

  constructor(
    private readonly client: LanguageClient,
    private readonly view: ReportView,
  ) {}

  async run(): Promise<void> {
    if (!workspace.workspaceFolders?.length) {
      void window.showInformationMessage('Open a folder to audit it with iacsec.');
      return;
    }
    if (this.running) {
      void window.showInformationMessage('iacsec is already auditing the workspace.');
      return;
    }
    this.running = true;
    try {
      const summary = await runAudit(this.client);
      await this.view.show(summary);
    } catch (error) {
      await reportFailure(error);
    } finally {
      this.running = false;
    }
  }
}

async function reportFailure(error: unknown): Promise<void> {
  if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return;
  if (error instanceof ResponseError && error.code === ErrorCodes.ConnectionInactive) {
    const choice = await window.showErrorMessage("iacsec's language server is not running.", 'Restart Server');
    if (choice === 'Restart Server') await commands.executeCommand(COMMANDS.restartServer);
    return;
  }
  const choice = await window.showErrorMessage(
    `iacsec could not audit the workspace: ${error instanceof Error ? error.message : String(error)}`,
    'Show Output',
  );
  if (choice === 'Show Output') await commands.executeCommand(COMMANDS.showOutput);
}
