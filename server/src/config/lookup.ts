import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Linter } from '../engine/linter';
import type { Limits } from '../parsing/errors';
import type { Rule } from '../rules/types';
import { ActiveConfig } from './active';
import {
  CONFIG_FILE_NAME,
  configFromObject,
  describe,
  MAX_CONFIG_BYTES,
  parseConfig,
  readFailure,
  type ParsedConfig,
} from './load';
import type { ConfigMessage, LintConfig } from './types';

/** The configuration that governs a file: one in use, none (the defaults), or one that is broken. */
export type ConfigOutcome =
  | { readonly kind: 'config'; readonly active: ActiveConfig }
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly file: string; readonly errors: readonly ConfigMessage[] };

export interface ResolverOptions {
  readonly cwd: string;
  /**
   * `--config FILE` (relative to cwd) or an object: then it alone governs every file and nothing is looked up,
   * and its relative paths are relative to cwd (as eslint's `--config`), wherever the file is.
   */
  readonly explicit?: string | LintConfig;
  /** Told once about each configuration's warnings (rule ids that name no rule). */
  readonly warn?: (message: ConfigMessage) => void;
}

const NONE: ConfigOutcome = { kind: 'none' };

/**
 * Finds the configuration of each file: `--config`, or the nearest `.iacsec.yaml` from the file's directory up to
 * the filesystem root (the nearest wins whole; files are not merged). Answers are cached per directory in this
 * object, which one scan owns, so each configuration file is read and validated once per scan.
 */
export class ConfigResolver {
  private readonly byDirectory = new Map<string, Promise<ConfigOutcome>>();
  private readonly explicit: Promise<ConfigOutcome> | undefined;
  private readonly rules: readonly Rule[];
  /** The catalogue linter's limits: what a configuration's own `limits` override. */
  private readonly limits: Limits;

  constructor(
    /** Its rules are what configurations choose from, and its limits apply where a configuration sets none. */
    catalogue: Linter,
    private readonly options: ResolverOptions,
  ) {
    this.rules = catalogue.ruleSet.rules;
    this.limits = catalogue.limits;
    const explicit = options.explicit;
    if (typeof explicit === 'string') this.explicit = this.load(path.resolve(options.cwd, explicit), true);
    else if (explicit !== undefined) {
      const { config, warnings } = configFromObject(explicit, this.rules);
      for (const message of warnings) options.warn?.({ file: '(config)', line: 1, column: 1, code: 'parse', message });
      const active = new ActiveConfig(config, options.cwd, this.rules, undefined, this.limits);
      this.explicit = Promise.resolve({ kind: 'config', active });
    }
  }

  forFile(file: string): Promise<ConfigOutcome> {
    return this.forDirectory(path.dirname(path.resolve(this.options.cwd, file)));
  }

  forDirectory(dir: string): Promise<ConfigOutcome> {
    if (this.explicit !== undefined) return this.explicit;
    let outcome = this.byDirectory.get(dir);
    if (outcome === undefined) {
      outcome = this.lookUp(dir);
      this.byDirectory.set(dir, outcome);
    }
    return outcome;
  }

  /**
   * Whether the configuration of a path's directory ignores it, found in a walk of `root` (a broken configuration
   * ignores nothing).
   */
  async isIgnored(absolute: string, root: string): Promise<boolean> {
    const outcome = await this.forDirectory(path.dirname(absolute));
    return outcome.kind === 'config' && outcome.active.isIgnored(absolute, root);
  }

  private async lookUp(dir: string): Promise<ConfigOutcome> {
    const own = await this.load(path.join(dir, CONFIG_FILE_NAME), false);
    if (own.kind !== 'none') return own;
    const parent = path.dirname(dir);
    return parent === dir ? NONE : this.forDirectory(parent);
  }

  /** Reads one configuration file; a missing one is `none` when looked up, an error when named. */
  private async load(file: string, named: boolean): Promise<ConfigOutcome> {
    let parsed: ParsedConfig;
    try {
      const stats = await fs.stat(file);
      if (!stats.isFile()) return named ? this.settle(file, readFailure(file, 'not a file'), named) : NONE;
      if (stats.size > MAX_CONFIG_BYTES)
        parsed = readFailure(file, `over ${MAX_CONFIG_BYTES} bytes, too large for a configuration`);
      else parsed = parseConfig(await fs.readFile(file, 'utf8'), file, this.rules);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (!named && (code === 'ENOENT' || code === 'ENOTDIR')) return NONE;
      parsed = readFailure(file, describe(error));
    }
    return this.settle(file, parsed, named);
  }

  private settle(file: string, parsed: ParsedConfig, named: boolean): ConfigOutcome {
    if (parsed.kind === 'error') return { kind: 'error', file, errors: parsed.errors };
    for (const warning of parsed.warnings) this.options.warn?.(warning);
    // A looked-up file's paths are relative to its own directory; a named one's to the working directory.
    const base = named ? this.options.cwd : path.dirname(file);
    return { kind: 'config', active: new ActiveConfig(parsed.config, base, this.rules, file, this.limits) };
  }
}
