import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { IACSEC_BIN } from './processes';

/** The bundled language server spoken to over stdio as an editor does, for the bench's LSP rows. */

const WAIT_MS = 30_000;

export interface Published {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: readonly unknown[];
}

interface Waiter {
  readonly accept: (published: Published) => boolean;
  readonly resolve: (arrivedAt: number) => void;
  readonly reject: (error: Error) => void;
}

/** One `iacsec lsp --stdio` process and its connection; every wait gives up after `WAIT_MS` with a message. */
/** A `didChange` content change: the whole text, or a range replaced (what VS Code sends under incremental sync). */
export type ContentChange =
  | { readonly text: string }
  | {
      readonly range: {
        readonly start: { readonly line: number; readonly character: number };
        readonly end: { readonly line: number; readonly character: number };
      };
      readonly text: string;
    };

export class LspSession {
  private readonly published: { readonly params: Published; readonly at: number }[] = [];
  private readonly waiters = new Set<Waiter>();
  private stderr = '';
  private gone: string | undefined;
  /** When `initialize` was sent and answered (performance.now()), for the start-up rows. */
  private initializeSent = Number.NaN;
  private initializeAnswered = Number.NaN;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
  ) {
    child.stderr?.setEncoding('utf8');
    // Only the tail is kept: it explains a crash without holding a chatty server's whole log.
    child.stderr?.on('data', (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    child.once('error', (error) => this.fail(`could not start the language server: ${error.message}`));
    child.once('exit', (code, signal) => this.fail(`the language server exited (${signal ?? `code ${code}`})`));
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
      const at = performance.now();
      this.published.push({ params, at });
      for (const waiter of this.waiters) {
        if (!waiter.accept(params)) continue;
        this.waiters.delete(waiter);
        waiter.resolve(at);
      }
    });
    connection.listen();
  }

  static async start(initializationOptions: object | undefined): Promise<LspSession> {
    const child = spawn(process.execPath, [IACSEC_BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
    );
    const session = new LspSession(child, connection);
    try {
      session.initializeSent = performance.now();
      await session.within(
        connection.sendRequest('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
          ...(initializationOptions === undefined ? {} : { initializationOptions }),
        }),
        'answer to initialize',
      );
      session.initializeAnswered = performance.now();
      await connection.sendNotification('initialized', {});
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  /** Milliseconds from sending `initialize` to its answer. */
  get initializeMs(): number {
    return this.initializeAnswered - this.initializeSent;
  }

  /** Milliseconds from sending `initialize` to `at`. */
  sinceInitialize(at: number): number {
    return at - this.initializeSent;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Opens a document; resolves with the milliseconds until its first diagnostics arrived. */
  async open(uri: string, text: string): Promise<number> {
    const sent = performance.now();
    return (await this.openedAt(uri, text)) - sent;
  }

  /** Opens a document; resolves with the time (performance.now()) its first diagnostics arrived. */
  async openedAt(uri: string, text: string): Promise<number> {
    const [arrived] = await Promise.all([
      this.diagnostics(uri, 1),
      this.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version: 1, text },
      }),
    ]);
    return arrived;
  }

  /** Sends a change; resolves with the milliseconds until that version's diagnostics arrived. */
  async change(uri: string, version: number, change: ContentChange): Promise<number> {
    const sent = performance.now();
    const [arrived] = await Promise.all([this.diagnostics(uri, version), this.send(uri, version, change)]);
    return arrived - sent;
  }

  send(uri: string, version: number, change: ContentChange): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [change],
    });
  }

  /** The time the diagnostics of `uri` at `version` arrived, now or later. */
  diagnostics(uri: string, version: number): Promise<number> {
    const accept = (published: Published): boolean => published.uri === uri && published.version === version;
    const found = this.published.find((entry) => accept(entry.params));
    if (found !== undefined) return Promise.resolve(found.at);
    if (this.gone !== undefined) return Promise.reject(new Error(this.gone));
    const waiting = new Promise<number>((resolve, reject) => this.waiters.add({ accept, resolve, reject }));
    return this.within(waiting, `diagnostics for ${path.basename(uri)} version ${version}`);
  }

  /** The versions of `uri` whose diagnostics were published, in order of arrival. */
  publishedVersions(uri: string): (number | undefined)[] {
    return this.published.filter((entry) => entry.params.uri === uri).map((entry) => entry.params.version);
  }

  /** Resident and peak memory of the server process in MB, where the OS tells (Linux). */
  memory(): { readonly rss: number; readonly peak: number } | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
      const [rss, peak] = [kb('VmRSS') / 1024, kb('VmHWM') / 1024];
      return Number.isFinite(rss) && Number.isFinite(peak) ? { rss, peak } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Asks the server to shut down, and kills it if it has not exited a few seconds later. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    if (this.gone === undefined) {
      try {
        await this.within(this.connection.sendRequest('shutdown'), 'answer to shutdown', 5_000);
        await this.connection.sendNotification('exit');
        await this.within(exited, 'exit after shutdown', 5_000);
      } catch {
        // The kill below ends it either way; the bench has its numbers or has already reported why not.
      }
    }
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    this.connection.dispose();
  }

  private within<T>(promise: Promise<T>, what: string, limit = WAIT_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`lsp bench: no ${what} within ${limit / 1000} s${this.stderrTail()}`)),
        limit,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private fail(reason: string): void {
    this.gone ??= `lsp bench: ${reason}${this.stderrTail()}`;
    for (const waiter of this.waiters) waiter.reject(new Error(this.gone));
    this.waiters.clear();
  }

  private stderrTail(): string {
    const tail = this.stderr.trim();
    return tail === '' ? '' : `; its stderr ended with:\n${tail}`;
  }
}
