import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ms, ratio } from './measure';
import { cfnGuard } from './peer-install';
import { iacsec, iacsecLinted, medianWall, type ProcessRun, timeProcess } from './processes';
import { table } from './table';

/*
 * The tools people run today, on the same files, whole process against whole process (wall time of
 * `iacsec scan FILE`): AWS's Python cfn-lint and cfn-guard with the AWS Control Tower rules. A peer that is not
 * installed, fails or runs past its timeout is said so, and the bench goes on.
 */

export interface PeerSubject {
  /** e.g. `ordinary (20)`, `500`. */
  readonly label: string;
  readonly resources: number;
  readonly yaml: string;
}

export interface PeersOptions {
  readonly subjects: readonly PeerSubject[];
  /** Timed runs per tool on subjects up to `repeatUpTo` resources; one run on larger ones. */
  readonly runs: number;
  readonly repeatUpTo: number;
  /** Per run; cfn-guard took 121 s on 2,000 resources here. */
  readonly timeoutMs: number;
  readonly print: (line: string) => void;
}

/** A peer's time on one subject, or why there is none. */
export type PeerTime = { readonly ms: number } | { readonly failure: string };

export interface PeerRow {
  readonly label: string;
  readonly resources: number;
  readonly bytes: number;
  readonly iacsec: PeerTime;
  readonly peers: Readonly<Record<string, PeerTime>>;
}

export interface PeersResult {
  /** Each peer's version line, or why it is missing. */
  readonly tools: Readonly<Record<string, string>>;
  readonly rows: readonly PeerRow[];
}

interface Peer {
  readonly name: string;
  readonly version: string;
  readonly command: (file: string) => [string, string[]];
  readonly ok: (run: ProcessRun) => boolean;
}

export function peers(options: PeersOptions): PeersResult {
  const { print } = options;
  const tools: Record<string, string> = {};
  const available: Peer[] = [];
  for (const found of [findCfnLint(), findCfnGuard()]) {
    if ('missing' in found) {
      tools[found.name] = `missing: ${found.missing}`;
      print(`\n${found.name}: not measured (${found.missing})`);
    } else {
      tools[found.name] = found.version;
      available.push(found);
    }
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-peers-'));
  try {
    const rows = options.subjects.map((subject) => {
      const file = path.join(directory, `template-${subject.resources}.yaml`);
      fs.writeFileSync(file, subject.yaml);
      const repeat = subject.resources <= options.repeatUpTo;
      const timing = { runs: repeat ? options.runs : 1, warmup: 0, timeoutMs: options.timeoutMs };
      const [command, args] = iacsec('scan', file, '--format', 'json');
      const own = wall(timing, command, args, iacsecLinted);
      const times: Record<string, PeerTime> = {};
      for (const peer of available) {
        const [peerCommand, peerArgs] = peer.command(file);
        times[peer.name] = wall(timing, peerCommand, peerArgs, peer.ok);
      }
      return {
        label: subject.label,
        resources: subject.resources,
        bytes: Buffer.byteLength(subject.yaml),
        iacsec: own,
        peers: times,
      };
    });
    print(
      `\npeers on the same YAML templates, whole process, wall time (median of ${options.runs} up to ` +
        `${options.repeatUpTo} resources, else one run; timeout ${options.timeoutMs / 1000} s)`,
    );
    for (const peer of available) print(`  ${peer.name}: ${peer.version}`);
    print('');
    const names = available.map((peer) => peer.name);
    const header = ['template', 'size', 'iacsec ms', ...names.flatMap((name) => [`${name} ms`, `× iacsec`])];
    for (const line of table(
      header,
      rows.map((row) => cells(row, names)),
    ))
      print(line);
    return { tools, rows };
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

function wall(
  timing: { runs: number; warmup: number; timeoutMs: number },
  command: string,
  args: readonly string[],
  ok: (run: ProcessRun) => boolean,
): PeerTime {
  const timed = medianWall(timing.runs, command, args, ok, { warmup: timing.warmup, timeoutMs: timing.timeoutMs });
  return 'failure' in timed ? { failure: timed.failure } : { ms: timed.ms };
}

function cells(row: PeerRow, names: readonly string[]): string[] {
  const own = 'ms' in row.iacsec ? row.iacsec.ms : undefined;
  return [
    row.label,
    `${Math.round(row.bytes / 1024)} KB`,
    own === undefined ? failed(row.iacsec) : ms(own),
    ...names.flatMap((name) => {
      const time = row.peers[name];
      if (time === undefined || !('ms' in time)) return [failed(time), ''];
      return [ms(time.ms), own === undefined ? '' : ratio(time.ms / own)];
    }),
  ];
}

function failed(time: PeerTime | undefined): string {
  return time === undefined ? 'not run' : 'failure' in time ? time.failure : '';
}

/** Python cfn-lint on PATH; its exit codes are bits (2 errors, 4 warnings, 8 informational), 1 a crash. */
function findCfnLint(): Peer | { name: string; missing: string } {
  const name = 'cfn-lint';
  const version = timeProcess('cfn-lint', ['--version'], { captureStdout: true, timeoutMs: 60_000 });
  if (version.failure !== undefined || version.status !== 0) {
    return { name, missing: version.failure ?? `cfn-lint --version exited ${version.status}` };
  }
  return {
    name,
    version: version.stdout.trim(),
    command: (file) => ['cfn-lint', ['--', file]],
    ok: (run) => run.status !== null && run.status !== 1,
  };
}

/** cfn-guard and the Control Tower rules from @cdklabs/cdk-validator-cfnguard; 19 means rules failed. */
function findCfnGuard(): Peer | { name: string; missing: string } {
  const name = 'cfn-guard';
  const guard = cfnGuard();
  if ('missing' in guard) return { name, missing: guard.missing };
  return {
    name,
    version: `${guard.version} with ${guard.rules} AWS Control Tower rules (@cdklabs/cdk-validator-cfnguard ${guard.package})`,
    command: (file) => [
      guard.binary,
      [
        'validate',
        '--rules',
        guard.rulesDirectory,
        '--data',
        file,
        '--output-format',
        'json',
        '--show-summary',
        'none',
        '--structured',
      ],
    ],
    ok: (run) => run.status === 0 || run.status === 19,
  };
}
