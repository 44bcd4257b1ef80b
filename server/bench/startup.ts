import * as fs from 'node:fs';
import * as path from 'node:path';
import { ms, ratio } from './measure';
import { iacsec, iacsecLinted, medianWall, type ProcessRun } from './processes';
import { table } from './table';

/*
 * What every invocation pays before any work: the CLI's start-up, as multiples of Node's own (`node -e 0`), and
 * the size of the bundles that are read and compiled on the way.
 */

export interface StartupOptions {
  /** An ordinary template, for a one-file scan. */
  readonly file: string;
  readonly runs: number;
  readonly print: (line: string) => void;
}

export interface StartupRow {
  readonly command: string;
  readonly ms: number;
  /** Multiples of `node -e 0`. */
  readonly nodes: number;
}

export interface StartupResult {
  readonly node: number;
  readonly rows: readonly StartupRow[];
  /** Bytes of each bundle in server/dist, the ones a scan does not load marked so. */
  readonly bundles: Readonly<Record<string, number>>;
}

const DIST = path.resolve(__dirname, '../../dist');
const anyExit = (run: ProcessRun): boolean => run.status === 0;

export function startup(options: StartupOptions): StartupResult | undefined {
  const { print } = options;
  const node = medianWall(options.runs, process.execPath, ['-e', '0'], anyExit);
  if ('failure' in node) {
    print(`\nstart-up: node -e 0 failed (${node.failure})`);
    return undefined;
  }
  const commands: [string, string[]][] = [
    ['iacsec --version', ['--version']],
    ['iacsec scan FILE --format json (FILE: an ordinary template)', ['scan', options.file, '--format', 'json']],
  ];
  const rows: StartupRow[] = [];
  for (const [label, args] of commands) {
    const [command, argv] = iacsec(...args);
    const timed = medianWall(options.runs, command, argv, iacsecLinted);
    if ('failure' in timed) print(`${label}: failed (${timed.failure})`);
    else rows.push({ command: label, ms: timed.ms, nodes: timed.ms / node.ms });
  }
  print(`\nstart-up: whole process, wall time, median of ${options.runs} after a warm-up run\n`);
  for (const line of table(
    ['command', 'wall ms', '× node -e 0'],
    [['node -e 0', ms(node.ms), ratio(1)], ...rows.map((row) => [row.command, ms(row.ms), ratio(row.nodes)])],
  ))
    print(line);
  const bundles = bundleSizes();
  print(
    `bundles: ${Object.entries(bundles)
      .map(([name, bytes]) => `${name} ${Math.round(bytes / 1024)} KB`)
      .join(', ')}`,
  );
  return { node: node.ms, rows, bundles };
}

function bundleSizes(): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const name of fs.readdirSync(DIST).sort()) {
    if (name.endsWith('.js')) sizes[name] = fs.statSync(path.join(DIST, name)).size;
  }
  return sizes;
}
