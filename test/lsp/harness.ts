import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  ConfigurationParams,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextEdit,
  WorkDoneProgressBegin,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '../../..');
/** `iacsec lsp --stdio`, as any editor starts it. */
export const CLI = path.join(ROOT, 'server/bin/iacsec.js');
/** The bundle the VS Code extension starts; `--stdio` picks the transport. */
export const SERVER = path.join(ROOT, 'server/dist/server.js');

/** Everything a capable client declares: versioned edits, resolve of edits, configuration, progress. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: {
    codeAction: {
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
};

export interface StartOptions {
  readonly entry?: 'cli' | 'server';
  readonly capabilities?: ClientCapabilities;
  readonly initializationOptions?: unknown;
  readonly workspaceFolders?: readonly string[];
  /** What the client answers to `workspace/configuration` for section `iacsec` (and `files.exclude`). */
  readonly settings?: Record<string, unknown>;
  readonly filesExclude?: Record<string, boolean>;
  /** Variables added to the server process's environment (a test hook such as `IACSEC_FAULT_INJECT_RULE`). */
  readonly env?: Record<string, string>;
}

type Progress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

interface ProgressParams<T> {
  readonly token: string | number;
  readonly value: T;
}

/**
 * An LSP client over a real stdio connection to a real server process. Every wait is on a message from the
 * server, with a timeout that says what did not arrive.
 */
export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: { token: string | number; value: Progress }[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly registrations: string[] = [];
  readonly shownDocuments: string[] = [];
  /** Tokens of progress the server created (`window/workDoneProgress/create`). */
  readonly createdProgress: (string | number)[] = [];
  settings: Record<string, unknown>;
  filesExclude: Record<string, boolean>;
  initializeResult: InitializeResult | undefined;
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];
  private stderr = '';

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.filesExclude = options.filesExclude ?? {};
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const args = options.entry === 'server' ? [SERVER, '--stdio'] : [CLI, 'lsp', '--stdio'];
    const env = { ...process.env, ...options.env };
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
    );
    const client = new LspClient(child, connection, options);
    child.stderr?.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    client.listen();
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders[0] === undefined ? null : uriOf(folders[0]),
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
      workspaceFolders: folders.map((folder) => ({ uri: uriOf(folder), name: path.basename(folder) })),
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private listen(): void {
    const { connection } = this;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.wake();
    });
    // vscode-jsonrpc routes `$/progress` itself: progress for tokens nobody subscribed to arrives here.
    connection.onUnhandledProgress((params: ProgressParams<Progress>) => {
      this.progress.push({ token: params.token, value: params.value });
      this.wake();
    });
    connection.onNotification('window/logMessage', () => undefined);
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'files.exclude' ? this.filesExclude : this.settings));
    });
    connection.onRequest('client/registerCapability', (params: { registrations: { method: string }[] }) => {
      this.registrations.push(...params.registrations.map((registration) => registration.method));
      this.wake();
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      this.createdProgress.push(params.token);
      return null;
    });
    connection.onRequest('window/showDocument', (params: { uri: string }) => {
      this.shownDocuments.push(params.uri);
      return { success: true };
    });
    connection.listen();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.test()) waiter.resolve();
      else this.waiters.push(waiter);
    }
  }

  /** Resolves when `test` holds, checked now and after every message; rejects after `ms` saying `what`. */
  until(what: string, test: () => boolean, ms = 15000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiters.findIndex((waiter) => waiter.resolve === done);
        if (index !== -1) this.waiters.splice(index, 1);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; server stderr:\n${this.stderr}`));
      }, ms);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ test, resolve: done });
    });
  }

  /** The diagnostics published for `uri` at `version` (waits for them). */
  async diagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    const find = () => lastOf(this.published, (p) => p.uri === uri && (version === undefined || p.version === version));
    await this.until(
      `diagnostics of ${uri}${version === undefined ? '' : ` version ${version}`}`,
      () => find() !== undefined,
    );
    return (find() as PublishDiagnosticsParams).diagnostics;
  }

  /** Diagnostics published for `uri` after the `after`-th publication overall. */
  async nextDiagnostics(uri: string, after: number): Promise<Diagnostic[]> {
    const find = () => lastOf(this.published.slice(after), (p) => p.uri === uri);
    await this.until(`new diagnostics of ${uri}`, () => find() !== undefined);
    return (find() as PublishDiagnosticsParams).diagnostics;
  }

  async open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only === undefined ? {} : { only }) },
    });
  }

  resolve(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest<CodeAction>('codeAction/resolve', action);
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', resolve));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.child.kill();
    this.connection.dispose();
  }
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** The edits of a workspace edit for one document, in either form a server may send. */
export function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (edit === undefined) throw new Error('the code action has no edit');
  if (edit.changes !== undefined) return edit.changes[uri] ?? [];
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) edits.push(...(change.edits as TextEdit[]));
  }
  return edits;
}

/** Applies LSP text edits (non-overlapping, as the protocol requires) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const offset = (line: number, character: number): number => {
    let at = 0;
    for (let current = 0; current < line; current++) {
      const newline = text.indexOf('\n', at);
      if (newline === -1) return text.length;
      at = newline + 1;
    }
    return at + character;
  };
  const located = edits.map((edit) => ({
    start: offset(edit.range.start.line, edit.range.start.character),
    end: offset(edit.range.end.line, edit.range.end.character),
    text: edit.newText,
  }));
  located.sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of located) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** Identities of diagnostics: code, severity and range, as `code@line:char-line:char`. */
export function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map(
    (d) =>
      `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}/${d.severity}`,
  );
}

function lastOf<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index] as T;
    if (test(item)) return item;
  }
  return undefined;
}

/** A diagnostic's message as text (LSP 3.18 allows Markdown content there; iacsec sends plain strings). */
export function messageOf(diagnostic: Diagnostic | undefined): string {
  const message = diagnostic?.message;
  return typeof message === 'string' ? message : (message?.value ?? '');
}
