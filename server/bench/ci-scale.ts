import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanThreads } from '../src/cli/scan-threads';
import { bareParse } from './baseline';
import { median, ms, ratio } from './measure';
import { iacsec, iacsecLinted, interleavedWall } from './processes';
import { ciRepository, type RepositoryFile, type RepositoryKind, writeRepository } from './repository';
import { table } from './table';

/*
 * What a CI job waits for: `iacsec scan` of a whole repository, as a process from start to exit, against a bare
 * read and parse of the same files in one process (no start-up, no walk, no lint: the floor).
 */

export interface CiScaleOptions {
  readonly files: number;
  /** Timed runs of each scan, after one warm-up. */
  readonly runs: number;
  /** File counts at which `--jobs 1` and several threads are compared, to find where workers start to pay. */
  readonly sweep: readonly number[];
  readonly print: (line: string) => void;
}

export interface CiScan {
  readonly mode: string;
  readonly threads: number;
  readonly ms: number;
  readonly filesPerSecond: number;
}

export interface CiScaleResult {
  readonly files: number;
  readonly directories: number;
  readonly bytes: number;
  readonly kinds: Readonly<Record<string, number>>;
  /** IaC files the scan linted (`summary.files`) and the findings it reported. */
  readonly linted: number;
  readonly findings: number;
  readonly bare: { readonly ms: number; readonly filesPerSecond: number };
  readonly scans: readonly CiScan[];
  /** Whether `--jobs 1` and the default scan wrote byte-identical reports. */
  readonly identical: boolean;
  readonly sweep: readonly { readonly files: number; readonly single: number; readonly parallel: number }[];
  readonly sweepThreads: number;
}

