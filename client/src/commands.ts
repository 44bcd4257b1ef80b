import { commands, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from '../../server/src/lsp/protocol';
import { AuditCommand } from './audit';
import type { CrashRecovery } from './crash-recovery';
import { restartServer } from './language-client';
import { ReportView } from './report-view';
import { showSecurityDiff } from './security-diff';
import { SecurityDiffDocuments } from './security-diff-documents';
import { selectRange } from './select-range';
import { addYamlCustomTags } from './yaml-tags-command';

export interface CommandDependencies {
  readonly context: ExtensionContext;
  readonly client: LanguageClient;
  readonly output: LogOutputChannel;
  readonly crashRecovery: CrashRecovery;
}

/** The commands the extension runs itself (the server's own are registered by the language client). */
export function registerCommands({ context, client, output, crashRecovery }: CommandDependencies): Disposable[] {
  const reportView = new ReportView(client);
  const audit = new AuditCommand(client, reportView);
  const securityDiffs = new SecurityDiffDocuments();
  return [
    reportView,
    securityDiffs,
    commands.registerCommand(COMMANDS.auditWorkspace, () => audit.run()),
    commands.registerCommand(COMMANDS.restartServer, () => {
      // Asked for by the user: earlier crashes no longer count against the new server.
      crashRecovery.reset();
      return restartServer(client);
    }),
    commands.registerCommand(COMMANDS.showOutput, () => output.show()),
    commands.registerCommand(COMMANDS.addYamlCustomTags, () => addYamlCustomTags(context)),
    commands.registerCommand(COMMANDS.showSecurityDiff, () => showSecurityDiff(client, securityDiffs)),
    commands.registerCommand(COMMANDS.selectRange, (...args: unknown[]) => selectRange(client, args)),
  ];
}
