import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CancellationToken,
  type ClientCapabilities,
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  type ProgressToken,
  type InitializeParams,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { allRules } from '../rules';
import type { Rule } from '../rules/types';
import { WorkspaceAudit } from './audit';
import { type ClientAbilities, CodeActions } from './code-actions';
import { CdkSources } from './cdk-sources';
import { DocumentLinting } from './document-linting';
import { hoverAt } from './hover';
import { LintQueue } from './lint-queue';
import { type AuditReportRequest, COMMANDS, FIX_ALL_KIND, type InitializationOptions } from './protocol';
import { securityDiffRequest } from './security-diff';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { LintWorker } from './worker-client';
import { localPath, SettingsStore, WorkspaceFolders } from './workspace';

/** Languages of CDK apps' sources: the server shows their CDK findings and hovers, and never lints them. */
const SOURCE_LANGUAGES: ReadonlySet<string> = new Set([
  'typescript',
  'javascript',
  'typescriptreact',
  'javascriptreact',
]);

const SERVER_COMMANDS = [
  COMMANDS.audit,
  COMMANDS.auditReport,
  COMMANDS.showDocumentation,
  COMMANDS.securityDiff,
  COMMANDS.previousTemplate,
];

/**
 * Serves iacsec over an LSP connection (the transport is the caller's: IPC from VS Code, stdio for other editors).
 * Each handler converts and delegates: documents are linted in a worker thread by `DocumentLinting`, code actions
 * and hovers answer from its last result, the audit runs in a worker of its own.
 */
