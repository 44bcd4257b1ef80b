import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lsp-session';
import { median, ms } from './measure';

/*
 * Two things an editor user notices besides edit latency: how long a fresh language server takes to show the
 * first diagnostics of the file that was open when the editor started, and what each open document costs in
 * memory (target: at most 20 times the document's size).
 */

export interface LspStartupOptions {
  /** An ordinary template, opened right after `initialized`. */
  readonly ordinary: string;
  /** Fresh servers started, one after the other; the median is reported. */
  readonly sessions: number;
  /** The documents opened together for the memory rows. */
  readonly memory: { readonly label: string; readonly text: string; readonly count: number };
  readonly print: (line: string) => void;
}

export interface LspStartupResult {
  /** `initialize` sent → its answer, median ms. */
  readonly initialize: number;
  /** `initialize` sent → first diagnostics of the file opened after `initialized`, median ms. */
  readonly firstDiagnostics: number;
  readonly memory?: {
    /** Documents opened in each of the two rounds. */
    readonly documents: number;
    readonly documentBytes: number;
    /** RSS (MB) after one document, after the first round and after the second. */
    readonly rssStart: number;
    readonly rssBefore: number;
    readonly rssAfter: number;
    /** RSS growth over the second round, per document, over the document's size. */
    readonly perDocument: number;
  };
}

const TARGET_PER_DOCUMENT = 20;

export async function lspStartup(options: LspStartupOptions): Promise<LspStartupResult> {
  const { print } = options;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-lsp-startup-'));
  try {
    const initialize: number[] = [];
    const first: number[] = [];
    for (let i = 0; i < options.sessions; i++) {
      const session = await LspSession.start(undefined);
      try {
        const arrived = await session.openedAt(uri(directory, `ordinary-${i}.yaml`), options.ordinary);
        initialize.push(session.initializeMs);
        first.push(session.sinceInitialize(arrived));
      } finally {
        await session.close();
      }
    }
    const result = { initialize: median(initialize), firstDiagnostics: median(first) };
    print(
      `\nlanguage server start-up (median of ${options.sessions} fresh servers, ordinary template of ` +
        `${Math.round(Buffer.byteLength(options.ordinary) / 1024)} KB opened after initialized): ` +
        `initialize answered in ${ms(result.initialize)} ms, first diagnostics ${ms(result.firstDiagnostics)} ms ` +
        `after initialize (target ≤ 1000 ms: ${result.firstDiagnostics <= 1000 ? 'ok' : 'OVER'})`,
    );
    const memory = await memoryPerDocument(options, directory);
    if (memory === undefined) {
      print('memory per open document: not measured (no /proc on this OS)');
      return result;
    }
    print(
      `memory per open document (${options.memory.label} resources, ${Math.round(memory.documentBytes / 1024)} KB ` +
        `each): RSS ${memory.rssStart.toFixed(0)} MB with one open, ${memory.rssBefore.toFixed(0)} MB with ` +
        `${memory.documents + 1}, ${memory.rssAfter.toFixed(0)} MB with ${2 * memory.documents + 1}: ` +
        `${memory.perDocument.toFixed(1)}× the document's size per document ` +
        `(target ≤ ${TARGET_PER_DOCUMENT}×: ${memory.perDocument <= TARGET_PER_DOCUMENT ? 'ok' : 'OVER'})`,
    );
    return { ...result, memory };
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The server's RSS growth per open document, each with its diagnostics published, over the document's size. RSS
 * counts what the process holds (texts, what is kept for hovers and code actions, both threads' heaps) and
 * garbage not yet collected: the growth is taken over a second round of `count` documents, when the heaps have
 * grown to their working size and their garbage weighs about alike before and after, so what remains is what
 * the documents keep.
 */
async function memoryPerDocument(options: LspStartupOptions, directory: string): Promise<LspStartupResult['memory']> {
  const { text, count } = options.memory;
  const session = await LspSession.start({ settings: { debounce: 0 } });
  try {
    await session.open(uri(directory, 'memory-0.yaml'), text);
    const start = session.memory();
    for (let i = 1; i <= count; i++) await session.open(uri(directory, `memory-${i}.yaml`), text);
    const before = session.memory();
    for (let i = count + 1; i <= 2 * count; i++) await session.open(uri(directory, `memory-${i}.yaml`), text);
    const after = session.memory();
    if (start === undefined || before === undefined || after === undefined) return undefined;
    const bytes = Buffer.byteLength(text);
    return {
      documents: count,
      documentBytes: bytes,
      rssStart: start.rss,
      rssBefore: before.rss,
      rssAfter: after.rss,
      perDocument: ((after.rss - before.rss) * 1024 * 1024) / count / bytes,
    };
  } finally {
    await session.close();
  }
}

function uri(directory: string, name: string): string {
  return pathToFileURL(path.join(directory, name)).href;
}
