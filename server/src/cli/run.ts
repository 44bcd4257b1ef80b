import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Linter } from '../engine/linter';
import { RuleSet } from '../engine/rule-set';
import { hasFindingAtOrAbove } from '../report/document';
import { toolVersion } from '../report/tool';
import type { ScanReport } from '../report/types';
import { allRules } from '../rules/index';
import type { Rule } from '../rules/types';
import { parseCommand, UsageError, type ScanCommand } from './args';
import { COLOURS, NO_COLOURS, useColour } from './color';
import { GENERAL_HELP, SCAN_HELP } from './help';
import { scan } from './scan';
import { formatStylish } from './stylish';

/** Everything the CLI touches of its process, so tests can run it in-process. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
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
        io.stderr(GENERAL_HELP);
        return EXIT_USAGE_OR_UNLINTED;
      case 'help':
        io.stdout(command.topic === 'scan' ? SCAN_HELP : GENERAL_HELP);
        return EXIT_CLEAN;
      case 'version':
        io.stdout(`${toolVersion()}\n`);
        return EXIT_CLEAN;
      case 'scan':
        return await runScan(command, io, rules);
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
  if (command.config !== undefined) await checkConfig(path.resolve(io.cwd, command.config), command.config);
  const linter = new Linter(new RuleSet(rules));
  const report = await scan(command.paths, { cwd: io.cwd, linter, includeSuppressed: command.includeSuppressed });
  const toFile = command.output !== undefined;
  const text = render(report, command, useColour(io.env, !toFile && io.stdoutIsTTY));
  if (command.output === undefined) {
    io.stdout(text);
  } else {
    try {
      await fs.writeFile(path.resolve(io.cwd, command.output), text);
    } catch (error) {
      io.stderr(`iacsec: cannot write ${command.output}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_USAGE_OR_UNLINTED;
    }
  }
  return exitCode(report, command);
}

function render(report: ScanReport, command: ScanCommand, colour: boolean): string {
  switch (command.format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'stylish':
      return formatStylish(report, colour ? COLOURS : NO_COLOURS);
  }
}

/** 2 when any IaC file went unlinted (it wins over 1), 1 for findings at or above the threshold, else 0. */
export function exitCode(report: ScanReport, options: Pick<ScanCommand, 'severity' | 'exitZero'>): number {
  if (options.exitZero) return EXIT_CLEAN;
  if (report.errors.length > 0) return EXIT_USAGE_OR_UNLINTED;
  return hasFindingAtOrAbove(report.findings, options.severity) ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** Configuration is read in a later version; until then a wrong path must still fail, not pass silently. */
async function checkConfig(absolute: string, given: string): Promise<void> {
  let isFile = false;
  try {
    isFile = (await fs.stat(absolute)).isFile();
  } catch {
    throw new UsageError(`--config ${given}: no such file`, "Run 'iacsec scan --help' for usage.");
  }
  if (!isFile) throw new UsageError(`--config ${given}: not a file`, "Run 'iacsec scan --help' for usage.");
}
