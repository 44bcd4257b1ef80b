import type { RuleSetting } from '../engine/rule-set';
import { ruleMatcher } from '../engine/suppressions/patterns';
import type { Limits } from '../parsing/errors';
import { isMap, isScalar, isSeq, scalarText, type MapNode, type SourceNode } from '../parsing/nodes';
import type { ConfigIssue, LintConfig, ResourceSuppressionConfig } from './types';

const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info'];
const TOP_KEYS = ['rules', 'ignore', 'resources', 'limits'] as const;
const RESOURCE_KEYS = ['path', 'resource', 'rules', 'reason'] as const;

/** Configurable limits, each with a ceiling that keeps a configuration from disarming the guard it sets. */
export const LIMIT_CEILINGS: Readonly<Record<keyof Limits, number>> = {
  maxTemplateBytes: 512 * 1024 * 1024,
  maxPlanBytes: 2 * 1024 * 1024 * 1024,
  // Deeper than this and the readers' own recursion, not the limit, would decide.
  maxDepth: 1000,
  maxAliases: 100_000,
};

export interface Validated {
  readonly config: LintConfig;
  /** Anything wrong: the configuration is not used. */
  readonly errors: readonly ConfigIssue[];
  /** Doubtful but harmless, such as a rule id no rule has: said once, and the rest is used. */
  readonly warnings: readonly ConfigIssue[];
}

/**
 * Checks a configuration tree strictly: unknown keys, wrong types and unknown severities are errors with the
 * offset of the node at fault; a rule id or glob that names no rule is a warning (a typo, or a rule of a newer
 * version), never a crash. `known` is every id a setting may name.
 */
export function validateConfig(root: SourceNode, known: readonly string[]): Validated {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const fail = (node: SourceNode, message: string): undefined => void errors.push({ offset: node.start, message });
  const checkRuleNames = (node: SourceNode, pattern: string, where: string): void => {
    if (!known.some(ruleMatcher(pattern)))
      warnings.push({ offset: node.start, message: `${where}: '${pattern}' names no iacsec rule` });
  };
  const config: { -readonly [K in keyof LintConfig]: LintConfig[K] } = {};
  if (isScalar(root) && root.value === null) return { config, errors, warnings };
  if (!isMap(root)) {
    fail(root, `expected a map with any of ${list(TOP_KEYS)}`);
    return { config, errors, warnings };
  }
  for (const { key, value } of root.entries) {
    if (isScalar(value) && value.value === null) continue;
    switch (key.value) {
      case 'rules':
        config.rules = readRules(value, fail, checkRuleNames);
        break;
      case 'ignore':
        config.ignore = readIgnore(value, fail);
        break;
      case 'resources':
        config.resources = readResources(value, fail, checkRuleNames);
        break;
      case 'limits':
        config.limits = readLimits(value, fail);
        break;
      default:
        fail(key, `unknown key '${String(key.value)}' (expected ${list(TOP_KEYS)})`);
    }
  }
  return { config, errors, warnings };
}

type Fail = (node: SourceNode, message: string) => undefined;
type CheckRuleNames = (node: SourceNode, pattern: string, where: string) => void;

function readRules(
  node: SourceNode,
  fail: Fail,
  checkRuleNames: CheckRuleNames,
): Record<string, RuleSetting> | undefined {
  if (!isMap(node)) return fail(node, 'rules: expected a map of rule ids or globs to off, error, warning or info');
  const rules: Record<string, RuleSetting> = {};
  for (const { key, value } of node.entries) {
    const id = scalarText(key) ?? '';
    const text = scalarText(value);
    const setting = SETTINGS.find((candidate) => candidate === text);
    if (id.trim() === '') fail(key, 'rules: a rule id must not be empty');
    else if (setting === undefined) {
      const shown = text === undefined ? `a ${kindOf(value)}` : `'${text}'`;
      fail(value, `rules.${id}: unknown severity ${shown} (expected ${list(SETTINGS)})`);
    } else {
      checkRuleNames(key, id, `rules.${id}`);
      rules[id] = setting;
    }
  }
  return rules;
}

function readIgnore(node: SourceNode, fail: Fail): string[] | undefined {
  if (!isSeq(node)) return fail(node, 'ignore: expected a list of path globs');
  const patterns: string[] = [];
  node.items.forEach((item, i) => {
    const pattern = readString(item, `ignore[${i}]`, fail);
    if (pattern !== undefined && checkPath(pattern, `ignore[${i}]`, item, fail)) patterns.push(pattern);
  });
  return patterns;
}

