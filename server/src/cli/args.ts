import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SEVERITIES, type Severity } from '../rules/types';
import { parseJobs, type Jobs } from './scan-threads';

export type OutputFormat = 'stylish' | 'json' | 'sarif' | 'junit';
export type CatalogueFormat = 'stylish' | 'json';
export type HelpTopic = 'iacsec' | 'scan' | 'fix' | 'diff' | 'rules' | 'explain' | 'lsp';
export type DiffFormat = 'stylish' | 'json';

/** What `scan` and `fix` share: how the report is written and what the exit code means. */
export interface ReportOptions {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly output: string | undefined;
  readonly config: string | undefined;
  /** The lowest severity that makes the exit code 1; it never filters the output. */
  readonly severity: Severity;
  readonly exitZero: boolean;
  readonly includeSuppressed: boolean;
}

export interface ScanCommand extends ReportOptions {
  readonly kind: 'scan';
  /** `--jobs`; undefined when not given, for `IACSEC_JOBS` or `auto` to decide. */
  readonly jobs: Jobs | undefined;
}

export interface FixCommand extends ReportOptions {
  readonly kind: 'fix';
  /** Write nothing; print a unified diff of what would change. */
  readonly dryRun: boolean;
}

export interface DiffCommand {
  readonly kind: 'diff';
  readonly old: string;
  readonly new: string;
  readonly format: DiffFormat;
  readonly output: string | undefined;
  /** `--config FILE`: the configuration for both versions, instead of NEW's nearest `.iacsec.yaml`. */
  readonly config: string | undefined;
  /** The lowest severity of an introduced finding that makes the exit code 1. */
  readonly severity: Severity;
}

export interface RulesCommand {
  readonly kind: 'rules';
  readonly format: CatalogueFormat;
}

export interface ExplainCommand {
  readonly kind: 'explain';
  readonly ruleId: string;
}

export type Command =
  | { readonly kind: 'lsp' }
  | ScanCommand
  | FixCommand
  | DiffCommand
  | RulesCommand
  | ExplainCommand
  | { readonly kind: 'help'; readonly topic: HelpTopic }
  | { readonly kind: 'version' }
  /** No command at all: the help goes to stderr and the exit code is 2. */
  | { readonly kind: 'missing' };

/** A command line iacsec cannot run; `hint` names the help to read. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint = "Run 'iacsec help' for usage.",
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

const FORMATS: readonly OutputFormat[] = ['stylish', 'json', 'sarif', 'junit'];
const CATALOGUE_FORMATS: readonly CatalogueFormat[] = ['stylish', 'json'];
const DIFF_FORMATS: readonly DiffFormat[] = ['stylish', 'json'];
const TOPICS: readonly HelpTopic[] = ['scan', 'fix', 'diff', 'rules', 'explain', 'lsp'];

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies Options;

const REPORT_OPTIONS = {
  ...COMMON_OPTIONS,
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  severity: { type: 'string' },
  'exit-zero': { type: 'boolean' },
  'include-suppressed': { type: 'boolean' },
} as const satisfies Options;

const FIX_OPTIONS = { ...REPORT_OPTIONS, 'dry-run': { type: 'boolean' } } as const satisfies Options;

const SCAN_OPTIONS = { ...REPORT_OPTIONS, jobs: { type: 'string', short: 'j' } } as const satisfies Options;

/** Reads a command line (without `node` and the script); throws UsageError for anything it cannot run. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'missing' };
  if (first === '--help' || first === '-h') return { kind: 'help', topic: 'iacsec' };
  if (first === '--version') return { kind: 'version' };
  switch (first) {
    case 'help':
      return { kind: 'help', topic: TOPICS.find((topic) => topic === rest[0]) ?? 'iacsec' };
    case 'scan':
    case 'fix':
      return parseReportCommand(first, rest);
    case 'diff':
      return parseDiff(rest);
    case 'rules':
      return parseRules(rest);
    case 'explain':
      return parseExplain(rest);
    case 'lsp':
      return parseLsp(rest);
  }
  if (first.startsWith('-'))
    throw new UsageError(`unknown option '${first}'; options follow a command, as in 'iacsec scan ${first}'`);
  throw new UsageError(`unknown command '${first}'`);
}

function parseReportCommand(kind: 'scan' | 'fix', args: readonly string[]): Command {
  const { values, positionals } = parse(kind, args, kind === 'fix' ? FIX_OPTIONS : SCAN_OPTIONS);
  if (values.help === true) return { kind: 'help', topic: kind };
  if (values.version === true) return { kind: 'version' };
  const report: ReportOptions = {
    paths: positionals,
    format: pick(kind, '--format', stringValue(values.format) ?? 'stylish', FORMATS),
    output: nonEmpty(kind, '--output', stringValue(values.output)),
    config: nonEmpty(kind, '--config', stringValue(values.config)),
    severity: pick(kind, '--severity', stringValue(values.severity) ?? 'warning', SEVERITIES),
    exitZero: values['exit-zero'] === true,
    includeSuppressed: values['include-suppressed'] === true,
  };
  if (kind === 'fix') return { kind, ...report, dryRun: 'dry-run' in values && values['dry-run'] === true };
  const jobs = 'jobs' in values ? stringValue(values.jobs) : undefined;
  return { kind, ...report, jobs: jobs === undefined ? undefined : jobsValue(jobs, '--jobs') };
}

/** A `--jobs` or `IACSEC_JOBS` value, or a usage error naming where it came from. */
export function jobsValue(text: string, source: '--jobs' | 'IACSEC_JOBS'): Jobs {
  const jobs = parseJobs(text);
  if (jobs === undefined) throw usage('scan', `${source} '${text}': use a whole number of at least 1, or auto`);
  return jobs;
}

