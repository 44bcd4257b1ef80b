import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CiScaleResult } from './ci-scale';
import type { LspLatencyResult } from './lsp-latency';
import type { LspStartupResult } from './lsp-startup';
import type { PeersResult } from './peers';
import type { RatioRow } from './ratio-table';
import { resultsMarkdown } from './results-markdown';
import type { StartupResult } from './startup';

/** Where `npm run bench` leaves its results: `bench/results/` at the root of the repository. */
export const RESULTS_DIRECTORY = path.resolve(__dirname, '../../../bench/results');

/** Everything one run measured, as written to `<name>.json`; sections a run skipped are absent. */
export interface BenchRecord {
  readonly date: string;
  readonly machine: {
    readonly node: string;
    readonly cpus: number;
    readonly cpu: string;
    readonly platform: string;
    /** One-minute load average when the run started and when it ended: wall times stretch with it. */
    readonly load: readonly number[];
  };
  readonly jsyaml: string;
  readonly rules: number;
  /** `full`, `quick` (--quick) or `partial` (--only). */
  readonly run: 'full' | 'quick' | 'partial';
  readonly flags: readonly string[];
  readonly seconds: number;
  cloudformation?: { readonly realistic: readonly RatioRow[]; readonly pathological: readonly RatioRow[] };
  terraform?: { readonly rows: readonly RatioRow[]; readonly pathological: readonly RatioRow[] };
  lsp?: { latency?: LspLatencyResult; startup?: LspStartupResult };
  ci?: CiScaleResult;
  peers?: PeersResult;
  startup?: StartupResult;
}

/**
 * Writes `<name>.json` and `<name>.md` (a short table per section) and answers their paths. A full run is
 * `latest`; quick and partial runs get names of their own, so they never replace a full run's numbers.
 */
export function writeResults(record: BenchRecord, directory = RESULTS_DIRECTORY): string[] {
  fs.mkdirSync(directory, { recursive: true });
  const name = record.run === 'full' ? 'latest' : record.run;
  const json = path.join(directory, `${name}.json`);
  const markdown = path.join(directory, `${name}.md`);
  fs.writeFileSync(json, `${JSON.stringify(record, rounded, 2)}\n`);
  fs.writeFileSync(markdown, resultsMarkdown(record));
  return [json, markdown];
}

/** Milliseconds and ratios to three significant decimals: the file is read by people and diffed in git. */
function rounded(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || Number.isInteger(value)) return value;
  return Number(value.toFixed(value >= 100 ? 1 : 3));
}