export function ciScale(options: CiScaleOptions): CiScaleResult | undefined {
  const { print } = options;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-ci-bench-'));
  try {
    const files = ciRepository(options.files);
    writeRepository(root, files);
    const absolute = files.map((file) => path.join(root, ...file.path.split('/')));
    const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
    const directories = new Set(files.map((file) => path.posix.dirname(file.path))).size;
    const kinds = countKinds(files);
    print(
      `\nCI scale: iacsec scan of a generated repository of ${files.length.toLocaleString('en-US')} files in ` +
        `${directories} directories, ${(bytes / 1024 / 1024).toFixed(1)} MB (${describeKinds(kinds)}); ` +
        `whole process, wall time, median of ${options.runs}\n`,
    );
    const bare = bareReadAndParse(absolute, Math.max(3, options.runs));
    const modes = scanModes(files.length);
    // Beside the repository, not in it, so one scan does not read another's report.
    const reports = modes.map((_, index) => `${root}-report-${index}.json`);
    const timed = timeScans(
      root,
      modes.map((mode, index) => [...mode.args, '-o', reports[index] ?? '']),
      options.runs,
    );
    if ('failure' in timed) {
      print(`iacsec scan failed: ${timed.failure}`);
      return undefined;
    }
    const bytesOf = reports.map((file) => fs.readFileSync(file));
    const identical = bytesOf.every((report) => bytesOf[0]?.equals(report) === true);
    const report = JSON.parse(bytesOf[0]?.toString('utf8') ?? '{}') as { summary: { files: number; findings: number } };
    for (const file of reports) fs.rmSync(file, { force: true });
    const perSecond = (wall: number): number => (files.length / wall) * 1000;
    const scans: CiScan[] = modes.map((mode, index) => {
      const wall = timed[index] ?? Number.NaN;
      return { mode: mode.label, threads: mode.threads, ms: wall, filesPerSecond: perSecond(wall) };
    });
    const rows = [
      ['bare read + parse, in one process', '1', ms(bare), perSecond(bare).toFixed(0), ratio(1)],
      ...scans.map((scan) => [
        scan.mode,
        String(scan.threads),
        ms(scan.ms),
        scan.filesPerSecond.toFixed(0),
        ratio(scan.ms / bare),
      ]),
    ];
    for (const line of table(['', 'threads', 'wall ms', 'files/s', '× bare'], rows)) print(line);
    print(
      `${report.summary.files} IaC files linted, ${report.summary.findings.toLocaleString('en-US')} findings; ` +
        `reports of ${modes.map((mode) => mode.args.join(' ')).join(', ')} ${identical ? 'byte-identical' : 'DIFFER'}`,
    );
    const sweepThreads = Math.min(os.availableParallelism(), 4);
    const sweep = sweepThreads > 1 ? breakEven(root, absolute, options, sweepThreads) : [];
    return {
      files: files.length,
      directories,
      bytes,
      kinds,
      linted: report.summary.files,
      findings: report.summary.findings,
      bare: { ms: bare, filesPerSecond: perSecond(bare) },
      scans,
      identical,
      sweep,
      sweepThreads,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The scans timed: one thread, the default, and workers forced on when the default starts none (as on two cores),
 * so the pool is measured and its report compared on every machine.
 */
function scanModes(files: number): { label: string; args: string[]; threads: number }[] {
  const auto = scanThreads('auto', files);
  const forced = Math.max(2, Math.min(os.availableParallelism(), 4));
  return [
    { label: 'iacsec scan --jobs 1', args: ['--jobs', '1'], threads: 1 },
    { label: 'iacsec scan (--jobs auto, the default)', args: ['--jobs', 'auto'], threads: auto },
    ...(auto === forced
      ? []
      : [{ label: `iacsec scan --jobs ${forced}`, args: ['--jobs', String(forced)], threads: forced }]),
  ];
}

/** Wall time of reading and parsing every file, as a linter with no rules and no positions would. */
function bareReadAndParse(files: readonly string[], runs: number): number {
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    for (const file of files) bareParse(fs.readFileSync(file, 'utf8'), file);
    if (run > 0) times.push(performance.now() - started);
  }
  return median(times);
}

/** Median wall ms of `iacsec scan --format json` in `root`, once per set of arguments, run in turns. */
function timeScans(
  root: string,
  variants: readonly (readonly string[])[],
  runs: number,
): number[] | { readonly failure: string } {
  const commands = variants.map((extra) => iacsec('scan', '--format', 'json', ...extra));
  return interleavedWall(runs, commands, iacsecLinted, { cwd: root, timeoutMs: 600_000 });
}

/**
 * One thread against several on growing prefixes of the repository, named file by file: where the workers'
 * start-up is paid back. `scanThreads` starts workers from `AUTO_MIN_FILES` files on; this table is its evidence.
 */
function breakEven(
  root: string,
  files: readonly string[],
  options: CiScaleOptions,
  threads: number,
): { files: number; single: number; parallel: number }[] {
  const counts = options.sweep.filter((count) => count <= files.length);
  if (counts.length === 0) return [];
  const rows = counts.flatMap((count) => {
    const names = files.slice(0, count).map((file) => path.relative(root, file));
    const timed = timeScans(
      root,
      [
        ['--jobs', '1', ...names],
        ['--jobs', String(threads), ...names],
      ],
      options.runs,
    );
    const [single, parallel] = 'failure' in timed ? [] : timed;
    return single === undefined || parallel === undefined ? [] : [{ files: count, single, parallel }];
  });
  options.print(`\nwhere worker threads start to pay (iacsec scan FILE…, wall, median of ${options.runs})\n`);
  for (const line of table(
    ['files', '--jobs 1 ms', `--jobs ${threads} ms`, 'speed-up'],
    rows.map((row) => [String(row.files), ms(row.single), ms(row.parallel), ratio(row.single / row.parallel)]),
  ))
    options.print(line);
  return rows;
}

function countKinds(files: readonly RepositoryFile[]): Record<RepositoryKind, number> {
  const kinds: Record<RepositoryKind, number> = {
    'cfn yaml': 0,
    'cfn json': 0,
    'tf.json': 0,
    plan: 0,
    'other yaml': 0,
    'other json': 0,
  };
  for (const file of files) kinds[file.kind]++;
  return kinds;
}

function describeKinds(kinds: Record<RepositoryKind, number>): string {
  return [
    `${kinds['cfn yaml']} CloudFormation YAML`,
    `${kinds['cfn json']} JSON`,
    `${kinds['tf.json']} .tf.json`,
    `${kinds.plan} plans`,
    `${kinds['other yaml'] + kinds['other json']} not IaC`,
  ].join(', ');
}
