import * as path from 'node:path';
import { Linter } from '../engine/linter';
import { RuleSet } from '../engine/rule-set';
import { hasFindingAtOrAbove } from '../report/document';
import { toolVersion } from '../report/tool';
import type { ScanReport } from '../report/types';
import { allRules } from '../rules/index';
import type { Rule } from '../rules/types';
import { jobsValue, parseCommand, UsageError, type FixCommand, type ReportOptions, type ScanCommand } from './args';
import { useColour } from './color';
import { checkConfigFile, configWarning } from './config-option';
import { runDiff } from './diff';
import { explain } from './explain';
import { fixDiff, fixPaths, fixSummary, writeFixes } from './fix';
import { HELP } from './help';
import { progressFor } from './progress';
import { deliver, render } from './render';
import { formatRules } from './rules';
import { scan } from './scan';
import type { Jobs } from './scan-threads';

/** Everything the CLI touches of its process, so tests can run it in-process. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal: only then does a long scan show a progress line. */
  readonly stderrIsTTY?: boolean;
  /** A monotonic clock in milliseconds, for the progress line; tests pass a fake one. */
  readonly now?: () => number;
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_UNLINTED = 2;

/**
 * Runs one command line and resolves to its exit code; it never exits the process, so piped output is never
 * cut short. `rules` is the catalogue to lint with (tests pass their own).
 */
export async function run(argv: readonly string[], io: CliIo, rules: readonly Rule[] = allRules): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'missing':
        io.stderr(HELP.iacsec);
        return EXIT_USAGE_OR_UNLINTED;
      case 'help':
        io.stdout(HELP[command.topic]);
        return EXIT_CLEAN;
      case 'version':
        io.stdout(`${toolVersion()}\n`);
        return EXIT_CLEAN;
      case 'scan':
        return await runScan(command, io, rules);
      case 'fix':
        return await runFix(command, io, rules);
      case 'diff':
        return await runDiff(command, io, rules);
      case 'rules':
        io.stdout(formatRules(rules, command.format));
        return EXIT_CLEAN;
      case 'lsp': {
        // Loaded only for this command, so scans do not pay for the protocol library; stdin keeps the process up.
        const { serveStdio } = await import('../lsp/stdio.js');
        serveStdio();
        return EXIT_CLEAN;
      }
      case 'explain': {
        const explanation = explain(command.ruleId, rules);
        if (explanation.kind === 'page') {
          io.stdout(explanation.text);
          return EXIT_CLEAN;
        }
        io.stderr(`iacsec: ${explanation.message}\nRun 'iacsec rules' for the list.\n`);
        return EXIT_USAGE_OR_UNLINTED;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`iacsec: ${error.message}\n${error.hint}\n`);
      return EXIT_USAGE_OR_UNLINTED;
    }
    io.stderr(`iacsec: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_USAGE_OR_UNLINTED;
  }
}

async function runScan(command: ScanCommand, io: CliIo, rules: readonly Rule[]): Promise<number> {
  const linter = await prepare(command, io, rules);
  const report = await withProgress(io, (onFile, stderr) =>
    scan(command.paths, {
      cwd: io.cwd,
      linter,
      includeSuppressed: command.includeSuppressed,
      onFile,
      jobs: jobsOf(command, io),
      ...configOf(command, stderr),
    }),
  );
  const text = render(report, command.format, { colour: colourFor(command, io), rules, cwd: io.cwd });
  if (!(await deliver(text, command.output, io))) return EXIT_USAGE_OR_UNLINTED;
  return exitCode(report, command);
}

/**
 * `iacsec fix`: fixes in memory and scans the result, then writes the files — or, with --dry-run, prints their
 * diff on stdout and leaves the report for --output, so the diff alone can be piped to `git apply`.
 */
async function runFix(command: FixCommand, io: CliIo, rules: readonly Rule[]): Promise<number> {
  const linter = await prepare(command, io, rules);
  const { report, fixed, notes } = await withProgress(io, (onFile, stderr) =>
    fixPaths(command.paths, {
      cwd: io.cwd,
      linter,
      includeSuppressed: command.includeSuppressed,
      onFile,
      ...configOf(command, stderr),
    }),
  );
  for (const note of notes) io.stderr(`iacsec: ${note}\n`);
  const failures = command.dryRun ? [] : await writeFixes(fixed);
  for (const failure of failures) io.stderr(`iacsec: ${failure}\n`);
  const overlay = command.dryRun ? new Map(fixed.map((entry) => [entry.shown, entry.after])) : undefined;
  const text = render(report, command.format, { colour: colourFor(command, io), rules, cwd: io.cwd, overlay });
  let delivered = true;
  if (command.dryRun) {
    io.stdout(fixDiff(fixed));
    if (command.output !== undefined) delivered = await deliver(text, command.output, io);
  } else {
    delivered = await deliver(text, command.output, io);
  }
  io.stderr(`${fixSummary(fixed, command.dryRun)}\n`);
  if (!delivered || failures.length > 0) return EXIT_USAGE_OR_UNLINTED;
  return exitCode(report, command);
}

async function prepare(command: ScanCommand | FixCommand, io: CliIo, rules: readonly Rule[]): Promise<Linter> {
  if (command.config !== undefined)
    await checkConfigFile(path.resolve(io.cwd, command.config), command.config, command.kind);
  return new Linter(new RuleSet(rules));
}

/**
 * Runs a scan with a progress line on stderr when stderr is a terminal; the line is erased however it ends.
 * What the scan has to say on stderr meanwhile goes through `stderr`, which erases the line first (the next
 * update draws it again), so a warning never lands in the middle of it.
 */
async function withProgress<T>(
  io: CliIo,
  work: (onFile: ((done: number, total: number) => void) | undefined, stderr: (text: string) => void) => Promise<T>,
): Promise<T> {
  const progress = progressFor(
    { isTTY: io.stderrIsTTY === true, write: io.stderr },
    io.now ?? (() => performance.now()),
  );
  const stderr = (text: string): void => {
    progress?.clear();
    io.stderr(text);
  };
  try {
    return await work(progress === undefined ? undefined : (done, total) => progress.update(done, total), stderr);
  } finally {
    progress?.clear();
  }
}

/** Only stylish output is ever coloured, and only when it goes to a terminal (or FORCE_COLOR says so). */
function colourFor(command: ReportOptions, io: CliIo): boolean {
  return useColour(io.env, command.output === undefined && io.stdoutIsTTY);
}

/** 2 when any IaC file went unlinted (it wins over 1), 1 for findings at or above the threshold, else 0. */
export function exitCode(report: ScanReport, options: Pick<ReportOptions, 'severity' | 'exitZero'>): number {
  if (options.exitZero) return EXIT_CLEAN;
  if (report.errors.length > 0) return EXIT_USAGE_OR_UNLINTED;
  return hasFindingAtOrAbove(report.findings, options.severity) ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** `--config` (else each file's nearest `.iacsec.yaml`), and where doubts about configuration are said. */
function configOf(
  command: ReportOptions,
  stderr: (text: string) => void,
): { config: string | undefined; warn: (message: string) => void } {
  return { config: command.config, warn: configWarning(stderr) };
}

/** `--jobs`, else `IACSEC_JOBS`, else `auto`. */
function jobsOf(command: ScanCommand, io: CliIo): Jobs {
  if (command.jobs !== undefined) return command.jobs;
  const env = io.env['IACSEC_JOBS'];
  if (env === undefined || env === '') return 'auto';
  return jobsValue(env, 'IACSEC_JOBS');
}
