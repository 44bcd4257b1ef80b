import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lsp-session';
import { median, ms, slope } from './measure';

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
    /** Documents of the first round; `MEASURED_ROUNDS` times as many follow, with a reading after each. */
    readonly documents: number;
    readonly documentBytes: number;
    /** RSS (MB) after one document, after the first round and after the last document. */
    readonly rssStart: number;
    readonly rssBefore: number;
    readonly rssAfter: number;
    /** RSS growth per document after the first round (least-squares slope), over the document's size. */
    readonly perDocument: number;
  };
}

const TARGET_PER_DOCUMENT = 20;
/** Rounds of documents the memory slope is taken over, after the first. */
const MEASURED_ROUNDS = 8;

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
        `${memory.documents + 1}, ${memory.rssAfter.toFixed(0)} MB with ${(MEASURED_ROUNDS + 1) * memory.documents + 1}: ` +
        `${memory.perDocument.toFixed(1)}× the document's size per document (slope after the first ${memory.documents}) ` +
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
 * garbage not yet collected, which comes and goes with each collection, and the heaps grow in steps of tens of
 * MB: after a first round of `count` documents, RSS is read after each of the next `MEASURED_ROUNDS × count`
 * documents and the growth is the least-squares slope through those readings. Over 8 documents the figure swung
 * 12–28× from run to run, as it caught a step or not; over 64 it stays within a few tenths.
 */
async function memoryPerDocument(options: LspStartupOptions, directory: string): Promise<LspStartupResult['memory']> {
  const { text, count } = options.memory;
  const session = await LspSession.start({ settings: { debounce: 0 } });
  try {
    await session.open(uri(directory, 'memory-0.yaml'), text);
    const start = session.memory();
    for (let i = 1; i <= count; i++) await session.open(uri(directory, `memory-${i}.yaml`), text);
    const readings = [session.memory()?.rss];
    for (let i = count + 1; i <= (MEASURED_ROUNDS + 1) * count; i++) {
      await session.open(uri(directory, `memory-${i}.yaml`), text);
      readings.push(session.memory()?.rss);
    }
    const rss = readings.filter((reading): reading is number => reading !== undefined);
    const [before, after] = [rss[0], rss[rss.length - 1]];
    if (start === undefined || before === undefined || after === undefined || rss.length !== readings.length)
      return undefined;
    const bytes = Buffer.byteLength(text);
    return {
      documents: count,
      documentBytes: bytes,
      rssStart: start.rss,
      rssBefore: before,
      rssAfter: after,
      perDocument:
        (slope(
          rss.map((_, index) => index),
          rss,
        ) *
          1024 *
          1024) /
        bytes,
    };
  } finally {
    await session.close();
  }
}

function uri(directory: string, name: string): string {
  return pathToFileURL(path.join(directory, name)).href;
}