function readResources(
  node: SourceNode,
  fail: Fail,
  checkRuleNames: CheckRuleNames,
): ResourceSuppressionConfig[] | undefined {
  if (!isSeq(node)) return fail(node, 'resources: expected a list of { path, resource, rules, reason }');
  const entries: ResourceSuppressionConfig[] = [];
  node.items.forEach((item, i) => {
    const where = `resources[${i}]`;
    if (!isMap(item)) return fail(item, `${where}: expected a map with ${list(RESOURCE_KEYS)}`);
    for (const { key } of item.entries) {
      if (!(RESOURCE_KEYS as readonly unknown[]).includes(key.value))
        fail(key, `${where}: unknown key '${String(key.value)}' (expected ${list(RESOURCE_KEYS)})`);
    }
    const pathNode = member(item, 'path');
    const path = pathNode === undefined ? undefined : readString(pathNode, `${where}.path`, fail);
    if (path !== undefined && pathNode !== undefined && !checkPath(path, `${where}.path`, pathNode, fail)) return;
    const resource = required(item, 'resource', where, fail, (value) => readString(value, `${where}.resource`, fail));
    const reason = required(item, 'reason', where, fail, (value) => readString(value, `${where}.reason`, fail));
    const rulesNode = member(item, 'rules');
    const rules = required(item, 'rules', where, fail, (value) => readStrings(value, `${where}.rules`, fail));
    if (rules !== undefined && rules.length === 0 && rulesNode !== undefined)
      fail(rulesNode, `${where}.rules: name at least one rule`);
    if (rulesNode !== undefined && isSeq(rulesNode)) {
      rulesNode.items.forEach((ruleNode, k) => {
        const pattern = scalarText(ruleNode);
        if (pattern !== undefined) checkRuleNames(ruleNode, pattern, `${where}.rules[${k}]`);
      });
    }
    if (resource === undefined || reason === undefined || rules === undefined || rules.length === 0) return;
    entries.push(path === undefined ? { resource, rules, reason } : { path, resource, rules, reason });
  });
  return entries;
}

function readLimits(node: SourceNode, fail: Fail): Partial<Limits> | undefined {
  const names = Object.keys(LIMIT_CEILINGS) as (keyof Limits)[];
  if (!isMap(node)) return fail(node, `limits: expected a map with any of ${list(names)}`);
  const limits: { -readonly [K in keyof Limits]?: number } = {};
  for (const { key, value } of node.entries) {
    const name = names.find((candidate) => candidate === key.value);
    if (name === undefined) {
      fail(key, `limits: unknown key '${String(key.value)}' (expected ${list(names)})`);
      continue;
    }
    const ceiling = LIMIT_CEILINGS[name];
    const number = isScalar(value) ? value.value : undefined;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > ceiling) {
      fail(value, `limits.${name}: expected a whole number from 1 to ${ceiling}`);
      continue;
    }
    limits[name] = number;
  }
  return limits;
}

function member(map: MapNode, key: string): SourceNode | undefined {
  return map.entries.find((entry) => entry.key.value === key)?.value;
}

function required<T>(
  map: MapNode,
  key: string,
  where: string,
  fail: Fail,
  read: (value: SourceNode) => T | undefined,
): T | undefined {
  const value = member(map, key);
  if (value === undefined) return fail(map, `${where}: '${key}' is required`);
  return read(value);
}

function readString(node: SourceNode, where: string, fail: Fail): string | undefined {
  const text = isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
  if (text === undefined || text === '') return fail(node, `${where}: expected a non-empty string`);
  return text;
}

function readStrings(node: SourceNode, where: string, fail: Fail): string[] | undefined {
  if (!isSeq(node)) return fail(node, `${where}: expected a list of strings`);
  const strings: string[] = [];
  node.items.forEach((item, i) => {
    const text = readString(item, `${where}[${i}]`, fail);
    if (text !== undefined) strings.push(text);
  });
  return strings;
}

/** Path globs are relative to the configuration's directory; a leading `/` or `!` would mean something else. */
function checkPath(pattern: string, where: string, node: SourceNode, fail: Fail): boolean {
  if (pattern.startsWith('/') || /^[A-Za-z]:[\\/]/.test(pattern))
    fail(node, `${where}: '${pattern}' must be relative to the configuration's directory`);
  else if (pattern.startsWith('!')) fail(node, `${where}: '${pattern}': negated patterns are not supported`);
  else return true;
  return false;
}

function kindOf(node: SourceNode): string {
  return node.kind === 'seq' ? 'list' : node.kind === 'map' ? 'map' : 'value';
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}
