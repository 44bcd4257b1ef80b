import { parseArgs } from 'node:util';
import { SEVERITIES, type Severity } from '../rules/types';

export type OutputFormat = 'stylish' | 'json';

export interface ScanCommand {
  readonly kind: 'scan';
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly output: string | undefined;
  readonly config: string | undefined;
  /** The lowest severity that makes the exit code 1; it never filters the output. */
  readonly severity: Severity;
  readonly exitZero: boolean;
  readonly includeSuppressed: boolean;
}

export type Command =
  | ScanCommand
  | { readonly kind: 'help'; readonly topic: 'iacsec' | 'scan' }
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

/** Commands of the contract that later issues implement; named here so the error says so, not "unknown". */
const LATER_COMMANDS: ReadonlySet<string> = new Set(['fix', 'diff', 'rules', 'explain', 'lsp']);
const LATER_FORMATS: ReadonlySet<string> = new Set(['sarif', 'junit']);
const FORMATS: readonly OutputFormat[] = ['stylish', 'json'];

/** Reads a command line (without `node` and the script); throws UsageError for anything it cannot run. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'missing' };
  if (first === '--help' || first === '-h') return { kind: 'help', topic: 'iacsec' };
  if (first === '--version') return { kind: 'version' };
  if (first === 'help') return { kind: 'help', topic: rest[0] === 'scan' ? 'scan' : 'iacsec' };
  if (first === 'scan') return parseScan(rest);
  if (LATER_COMMANDS.has(first)) throw new UsageError(`'${first}' is not available yet; this version has 'scan'`);
  if (first.startsWith('-'))
    throw new UsageError(`unknown option '${first}'; options follow a command, as in 'iacsec scan ${first}'`);
  throw new UsageError(`unknown command '${first}'`);
}

function parseScan(args: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        severity: { type: 'string' },
        'exit-zero': { type: 'boolean' },
        'include-suppressed': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw scanUsage(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help', topic: 'scan' };
  if (values.version === true) return { kind: 'version' };
  return {
    kind: 'scan',
    paths: positionals,
    format: parseFormat(values.format ?? 'stylish'),
    output: nonEmpty('--output', values.output),
    config: nonEmpty('--config', values.config),
    severity: parseSeverity(values.severity ?? 'warning'),
    exitZero: values['exit-zero'] === true,
    includeSuppressed: values['include-suppressed'] === true,
  };
}

function parseFormat(value: string): OutputFormat {
  const format = FORMATS.find((known) => known === value);
  if (format !== undefined) return format;
  if (LATER_FORMATS.has(value)) throw scanUsage(`--format ${value} is not available yet; use stylish or json`);
  throw scanUsage(`unknown format '${value}'; use stylish or json`);
}

function parseSeverity(value: string): Severity {
  const severity = SEVERITIES.find((known) => known === value);
  if (severity === undefined) throw scanUsage(`unknown severity '${value}'; use error, warning or info`);
  return severity;
}

function nonEmpty(option: string, value: string | undefined): string | undefined {
  if (value === '') throw scanUsage(`${option} needs a file name`);
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

function scanUsage(message: string): UsageError {
  return new UsageError(message, "Run 'iacsec scan --help' for usage.");
}
