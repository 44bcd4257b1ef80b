import * as path from 'node:path';
import { diffTemplates, templateProblems, type DiffSide } from '../diff/diff-templates';
import type { DiffReport } from '../diff/types';
import { ConfigResolver } from '../config/lookup';
import { Linter } from '../engine/linter';
import { RuleSet } from '../engine/rule-set';
import { configLocation, displayPath, scanError } from '../report/convert';
import { hasFindingAtOrAbove } from '../report/document';
import { toolVersion } from '../report/tool';
import type { ScanError } from '../report/types';
import type { Rule } from '../rules/types';
import type { DiffCommand } from './args';
import { COLOURS, NO_COLOURS, useColour } from './color';
import { checkConfigFile, configWarning } from './config-option';
import { formatDiffStylish } from './diff-stylish';
import { readSource } from './read';
import { deliver } from './render';
import type { CliIo } from './run';

// As `scan`'s (run.ts), which imports this module.
const EXIT_CLEAN = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE_OR_UNREAD = 2;

const HINT = "Run 'iacsec diff --help' for usage.";

const ERROR_LABELS: { readonly [C in ScanError['code']]: string } = {
  read: 'read error',
  parse: 'parse error',
  limit: 'over a limit',
  internal: 'internal error',
};

/**
 * `iacsec diff OLD NEW`: reads both templates as a scan would, diffs them, and prints the report. A template
 * that cannot be read or parsed is an error with its position on stderr (exit 2); a file that is no
 * CloudFormation template, Terraform included, is a usage error. The configuration of NEW (`--config`, else its
 * nearest `.iacsec.yaml`) governs both versions, as if OLD stood where NEW stands: the same rules, severities,
 * limits and suppressions on each side, so a finding is introduced by the template's change, not by where OLD
 * was checked out. A broken configuration is an error (exit 2), as it is for `scan`.
 */
export async function runDiff(command: DiffCommand, io: CliIo, rules: readonly Rule[]): Promise<number> {
  const linter = await linterFor(command, io, rules);
  if (linter === undefined) return EXIT_USAGE_OR_UNREAD;
  const [before, after] = await Promise.all([readSide(command.old, io, linter), readSide(command.new, io, linter)]);
  if (before.kind !== 'side' || after.kind !== 'side') {
    // The template that could be read is checked too, so one run names every problem of both.
    for (const side of [before, after]) {
      const problems = side.kind === 'side' ? templateProblems(side.side, linter) : side;
      if (problems !== undefined) tell(problems, io);
    }
    return EXIT_USAGE_OR_UNREAD;
  }

  const outcome = await diffTemplates(before.side, after.side, { linter, version: toolVersion() });
  switch (outcome.kind) {
    case 'unsupported':
    case 'errors':
      tell(outcome, io);
      return EXIT_USAGE_OR_UNREAD;
    case 'report': {
      const { report } = outcome;
      const code = exitCode(report, command);
      const colour = useColour(io.env, command.output === undefined && io.stdoutIsTTY);
      const text =
        command.format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : formatDiffStylish(report, colour ? COLOURS : NO_COLOURS, code === EXIT_FAILED);
      return (await deliver(text, command.output, io)) ? code : EXIT_USAGE_OR_UNREAD;
    }
  }
}

/** 1 when the change gives more access or brings a finding at or above the threshold, else 0. */
export function exitCode(report: DiffReport, command: Pick<DiffCommand, 'severity'>): number {
  if (report.securityChanges.broadened) return EXIT_FAILED;
  return hasFindingAtOrAbove(report.introduced, command.severity) ? EXIT_FAILED : EXIT_CLEAN;
}

/** The linter NEW's configuration makes, or undefined when that configuration is broken (said on stderr). */
async function linterFor(command: DiffCommand, io: CliIo, rules: readonly Rule[]): Promise<Linter | undefined> {
  if (command.config !== undefined) await checkConfigFile(path.resolve(io.cwd, command.config), command.config, 'diff');
  const catalogue = new Linter(new RuleSet(rules));
  const configs = new ConfigResolver(catalogue, {
    cwd: io.cwd,
    explicit: command.config,
    warn: (issue) => configWarning(io.stderr)(`${configLocation(issue, io.cwd)}: ${issue.message}`),
  });
  const current = path.resolve(io.cwd, command.new);
  const outcome = await configs.forFile(current);
  switch (outcome.kind) {
    case 'none':
      return catalogue;
    case 'config':
      return outcome.active.linterFor(current);
    case 'error':
      for (const error of outcome.errors) {
        io.stderr(`iacsec: ${configLocation(error, io.cwd)}: configuration error: ${error.message}\n`);
      }
      return undefined;
  }
}

type ReadOutcome =
  | { readonly kind: 'side'; readonly side: DiffSide }
  | { readonly kind: 'errors'; readonly errors: readonly ScanError[] }
  | { readonly kind: 'unsupported'; readonly message: string };

async function readSide(file: string, io: CliIo, linter: Linter): Promise<ReadOutcome> {
  const absolute = path.resolve(io.cwd, file);
  const shown = displayPath(absolute, io.cwd);
  const source = await readSource(absolute, linter.limits.maxTemplateBytes, linter.limits.maxPlanBytes);
  switch (source.kind) {
    case 'text':
      return { kind: 'side', side: { text: source.text, file: absolute, shown } };
    case 'not-iac':
      return { kind: 'unsupported', message: `${shown} is not a CloudFormation template` };
    case 'error':
      return { kind: 'errors', errors: [scanError(shown, source.code, source.message, source.position)] };
  }
}

/** A template that is no CloudFormation is a usage error, with the hint; one that is broken says where. */
function tell(problems: Exclude<ReadOutcome, { kind: 'side' }>, io: CliIo): void {
  if (problems.kind === 'unsupported') {
    io.stderr(`iacsec: ${problems.message}\n${HINT}\n`);
    return;
  }
  for (const error of problems.errors) {
    io.stderr(`iacsec: ${error.file}:${error.line}:${error.column}: ${ERROR_LABELS[error.code]}: ${error.message}\n`);
  }
}
