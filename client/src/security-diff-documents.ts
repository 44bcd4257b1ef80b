import { type Disposable, type TextDocumentContentProvider, Uri, ViewColumn, window, workspace } from 'vscode';

export const SECURITY_DIFF_SCHEME = 'iacsec-diff';

const GONE = 'This security diff is no longer available: run "iacsec: Security Diff" again.\n';

/**
 * Security diffs as read-only documents (`iacsec-diff:` URIs): each result is kept until its document is closed.
 * The language client does not select the scheme, so the text is never linted.
 */
export class SecurityDiffDocuments implements TextDocumentContentProvider, Disposable {
  private readonly texts = new Map<string, string>();
  private readonly subscriptions: Disposable[];
  private shown = 0;

  constructor() {
    this.subscriptions = [
      workspace.registerTextDocumentContentProvider(SECURITY_DIFF_SCHEME, this),
      workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === SECURITY_DIFF_SCHEME) this.texts.delete(document.uri.toString());
      }),
    ];
  }

  provideTextDocumentContent(uri: Uri): string {
    return this.texts.get(uri.toString()) ?? GONE;
  }

  /** Opens `text` beside the active editor, under a tab named `title`. */
  async show(title: string, text: string): Promise<void> {
    // A fresh query per diff: VS Code caches a virtual document by URI, and each run may differ.
    this.shown++;
    const uri = Uri.from({ scheme: SECURITY_DIFF_SCHEME, path: `/${title}.txt`, query: String(this.shown) });
    this.texts.set(uri.toString(), text);
    const document = await workspace.openTextDocument(uri);
    await window.showTextDocument(document, { preview: true, viewColumn: ViewColumn.Beside });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.texts.clear();
  }
}
