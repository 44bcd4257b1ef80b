import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { serve } from './serve';

/** `iacsec lsp --stdio`: the same server the VS Code extension starts, for any editor that speaks LSP. */
export function serveStdio(): void {
  serve(
    createConnection(
      ProposedFeatures.all,
      new StreamMessageReader(process.stdin),
      new StreamMessageWriter(process.stdout),
    ),
  );
}
