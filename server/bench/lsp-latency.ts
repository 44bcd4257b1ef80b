import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { median, medianCpuMs, type MeasureOptions, ms, ratio } from './measure';

/**
 * What a user of the editor waits for: the bundled language server spoken to over stdio as an editor does, from
 * the moment a full-text `didChange` leaves until the `publishDiagnostics` of that version arrives (wall time,
 * so pipes, JSON-RPC, the lint worker and the diagnostics conversion all count). The bare js-yaml load it is
 * compared with is CPU time in this process, as the rest of the bench measures its baselines.
 */

const BIN = path.resolve(__dirname, '../../bin/iacsec.js');
const WAIT_MS = 30_000;
const BURST = 20;
// Long enough for a lint the debounce should have swallowed to be published after the final one.
const BURST_SETTLE_MS = 500;

export interface LspLatencyOptions {
  /** How the template is named in the printed lines, e.g. `2,000`. */
  readonly label: string;
  readonly text: string;
  /** Timed edits after the warm-up. */
  readonly edits: number;
  /** The bare parse the latency is expressed in multiples of. */
  readonly bareParse: () => unknown;
  readonly measure: MeasureOptions;
}

interface Published {
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
class LspSession {
  private readonly published: { readonly params: Published; readonly at: number }[] = [];
  private readonly waiters = new Set<Waiter>();
  private stderr = '';
  private gone: string | undefined;

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
    const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
    );
    const session = new LspSession(child, connection);
    try {
      await session.within(
        connection.sendRequest('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
          ...(initializationOptions === undefined ? {} : { initializationOptions }),
        }),
        'answer to initialize',
      );
      await connection.sendNotification('initialized', {});
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async open(uri: string, text: string): Promise<number> {
    const sent = performance.now();
    const [arrived] = await Promise.all([
      this.diagnostics(uri, 1),
      this.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version: 1, text },
      }),
    ]);
    return arrived - sent;
  }

  /** Sends a full-text change; resolves with the milliseconds until that version's diagnostics arrived. */
  async change(uri: string, version: number, text: string): Promise<number> {
    const sent = performance.now();
    const [arrived] = await Promise.all([this.diagnostics(uri, version), this.send(uri, version, text)]);
    return arrived - sent;
  }

  send(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
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

/** The same text with one numeric scalar near the middle changed, so that every edit is a real change. */
function edited(text: string): string {
  const scalar = /^( +[A-Za-z]+: )(\d+)$/m;
  const middle = text.indexOf('\n', text.length >> 1);
  const match = scalar.exec(text.slice(middle));
  if (match === null) throw new Error('lsp bench: no numeric scalar after the middle of the template to edit');
  const [, key = '', digits = ''] = match;
  const start = middle + match.index + key.length;
  return `${text.slice(0, start)}${Number(digits) + 1}${text.slice(start + digits.length)}`;
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

function documentUri(directory: string, name: string): string {
  return pathToFileURL(path.join(directory, name)).href;
}

async function timedEdits(options: LspLatencyOptions, directory: string): Promise<string[]> {
  const session = await LspSession.start({ settings: { debounce: 0 } });
  try {
    const uri = documentUri(directory, 'latency.yaml');
    const changed = edited(options.text);
    const first = await session.open(uri, options.text);
    const latencies: number[] = [];
    for (let edit = 0; edit < options.edits; edit++) {
      latencies.push(await session.change(uri, edit + 2, edit % 2 === 0 ? changed : options.text));
    }
    const memory = session.memory();
    const { bare } = medianCpuMs({ bare: options.bareParse }, options.measure);
    const [mid, p90] = [median(latencies), percentile(latencies, 0.9)];
    return [
      `language server (bin/iacsec.js lsp --stdio, debounce 0), ${options.label} resources, YAML ` +
        `${Math.round(Buffer.byteLength(options.text) / 1024)} KB: full-text didChange → publishDiagnostics, ` +
        `wall time over ${options.edits} edits after a warm-up open (first diagnostics ${ms(first)} ms)`,
      `edit→diagnostics (LSP, ${options.label} resources): median ${ms(mid)} ms = ${ratio(mid / bare)} a bare ` +
        `js-yaml load (${ms(bare)} ms CPU); p90 ${ms(p90)} ms = ${ratio(p90 / bare)}`,
      memory === undefined
        ? 'server memory: not measured (no /proc on this OS)'
        : `server memory after the edits: RSS ${memory.rss.toFixed(0)} MB, peak ${memory.peak.toFixed(0)} MB`,
    ];
  } finally {
    await session.close();
  }
}

/** With the default debounce, a burst of changes typed faster than it should cost one lint, of the final text. */
async function burst(options: LspLatencyOptions, directory: string): Promise<string> {
  const session = await LspSession.start(undefined);
  try {
    const uri = documentUri(directory, 'burst.yaml');
    const changed = edited(options.text);
    await session.open(uri, options.text);
    const sends: Promise<void>[] = [];
    for (let edit = 0; edit < BURST; edit++)
      sends.push(session.send(uri, edit + 2, edit % 2 === 0 ? changed : options.text));
    await Promise.all(sends);
    await session.diagnostics(uri, BURST + 1);
    await delay(BURST_SETTLE_MS);
    const versions = session.publishedVersions(uri).slice(1);
    return (
      `burst of ${BURST} edits → ${versions.length} lint${versions.length === 1 ? '' : 's'} ` +
      `(default debounce; versions published: ${versions.join(', ')}; expected only ${BURST + 1})`
    );
  } finally {
    await session.close();
  }
}

/** Runs both measurements, one server after the other, and returns the lines to print. */
export async function lspLatency(options: LspLatencyOptions): Promise<string[]> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-lsp-bench-'));
  try {
    return [...(await timedEdits(options, directory)), await burst(options, directory)];
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
