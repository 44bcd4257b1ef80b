import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Connection, type Diagnostic, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { Linter } from '../engine/linter';
import { RuleSet } from '../engine/rule-set';
import { allRules } from '../rules';
import { toDiagnostics } from './diagnostics';

/**
 * Serves iacsec over an LSP connection: every open document is linted from its buffer on open and on each
 * change, and its diagnostics are cleared on close. The transport is the caller's choice (IPC, stdio).
 */
export function serve(connection: Connection, linter = new Linter(new RuleSet(allRules))): void {
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize(() => ({
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'iacsec' },
  }));

  documents.onDidChangeContent(({ document }) => {
    const diagnostics = diagnose(linter, document, (message) => connection.console.error(message));
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  });

  documents.onDidClose(({ document }) => {
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}

/** Lints one buffer; an engine crash is logged and leaves the document without diagnostics. */
function diagnose(linter: Linter, document: TextDocument, logError: (message: string) => void): Diagnostic[] {
  try {
    return toDiagnostics(linter.lint(document.getText(), fileNameOf(document.uri)), document);
  } catch (error) {
    logError(
      `iacsec could not lint ${document.uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return [];
  }
}

/** The name detection sees: the file's path, or an unsaved buffer's URI path (`Untitled-1`). */
export function fileNameOf(uri: string): string {
  try {
    const url = new URL(uri);
    return url.protocol === 'file:' ? fileURLToPath(url) : decodeURIComponent(url.pathname);
  } catch {
    // Not a URI node can read (or a file URI with a remote host, which has no local path on POSIX).
    return uri;
  }
}
