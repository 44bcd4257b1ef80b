import * as path from 'node:path';
import { Linter } from '../engine/linter';
import { RuleSet, type RuleSetting } from '../engine/rule-set';
import { ENGINE_RULE_IDS } from '../engine/suppressions/catalogue';
import { globMatcher, isGlob, ruleMatcher, type Matcher } from '../engine/suppressions/patterns';
import type { ConfigSuppression } from '../engine/suppressions/types';
import { DEFAULT_LIMITS, type Limits } from '../parsing/errors';
import type { Rule } from '../rules/types';
import type { LintConfig } from './types';

interface ResourceEntry {
  /** Undefined: every file. */
  readonly path: Matcher | undefined;
  readonly suppression: ConfigSuppression;
}

/**
 * One configuration in use: its rule settings turned into one RuleSet, its `ignore` globs, and its `resources`
 * entries. Linters are built once per distinct set of `resources` entries that match a file (most files match
 * none and share one), and cached here, in an object the scan owns.
 */
export class ActiveConfig {
  private readonly ruleSet: RuleSet;
  private readonly ignores: readonly Matcher[];
  private readonly entries: readonly ResourceEntry[];
  private readonly linters = new Map<string, Linter>();

  constructor(
    readonly config: LintConfig,
    /** The directory relative paths are resolved against: the configuration file's, or the working directory. */
    readonly base: string,
    rules: readonly Rule[],
    /** The file it was read from; undefined for a configuration given as an object. */
    readonly file?: string,
    /**
     * The limits this configuration's `limits` override one by one: the defaults, or the editor's
     * `iacsec.limits.*` settings in the language server.
     */
    private readonly baseLimits: Limits = DEFAULT_LIMITS,
  ) {
    const ids = [...rules.map((rule) => rule.meta.id), ...ENGINE_RULE_IDS];
    this.ruleSet = new RuleSet(rules, resolveSettings(config.rules ?? {}, ids));
    this.ignores = (config.ignore ?? []).map((pattern) => globMatcher(pattern.replace(/\/+$/, '')));
    this.entries = (config.resources ?? []).map((entry) => ({
      path: entry.path === undefined ? undefined : globMatcher(entry.path),
      suppression: { resource: entry.resource, rules: entry.rules, reason: entry.reason },
    }));
  }

  /** The linter for one file: this configuration's rules and limits, and the `resources` entries matching it. */
  linterFor(file: string): Linter {
    const relative = this.relative(file);
    const matching = this.entries.flatMap((entry, index) =>
      entry.path === undefined || (relative !== undefined && entry.path(relative)) ? [index] : [],
    );
    const key = matching.join(',');
    let linter = this.linters.get(key);
    if (linter === undefined) {
      const suppressions = matching.map((index) => (this.entries[index] as ResourceEntry).suppression);
      linter = new Linter(this.ruleSet, { limits: { ...this.baseLimits, ...this.config.limits }, suppressions });
      this.linters.set(key, linter);
    }
    return linter;
  }

  /**
   * Whether `ignore` covers a path found under `root`, a directory named on the command line; paths outside the
   * configuration's directory never are. A pattern that covers the named root itself is set aside under it: the
   * user asked for that directory, so what only the same pattern ignores is scanned (as with `.gitignore`).
   */
  isIgnored(absolute: string, root: string): boolean {
    if (this.ignores.length === 0) return false;
    const relative = this.relative(absolute);
    if (relative === undefined) return false;
    const named = this.relative(root);
    return this.ignores.some((matches) => matches(relative) && (named === undefined || !matches(named)));
  }

  /** `/`-separated and relative to the base; undefined outside it. */
  private relative(absolute: string): string | undefined {
    const relative = path.relative(this.base, path.resolve(this.base, absolute));
    if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      return undefined;
    }
    return relative.split(path.sep).join('/');
  }
}

/**
 * Settings by exact id, from settings by id or glob. For each rule the most specific pattern wins: its exact id,
 * else the glob with the most literal characters (`encryption/s3-*` over `encryption/*` over `*`); between
 * equally specific globs, the one written later.
 */
export function resolveSettings(
  patterns: Readonly<Record<string, RuleSetting>>,
  ids: readonly string[],
): Record<string, RuleSetting> {
  const globs = Object.entries(patterns)
    .filter(([pattern]) => isGlob(pattern))
    .map(([pattern, setting], order) => ({
      matches: ruleMatcher(pattern),
      setting,
      weight: literalLength(pattern),
      order,
    }));
  const settings: Record<string, RuleSetting> = {};
  for (const id of ids) {
    const exact = Object.hasOwn(patterns, id) ? patterns[id] : undefined;
    if (exact !== undefined) {
      settings[id] = exact;
      continue;
    }
    let best: (typeof globs)[number] | undefined;
    for (const glob of globs) {
      if (glob.matches(id) && (best === undefined || glob.weight >= best.weight)) best = glob;
    }
    if (best !== undefined) settings[id] = best.setting;
  }
  return settings;
}

function literalLength(pattern: string): number {
  return pattern.replace(/[*?[\]{}()!+@|]/g, '').length;
}