function parseDiff(args: readonly string[]): Command {
  const { values, positionals } = parse('diff', args, {
    ...COMMON_OPTIONS,
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    config: { type: 'string', short: 'c' },
    severity: { type: 'string' },
  });
  if (values.help === true) return { kind: 'help', topic: 'diff' };
  if (values.version === true) return { kind: 'version' };
  const [old, current, extra] = positionals;
  if (old === undefined || current === undefined || old === '' || current === '')
    throw usage('diff', 'diff needs two templates: iacsec diff OLD NEW');
  if (extra !== undefined) throw usage('diff', `diff takes two templates, not '${extra}' as well`);
  return {
    kind: 'diff',
    old,
    new: current,
    format: pick('diff', '--format', values.format ?? 'stylish', DIFF_FORMATS),
    output: nonEmpty('diff', '--output', values.output),
    config: nonEmpty('diff', '--config', values.config),
    severity: pick('diff', '--severity', values.severity ?? 'warning', SEVERITIES),
  };
}

function parseRules(args: readonly string[]): Command {
  const { values, positionals } = parse('rules', args, {
    ...COMMON_OPTIONS,
    format: { type: 'string', short: 'f' },
  });
  if (values.help === true) return { kind: 'help', topic: 'rules' };
  if (values.version === true) return { kind: 'version' };
  if (positionals.length > 0) throw usage('rules', `unexpected argument '${positionals[0] ?? ''}'`);
  return { kind: 'rules', format: pick('rules', '--format', values.format ?? 'stylish', CATALOGUE_FORMATS) };
}

function parseExplain(args: readonly string[]): Command {
  const { values, positionals } = parse('explain', args, COMMON_OPTIONS);
  if (values.help === true) return { kind: 'help', topic: 'explain' };
  if (values.version === true) return { kind: 'version' };
  const [ruleId, extra] = positionals;
  if (ruleId === undefined || ruleId === '')
    throw usage('explain', 'explain needs a rule id, as in encryption/s3-bucket-encryption');
  if (extra !== undefined) throw usage('explain', `explain takes one rule id, not '${extra}' as well`);
  return { kind: 'explain', ruleId };
}

function parseLsp(args: readonly string[]): Command {
  const { values, positionals } = parse('lsp', args, { ...COMMON_OPTIONS, stdio: { type: 'boolean' } });
  if (values.help === true) return { kind: 'help', topic: 'lsp' };
  if (values.version === true) return { kind: 'version' };
  if (positionals.length > 0) throw usage('lsp', `lsp takes no arguments, got '${positionals[0]}'`);
  if (values.stdio !== true) throw usage('lsp', 'lsp needs --stdio: the server talks LSP over stdin and stdout');
  return { kind: 'lsp' };
}

function parse<O extends Options>(command: HelpTopic, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw usage(command, describeParseError(error));
  }
}

/** parseArgs types values by the options' union; each caller knows which of its options are strings. */
function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function pick<T extends string>(command: HelpTopic, option: string, value: string, known: readonly T[]): T {
  const found = known.find((candidate) => candidate === value);
  if (found !== undefined) return found;
  const noun = option.slice(2);
  throw usage(command, `unknown ${noun} '${value}'; use ${list(known)}`);
}

function list(values: readonly string[]): string {
  return values.length < 2
    ? values.join('')
    : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1] ?? ''}`;
}

function nonEmpty(command: HelpTopic, option: string, value: string | undefined): string | undefined {
  if (value === '') throw usage(command, `${option} needs a file name`);
  return value;
}

/** node's own messages run to several sentences; the contract wants one line and a hint. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const text = error instanceof Error ? error.message : String(error);
  const option = /--[\w-]+/.exec(text)?.[0] ?? /'(-[^' ,]+)/.exec(text)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) return `unknown option '${option}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    return /does not take/.test(text) ? `option '${option}' takes no value` : `option '${option}' needs a value`;
  }
  return text.split('\n')[0] ?? text;
}

function usage(command: HelpTopic, message: string): UsageError {
  return new UsageError(message, `Run 'iacsec ${command} --help' for usage.`);
}
