import type { RuleSetting } from '../engine/rule-set';
import type { Limits } from '../parsing/errors';

/** A `resources` entry: the rules it names are suppressed (`by: 'config'`) on the resources it matches. */
export interface ResourceSuppressionConfig {
  /** Glob over file paths relative to the configuration's directory; every file when absent. */
  readonly path?: string;
  /** Logical id (or full Terraform address), or a glob over them. */
  readonly resource: string;
  /** Rule ids or globs (`encryption/*`). */
  readonly rules: readonly string[];
  readonly reason: string;
}

/** What `.iacsec.yaml` holds; the library takes the same shape as an object. */
export interface LintConfig {
  /** Severity or `off` by rule id or glob; an exact id beats a glob, and the more literal glob beats the less. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Globs of paths, relative to the configuration's directory, that directory walks skip. */
  readonly ignore?: readonly string[];
  readonly resources?: readonly ResourceSuppressionConfig[];
  /** Limits on size, nesting and aliases; unset ones keep their defaults. */
  readonly limits?: Partial<Limits>;
}

/** Something wrong (or doubtful) in a configuration, at an offset into its text. */
export interface ConfigIssue {
  readonly offset: number;
  readonly message: string;
}

/** A configuration issue positioned for people: the file and a 1-based line and column. */
export interface ConfigMessage {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** `parse` for a configuration that is invalid, `read` for one that cannot be read. */
  readonly code: 'parse' | 'read';
  readonly message: string;
}
