import * as fs from 'node:fs';
import { ENGINE_RULE_IDS } from '../engine/suppressions/catalogue';
import { DEFAULT_LIMITS, ReadError } from '../parsing/errors';
import { readJson } from '../parsing/json';
import { readYaml } from '../parsing/yaml';
import { LineIndex } from '../report/positions';
import type { Rule } from '../rules/types';
import type { ConfigIssue, ConfigMessage, LintConfig } from './types';
import { validateConfig } from './validate';

/** The name looked up from a linted file's directory upwards. */
export const CONFIG_FILE_NAME = '.iacsec.yaml';

/** A configuration is a few lines; anything near this size is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type ParsedConfig =
  | { readonly kind: 'config'; readonly config: LintConfig; readonly warnings: readonly ConfigMessage[] }
  | { readonly kind: 'error'; readonly errors: readonly ConfigMessage[] };

/** Every id a setting or suppression in configuration may name. */
export function knownRuleIds(rules: readonly Rule[]): string[] {
  return [...rules.map((rule) => rule.meta.id), ...ENGINE_RULE_IDS];
}

/**
 * Reads and validates the text of a configuration file. It is read with the templates' own YAML reader, so every
 * node keeps its offset and each error points at the line and column at fault.
 */
export function parseConfig(rawText: string, file: string, rules: readonly Rule[]): ParsedConfig {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const index = new LineIndex(text);
  const located = (issue: ConfigIssue): ConfigMessage => ({
    file,
    ...index.position(issue.offset),
    code: 'parse',
    message: issue.message,
  });
  let root;
  try {
    root = readYaml(text, DEFAULT_LIMITS);
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    return {
      kind: 'error',
      errors: [located({ offset: error.offset, message: `invalid configuration: ${error.message}` })],
    };
  }
  const { config, errors, warnings } = validateConfig(root, knownRuleIds(rules));
  if (errors.length > 0) return { kind: 'error', errors: errors.map(located) };
  return { kind: 'config', config, warnings: warnings.map(located) };
}

/** Reads a configuration file synchronously (the library's `lintText`, which must stay synchronous). */
export function readConfigFileSync(file: string, rules: readonly Rule[]): ParsedConfig {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_CONFIG_BYTES)
      return readFailure(file, `over ${MAX_CONFIG_BYTES} bytes, too large for a configuration`);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return readFailure(file, describe(error));
  }
  return parseConfig(text, file, rules);
}

export function readFailure(file: string, message: string): ParsedConfig {
  return {
    kind: 'error',
    errors: [{ file, line: 1, column: 1, code: 'read', message: `cannot read configuration: ${message}` }],
  };
}

export function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/**
 * A configuration given as an object (the library's `config`) is held to the same schema: it goes through JSON
 * and the same validator. It has no file to point at, so an error throws, naming the key at fault.
 */
export function configFromObject(
  object: LintConfig,
  rules: readonly Rule[],
): { config: LintConfig; warnings: string[] } {
  const text = JSON.stringify(object) ?? 'null';
  const { config, errors, warnings } = validateConfig(readJson(text, DEFAULT_LIMITS), knownRuleIds(rules));
  if (errors.length > 0)
    throw new TypeError(`invalid iacsec configuration: ${errors.map((issue) => issue.message).join('; ')}`);
  return { config, warnings: warnings.map((issue) => issue.message) };
}