export function serve(connection: Connection, rules: readonly Rule[] = allRules): void {
  const documents = new TextDocuments(TextDocument);
  const folders = new WorkspaceFolders();
  const log = (message: string): void => connection.console.error(message);
  const worker = new LintWorker(log);
  const rulesById = new Map(rules.map((rule) => [rule.meta.id, rule]));
  let capabilities: ClientCapabilities = {};
  let settings = new SettingsStore(undefined, DEFAULT_SETTINGS);
  let actions: CodeActions | undefined;
  const publish = (
    uri: string,
    diagnostics: Parameters<Connection['sendDiagnostics']>[0]['diagnostics'],
    version?: number,
  ) => void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  const linting = new DocumentLinting({
    documents,
    queue: new LintQueue(worker),
    get settings() {
      return settings;
    },
    folders,
    publish,
    log,
  });
  const audit = new WorkspaceAudit({
    folders,
    get settings() {
      return settings;
    },
    rules,
    filesExclude: async (folder): Promise<unknown> =>
      capabilities.workspace?.configuration === true
        ? ((await connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'files.exclude' })) as unknown)
        : {},
    openPaths: () => new Set(documents.all().flatMap((document) => localPath(document.uri) ?? [])),
    publish,
    log,
  });

  const cdk = new CdkSources({ folders, rules: rulesById, publish, log });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const base = readSettings(options.settings, DEFAULT_SETTINGS);
    settings = new SettingsStore(
      capabilities.workspace?.configuration === true
        ? (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'iacsec' })
        : undefined,
      base,
    );
    folders.set(params.workspaceFolders ?? []);
    const abilities: ClientAbilities = {
      resolveEdits: capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
      documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      selectRange: options.selectRangeCommand === true,
    };
    actions = new CodeActions(linting, abilities);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        executeCommandProvider: { commands: SERVER_COMMANDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'iacsec' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'iacsec' });
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true)
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/.iacsec.yaml' },
          { globPattern: '**/.gitignore' },
          // `cdk synth` rewrites the manifest: the app's source diagnostics are read again.
          { globPattern: '**/cdk.out/manifest.json' },
        ],
      });
    void cdk.refreshAll();
    if (capabilities.workspace?.workspaceFolders === true)
      connection.workspace.onDidChangeWorkspaceFolders((event) => folders.change(event.added, event.removed));
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    linting.refreshAll();
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const assemblies = changes.filter((change) => change.uri.includes('/cdk.out/'));
    for (const change of assemblies) void cdk.changed(change.uri);
    if (assemblies.length === changes.length) return;
    worker.forgetConfig();
    linting.refreshAll();
  });

  // TextDocuments reports an open as a change of content too: the first change of a document is its opening.
  const opened = new Set<string>();
  documents.onDidChangeContent(({ document }) => {
    // A CDK app's source is not IaC: its diagnostics come from the synthesized templates (CdkSources).
    if (SOURCE_LANGUAGES.has(document.languageId)) return;
    const trigger = opened.has(document.uri) ? 'change' : 'open';
    opened.add(document.uri);
    void linting.schedule(document.uri, trigger);
  });
  documents.onDidSave(({ document }) => void linting.schedule(document.uri, 'save'));
  documents.onDidClose(({ document }) => {
    if (SOURCE_LANGUAGES.has(document.languageId)) return;
    opened.delete(document.uri);
    linting.close(document.uri);
    publish(document.uri, []);
    audit.closed(document.uri);
  });

  connection.onHover((params) => {
    const onSource = cdk.hover(params.textDocument.uri, params.position);
    if (onSource !== null) return onSource;
    const linted = linting.last(params.textDocument.uri);
    return linted === undefined ? null : hoverAt(linted, params.position, rulesById);
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    return document === undefined || actions === undefined ? [] : actions.actions(params, document);
  });
  connection.onCodeActionResolve((action) => actions?.resolve(action, documents) ?? action);

  // Registered as a plain request: the library's onExecuteCommand takes the client's workDoneToken out of the
  // params before the handler could tell whether there was one.
  connection.onRequest(ExecuteCommandRequest.type, async (params, token) => {
    switch (params.command) {
      case COMMANDS.audit: {
        const reporter = await auditProgress(params.workDoneToken);
        return audit.run(reporter, [token, ...(reporter.token === undefined ? [] : [reporter.token])]);
      }
      case COMMANDS.auditReport:
        return audit.report(reportRequest((params.arguments ?? [])[0]));
      case COMMANDS.showDocumentation: {
        const href: unknown = (params.arguments ?? [])[1];
        if (typeof href === 'string' && /^https?:\/\//.test(href))
          await connection.window.showDocument({ uri: href, external: true });
        return null;
      }
      case COMMANDS.previousTemplate: {
        const uri: unknown = (params.arguments ?? [])[0];
        return typeof uri === 'string' ? cdk.previousText(uri) : null;
      }
      case COMMANDS.securityDiff: {
        const request = securityDiffRequest(params.arguments);
        if (request === undefined) throw new Error(`${params.command} takes [{ oldText, newText, oldName, newName }]`);
        const job = await linting.diffJob(request);
        const { oldText, oldName, newName } = request;
        const answer = await worker.request({ kind: 'securityDiff', ...job, oldText, oldName, newName }).answer;
        if (answer.kind === 'securityDiffed') return answer.answer;
        throw new Error(answer.kind === 'failed' ? answer.message : `the lint worker answered ${answer.kind}`);
      }
      default:
        throw new Error(`iacsec does not know the command ${params.command}`);
    }
  });

  /**
   * The client's own token when it sent one (it cancels by cancelling the request); else a progress the server
   * creates, which the user can cancel (VS Code's notification with a Cancel button); else none.
   */
  async function auditProgress(
    workDoneToken: ProgressToken | undefined,
  ): Promise<WorkDoneProgressReporter & { token?: CancellationToken }> {
    if (workDoneToken !== undefined || capabilities.window?.workDoneProgress !== true)
      return connection.window.attachWorkDoneProgress(workDoneToken);
    return connection.window.createWorkDoneProgress();
  }

  connection.onShutdown(async () => {
    linting.dispose();
    await worker.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

/** The report a client asked for; anything malformed asks for the standalone HTML. */
function reportRequest(raw: unknown): AuditReportRequest {
  if (typeof raw !== 'object' || raw === null) return { format: 'html' };
  const { format, cspSource, nonce } = raw as Record<string, unknown>;
  if (format !== 'sarif' && format !== 'html' && format !== 'webview') return { format: 'html' };
  return {
    format,
    ...(typeof cspSource === 'string' ? { cspSource } : {}),
    ...(typeof nonce === 'string' ? { nonce } : {}),
  };
}
