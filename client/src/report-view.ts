import { randomBytes } from 'node:crypto';
import {
  type Disposable,
  Position,
  Range,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  type WebviewPanel,
  window,
  workspace,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { AuditSummary, ReportViewMessage } from '../../server/src/lsp/protocol';
import { exportAuditReport } from './report-export';
import { parseReportViewMessage } from './report-messages';
import { requestAuditReport } from './server-commands';

// The report links to files the audit read; nothing else may be opened from a webview message.
const OPENABLE_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled']);

/** The one "iacsec audit" panel: the server renders it; clicks open findings and export the report. */
export class ReportView implements Disposable {
  private panel: WebviewPanel | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** Shows the last audit, in a new panel or the open one (refreshed and revealed). */
  async show(summary: AuditSummary | undefined): Promise<void> {
    const created = this.panel === undefined;
    const panel = this.panel ?? this.createPanel();
    // A fresh nonce per render: the report's one script is the only one the page's policy allows.
    const nonce = randomBytes(16).toString('base64');
    const html = await requestAuditReport(this.client, {
      format: 'webview',
      cspSource: panel.webview.cspSource,
      nonce,
    });
    // Closed by the user while the server was rendering: leave it closed.
    if (this.panel !== panel) return;
    if (html === null) {
      if (created) panel.dispose();
      void window.showInformationMessage('iacsec has no audit to show yet.');
      return;
    }
    panel.webview.html = html;
    if (!created) panel.reveal(panel.viewColumn);
    if (summary?.cancelled) {
      void window.showInformationMessage(
        'The iacsec audit was cancelled: the report is partial and shows only the files audited before.',
      );
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private createPanel(): WebviewPanel {
    const panel = window.createWebviewPanel('iacsec.audit', 'iacsec audit', ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    this.panel = panel;
    const listener = panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
    panel.onDidDispose(() => {
      listener.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
    return panel;
  }

  /** Messages come from the page's script: untrusted input, so anything unexpected is ignored. */
  private async receive(value: unknown): Promise<void> {
    const message = parseReportViewMessage(value);
    if (!message) return;
    try {
      switch (message.type) {
        case 'open':
          return await openLocation(message);
        case 'export':
          return await exportAuditReport(this.client, message.format);
      }
    } catch (error) {
      void window.showErrorMessage(`iacsec: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

async function openLocation(message: Extract<ReportViewMessage, { type: 'open' }>): Promise<void> {
  const uri = parseUri(message.uri);
  if (!uri || !OPENABLE_SCHEMES.has(uri.scheme)) return;
  const document = await workspace.openTextDocument(uri);
  const position = document.validatePosition(new Position(message.line, message.character));
  const range = new Range(position, position);
  // Beside the report, which keeps its column.
  const editor = await window.showTextDocument(document, { viewColumn: ViewColumn.Beside, selection: range });
  editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
}

function parseUri(value: string): Uri | undefined {
  try {
    return Uri.parse(value, true);
  } catch {
    return undefined;
  }
}
