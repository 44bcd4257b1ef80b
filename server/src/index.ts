/**
 * The library (`require('@iacsec/server')`, bundled to `dist/lib.js`): the same engine and the same objects as
 * `iacsec scan --format json`, for tools that would rather call a function than spawn a process.
 */
import * as path from 'node:path';
import { ActiveConfig } from './config/active';
import { configFromObject, readConfigFileSync } from './config/load';
import type { LintConfig } from './config/types';
import { Linter } from './engine/linter';
import { RuleSet } from './engine/rule-set';
import { scan } from './cli/scan';
import { displayPath, lintSource, scanError } from './report/convert';
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
export type { LintConfig, ResourceSuppressionConfig } from './config/types';

export interface LintTextOptions {
  /** The file's name: detection reads it (`*.template`, the extension), and findings carry it relative to cwd. */
  readonly file: string;
  /**
   * What `.iacsec.yaml` holds, as an object (relative paths against cwd), or the path of such a file. Nothing is
   * looked up: without it the defaults apply, so the result depends on the text alone.
   */
  readonly config?: LintConfig | string;
  /** Keep suppressed findings too, each with `suppressed: {by, reason}` (as `--include-suppressed`). */
  readonly includeSuppressed?: boolean;
}

export interface LintPathsOptions {
  /** Relative paths resolve against it, and report paths are relative to it; default `process.cwd()`. */
  readonly cwd?: string;
  /**
   * One configuration for every file, as an object or the path of a `.iacsec.yaml` (as `--config`). Without it,
   * each file's nearest `.iacsec.yaml` applies, as in `iacsec scan`.
   */
  readonly config?: LintConfig | string;
  /** List suppressed findings too (as `--include-suppressed`). */
  readonly includeSuppressed?: boolean;
}

/**
 * Lints one text, synchronously. A text that is not IaC gives no findings and no errors; an IaC text that
 * cannot be parsed or is over a limit gives one error.
 */
export function lintText(text: string, options: LintTextOptions): TextResult {
  const cwd = process.cwd();
  const file = path.resolve(cwd, options.file);
  let linter = new Linter(new RuleSet(allRules));
  if (typeof options.config === 'string') {
    const configFile = path.resolve(cwd, options.config);
    const parsed = readConfigFileSync(configFile, allRules);
    if (parsed.kind === 'error') {
      const errors = parsed.errors.map((error) =>
        scanError(displayPath(error.file, cwd), error.code, error.message, error),
      );
      return { findings: [], errors };
    }
    linter = new ActiveConfig(parsed.config, cwd, allRules, configFile).linterFor(file);
  } else if (options.config !== undefined) {
    linter = new ActiveConfig(configFromObject(options.config, allRules).config, cwd, allRules).linterFor(file);
  }
  const linted = lintSource(linter, text, options.file, displayPath(options.file, cwd));
  const findings =
    options.includeSuppressed === true
      ? linted.findings
      : linted.findings.filter((finding) => finding.suppressed === undefined);
  return { findings, errors: linted.errors };
}

/** Walks and lints files and directories as `iacsec scan` does, resolving to the whole JSON document. */
export function lintPaths(paths: readonly string[], options: LintPathsOptions = {}): Promise<ScanReport> {
  return scan(paths, {
    cwd: options.cwd ?? process.cwd(),
    linter: new Linter(new RuleSet(allRules)),
    config: options.config,
    includeSuppressed: options.includeSuppressed,
  });
}
