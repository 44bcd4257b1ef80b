import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { type ContentChange, LspSession } from './lsp-session';
import { median, medianCpuMs, type MeasureOptions, ms, ratio } from './measure';

/**
 * What a user of the editor waits for: the bundled language server spoken to over stdio as an editor does, from
 * the moment a `didChange` leaves until the `publishDiagnostics` of that version arrives (wall time, so pipes,
 * JSON-RPC, the lint worker and the diagnostics conversion all count). The change is the one VS Code sends to a
 * server that declares incremental sync, as iacsec does: the range of the characters typed over, not the text. The bare js-yaml load it is
 * compared with is CPU time in this process, as the rest of the bench measures its baselines.
 */

const BURST = 20;
// Long enough for a lint the debounce should have swallowed to be published after the final one.
const BURST_SETTLE_MS = 500;

export interface LspLatencyOptions {
  /** How the template is named in the printed lines, e.g. `2,000`. */
  readonly label: string;
  readonly text: string;
  /** Timed edits after the warm-up. */
  readonly edits: number;
  /**
   * Untimed edits after the open, as the bare parse gets warm-up runs: the lint worker's first edits run code the
   * JIT has not optimized yet (the first few cost 1.5–3× the later ones).
   */
  readonly warmupEdits: number;
  /** The bare parse the latency is expressed in multiples of. */
  readonly bareParse: () => unknown;
  readonly measure: MeasureOptions;
}

/**
 * Typing over one numeric scalar near the middle and back, so that every edit is a real change: the change that
 * turns the text into the edited one, and the one that turns it back.
 */
function typingOver(text: string): readonly [ContentChange, ContentChange] {
  const scalar = /^( +[A-Za-z]+: )(\d+)$/m;
  const middle = text.indexOf('\n', text.length >> 1);
  const match = scalar.exec(text.slice(middle));
  if (match === null) throw new Error('lsp bench: no numeric scalar after the middle of the template to edit');
  const [, key = '', digits = ''] = match;
  const start = middle + match.index + key.length;
  const line = text.slice(0, start).split('\n').length - 1;
  const character = start - (text.lastIndexOf('\n', start - 1) + 1);
  const over = (was: string, typed: string): ContentChange => ({
    range: { start: { line, character }, end: { line, character: character + was.length } },
    text: typed,
  });
  const typed = String(Number(digits) + 1);
  return [over(digits, typed), over(typed, digits)];
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

function documentUri(directory: string, name: string): string {
  return pathToFileURL(path.join(directory, name)).href;
}

/** What the LSP latency rows measured, for the result file. */
export interface LspLatencyResult {
  readonly label: string;
  readonly bytes: number;
  /** The warm-up open's first diagnostics, ms. */
  readonly open: number;
  readonly median: number;
  readonly p90: number;
  /** The bare js-yaml load, CPU ms. */
  readonly bare: number;
  readonly rss?: number;
  readonly peak?: number;
  /** Lints a burst of edits cost, and how many it should. */
  readonly burstLints: number;
  readonly burstExpected: number;
}

type Edits = Omit<LspLatencyResult, 'burstLints' | 'burstExpected'>;

async function timedEdits(options: LspLatencyOptions, directory: string): Promise<Edits> {
  const session = await LspSession.start({ settings: { debounce: 0 } });
  try {
    const uri = documentUri(directory, 'latency.yaml');
    const [there, back] = typingOver(options.text);
    const first = await session.open(uri, options.text);
    const latencies: number[] = [];
    for (let edit = 0; edit < options.warmupEdits + options.edits; edit++) {
      const latency = await session.change(uri, edit + 2, edit % 2 === 0 ? there : back);
      if (edit >= options.warmupEdits) latencies.push(latency);
    }
    const memory = session.memory();
    const { bare } = medianCpuMs({ bare: options.bareParse }, options.measure);
    return {
      label: options.label,
      bytes: Buffer.byteLength(options.text),
      open: first,
      median: median(latencies),
      p90: percentile(latencies, 0.9),
      bare,
      ...(memory === undefined ? {} : { rss: memory.rss, peak: memory.peak }),
    };
  } finally {
    await session.close();
  }
}

/** With the default debounce, a burst of changes typed faster than it should cost one lint, of the final text. */
async function burst(options: LspLatencyOptions, directory: string): Promise<readonly (number | undefined)[]> {
  const session = await LspSession.start(undefined);
  try {
    const uri = documentUri(directory, 'burst.yaml');
    const [there, back] = typingOver(options.text);
    await session.open(uri, options.text);
    const sends: Promise<void>[] = [];
    for (let edit = 0; edit < BURST; edit++) sends.push(session.send(uri, edit + 2, edit % 2 === 0 ? there : back));
    await Promise.all(sends);
    await session.diagnostics(uri, BURST + 1);
    await delay(BURST_SETTLE_MS);
    return session.publishedVersions(uri).slice(1);
  } finally {
    await session.close();
  }
}

/** Runs both measurements, one server after the other, and prints them. */
export async function lspLatency(options: LspLatencyOptions, print: (line: string) => void): Promise<LspLatencyResult> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-lsp-bench-'));
  try {
    const edits = await timedEdits(options, directory);
    const versions = await burst(options, directory);
    print(
      `language server (bin/iacsec.js lsp --stdio, debounce 0), ${options.label} resources, YAML ` +
        `${Math.round(edits.bytes / 1024)} KB: didChange typing over a number (incremental sync) → publishDiagnostics, ` +
        `wall time over ${options.edits} edits after an open and ${options.warmupEdits} warm-up edits ` +
        `(first diagnostics ${ms(edits.open)} ms)`,
    );
    print(
      `edit→diagnostics (LSP, ${options.label} resources): median ${ms(edits.median)} ms = ` +
        `${ratio(edits.median / edits.bare)} a bare js-yaml load (${ms(edits.bare)} ms CPU); ` +
        `p90 ${ms(edits.p90)} ms = ${ratio(edits.p90 / edits.bare)}`,
    );
    print(
      edits.rss === undefined || edits.peak === undefined
        ? 'server memory: not measured (no /proc on this OS)'
        : `server memory after the edits: RSS ${edits.rss.toFixed(0)} MB, peak ${edits.peak.toFixed(0)} MB`,
    );
    print(
      `burst of ${BURST} edits → ${versions.length} lint${versions.length === 1 ? '' : 's'} ` +
        `(default debounce; versions published: ${versions.join(', ')}; expected only ${BURST + 1})`,
    );
    return { ...edits, burstLints: versions.length, burstExpected: 1 };
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
