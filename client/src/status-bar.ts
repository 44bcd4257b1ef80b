import {
  type Disposable,
  languages,
  StatusBarAlignment,
  type StatusBarItem,
  type TextEditor,
  window,
  workspace,
} from 'vscode';
import { COMMANDS } from '../../server/src/lsp/protocol';

const LANGUAGES: ReadonlySet<string> = new Set(['yaml', 'json']);
const SOURCE = 'iacsec';

/** `$(shield) N` for the active YAML or JSON editor: its iacsec findings; a click audits the workspace. */
export class StatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly subscriptions: Disposable[];

  constructor() {
    // Modest priority: next to the problem counts, not ahead of the branch and sync items.
    this.item = window.createStatusBarItem('iacsec.status', StatusBarAlignment.Left, 10);
    this.item.name = 'iacsec';
    this.item.command = COMMANDS.auditWorkspace;
    this.subscriptions = [
      window.onDidChangeActiveTextEditor((editor) => this.update(editor)),
      languages.onDidChangeDiagnostics(({ uris }) => {
        const active = window.activeTextEditor?.document.uri.toString();
        if (active !== undefined && uris.some((uri) => uri.toString() === active)) this.update();
      }),
      // A change of language mode reopens the document under the same editor.
      workspace.onDidOpenTextDocument((document) => {
        if (document === window.activeTextEditor?.document) this.update();
      }),
    ];
    this.update();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }

  private update(editor: TextEditor | undefined = window.activeTextEditor): void {
    if (!editor || !LANGUAGES.has(editor.document.languageId)) {
      this.item.hide();
      return;
    }
    const count = languages.getDiagnostics(editor.document.uri).filter(({ source }) => source === SOURCE).length;
    this.item.text = count > 0 ? `$(shield) ${count}` : '$(shield) iacsec';
    this.item.tooltip = `iacsec: ${count} ${count === 1 ? 'finding' : 'findings'} in this file — click to audit the workspace`;
    this.item.show();
  }
}
