/**
 * The library (`require('@iacsec/server')`, bundled to `dist/lib.js`): the same engine and the same objects as
 * `iacsec scan --format json`, for tools that would rather call a function than spawn a process.
 */
import { Linter } from './engine/linter';
import { RuleSet, type RuleSetting } from './engine/rule-set';
import { scan } from './cli/scan';
import type { Limits } from './parsing/errors';
import { displayPath, lintSource } from './report/convert';
import type { ScanReport, TextResult } from './report/types';
import { allRules } from './rules/index';

export type {
  ErrorCode,
  Finding,
  FindingFix,
  References,
  RelatedLocation,
  Responsibility,
  ScanError,
  ScanReport,
  Severity,
  Summary,
  Suppression,
  TextResult,
  Theme,
  Tool,
} from './report/types';
export type { RuleSetting } from './engine/rule-set';
export type { Limits } from './parsing/errors';

/** Settings that `.iacsec.yaml` will carry; reading that file lands later, so for now they are passed in. */
export interface LintConfig {
  /** Severity or `off` by exact rule id. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Limits on size, nesting and aliases; unset ones keep their defaults. */
  readonly limits?: Partial<Limits>;
}

export interface LintTextOptions {
  /** The file's name: detection reads it (`*.template`, the extension), and findings carry it relative to cwd. */
  readonly file: string;
  readonly config?: LintConfig;
}

export interface LintPathsOptions {
  /** Relative paths resolve against it, and report paths are relative to it; default `process.cwd()`. */
  readonly cwd?: string;
  readonly config?: LintConfig;
  /** List suppressed findings too (as `--include-suppressed`). */
  readonly includeSuppressed?: boolean;
}

/**
 * Lints one text, synchronously. A text that is not IaC gives no findings and no errors; an IaC text that
 * cannot be parsed or is over a limit gives one error.
 */
export function lintText(text: string, options: LintTextOptions): TextResult {
  const linted = lintSource(linterFor(options.config), text, options.file, displayPath(options.file, process.cwd()));
  return { findings: linted.findings, errors: linted.errors };
}

/** Walks and lints files and directories as `iacsec scan` does, resolving to the whole JSON document. */
export function lintPaths(paths: readonly string[], options: LintPathsOptions = {}): Promise<ScanReport> {
  return scan(paths, {
    cwd: options.cwd ?? process.cwd(),
    linter: linterFor(options.config),
    includeSuppressed: options.includeSuppressed,
  });
}

function linterFor(config: LintConfig | undefined): Linter {
  return new Linter(new RuleSet(allRules, config?.rules), { limits: config?.limits });
}
