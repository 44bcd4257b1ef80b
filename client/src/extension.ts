import { commands, type ExtensionContext, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from '../../server/src/lsp/protocol';
import { registerCommands } from './commands';
import { CrashRecovery } from './crash-recovery';
import { createLanguageClient } from './language-client';
import { StatusBar } from './status-bar';

// VS Code calls `deactivate` without the context, so the running client is the one thing kept between the two.
let client: LanguageClient | undefined;

/** Starts the language server and adds the extension's commands and status bar item. */
export async function activate(context: ExtensionContext): Promise<void> {
  // The server's log, and the trace of `iacsec.trace.server`; it outlives restarts of the server.
  const output = window.createOutputChannel('iacsec', { log: true });
  const crashRecovery = new CrashRecovery(output, {
    showOutput: () => output.show(),
    restartServer: () => commands.executeCommand(COMMANDS.restartServer),
  });
  const languageClient = createLanguageClient(context, output, crashRecovery);
  client = languageClient;
  context.subscriptions.push(
    output,
    new StatusBar(),
    ...registerCommands({ context, client: languageClient, output, crashRecovery }),
  );
  try {
    await languageClient.start();
  } catch (error) {
    // Activation still succeeds, so "Show Output" and "Restart Server" are there to use.
    output.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
    // Not awaited: activation must not wait for the user to dismiss a message.
    void window
      .showErrorMessage("iacsec's language server did not start.", 'Show Output')
      .then((choice) => choice === 'Show Output' && output.show());
  }
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.needsStop()) await running.stop();
}
