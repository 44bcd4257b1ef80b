import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { median } from './measure';

/** The executable users run (`npm i -g`, the GitHub Action): the bundled CLI behind its bin script. */
export const IACSEC_BIN = path.resolve(__dirname, '../../bin/iacsec.js');

export interface ProcessRun {
  /** Wall milliseconds from spawn to exit: what a user or a CI step waits for. */
  readonly ms: number;
  /** The exit code; null when killed. */
  readonly status: number | null;
  /** Why it did not run or was stopped (not found, timed out), when so. */
  readonly failure?: string;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ProcessOptions {
  readonly cwd?: string;
  readonly timeoutMs?: number;
  /** Keep stdout (else it goes to /dev/null, so a large report costs its writing but not a pipe). */
  readonly captureStdout?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Unmeasured runs first (default 1), which warm the file cache; 0 for peers that take minutes. */
  readonly warmup?: number;
}

/** Runs a command to its end (or its timeout) and times it. */
export function timeProcess(command: string, args: readonly string[], options: ProcessOptions = {}): ProcessRun {
  const started = performance.now();
  const run = spawnSync(command, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
    killSignal: 'SIGKILL',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', options.captureStdout === true ? 'pipe' : 'ignore', 'pipe'],
  });
  const ms = performance.now() - started;
  const stdout = run.stdout ?? '';
  const stderr = run.stderr ?? '';
  if (run.error !== undefined) {
    const code = (run.error as NodeJS.ErrnoException).code;
    const failure =
      code === 'ETIMEDOUT'
        ? `timed out after ${((options.timeoutMs ?? 300_000) / 1000).toFixed(0)} s`
        : code === 'ENOENT'
          ? 'not installed'
          : run.error.message;
    return { ms, status: run.status, failure, stdout, stderr };
  }
  return { ms, status: run.status, stdout, stderr };
}

/**
 * The median wall time of `runs` runs, after `warmup` unmeasured ones; the first failure instead when any run
 * fails (`ok` decides what counts as success: exit codes differ by tool).
 */
export function medianWall(
  runs: number,
  command: string,
  args: readonly string[],
  ok: (run: ProcessRun) => boolean,
  options: ProcessOptions = {},
): { readonly ms: number; readonly runs: readonly number[] } | { readonly failure: string } {
  const times: number[] = [];
  const warmup = options.warmup ?? 1;
  for (let i = 0; i < warmup + runs; i++) {
    const run = timeProcess(command, args, options);
    if (run.failure !== undefined) return { failure: run.failure };
    if (!ok(run)) return { failure: `exit ${run.status}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}` };
    if (i >= warmup) times.push(run.ms);
  }
  return { ms: median(times), runs: times };
}

/** `node IACSEC_BIN ...args`. */
export function iacsec(...args: string[]): [string, string[]] {
  return [process.execPath, [IACSEC_BIN, ...args]];
}

/** iacsec's exit codes for a run that linted everything: 0 clean, 1 findings. */
export function iacsecLinted(run: ProcessRun): boolean {
  return run.status === 0 || run.status === 1;
}

/**
 * Median wall times of several commands run in turns (a warm-up round, then `runs` rounds), so that a machine
 * that slows down or speeds up during the runs touches them all alike; the first failure instead when any fails.
 */
export function interleavedWall(
  runs: number,
  commands: readonly (readonly [string, readonly string[]])[],
  ok: (run: ProcessRun) => boolean,
  options: ProcessOptions = {},
): number[] | { readonly failure: string } {
  const times = commands.map((): number[] => []);
  for (let round = 0; round <= runs; round++) {
    for (const [index, [command, args]] of commands.entries()) {
      const run = timeProcess(command, args, options);
      if (run.failure !== undefined) return { failure: run.failure };
      if (!ok(run)) return { failure: `exit ${run.status}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}` };
      if (round > 0) times[index]?.push(run.ms);
    }
  }
  return times.map(median);
}
