import * as path from 'node:path';
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import {
  type ErrorHandler,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/lsp/protocol';
import { executeCommandMiddleware } from './rule-documentation';

/**
 * The client of the bundled language server, over IPC, for YAML and JSON documents on disk or unsaved. Its id
 * `iacsec` makes `iacsec.trace.server` the trace setting; the server reads `iacsec.*` itself, per document.
 */
export function createLanguageClient(
  context: ExtensionContext,
  output: LogOutputChannel,
  errorHandler: ErrorHandler,
): LanguageClient {
  const module = context.asAbsolutePath(path.join('server', 'dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const initializationOptions: InitializationOptions = { selectRangeCommand: true };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...['file', 'untitled'].flatMap((scheme) => [
        { scheme, language: 'yaml' },
        { scheme, language: 'json' },
      ]),
      // CDK apps' sources: the server never lints them, it shows the synthesized templates' findings and hovers there.
      ...['typescript', 'javascript'].map((language) => ({ scheme: 'file', language })),
    ],
    initializationOptions,
    // No `synchronize.fileEvents`: the server registers its own watchers (`.iacsec.yaml`, `.gitignore`).
    outputChannel: output,
    // Problems are told by CrashRecovery and the commands; the log alone never pops the channel open.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler,
    middleware: { executeCommand: executeCommandMiddleware(context.extensionUri) },
  };
  return new LanguageClient('iacsec', 'iacsec', serverOptions, clientOptions);
}

/** Restarts a running server, or starts one that stopped (after crashing too often, or failing to start). */
export async function restartServer(client: LanguageClient): Promise<void> {
  if (client.isRunning()) await client.restart();
  else await client.start();
}
