import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/run';
import type { ScanReport } from '../../src/report/types';
import type { Rule } from '../../src/rules/types';
import { TEST_RULES } from '../report/test-rules';

/** `server/` — the compiled tests run from `server/out/test/cli/`. */
export const SERVER_DIR = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(SERVER_DIR, 'test', 'fixtures', 'cli');
export const CLI_MAIN = path.join(SERVER_DIR, 'out', 'src', 'cli', 'main.js');

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly tty?: boolean;
  /** The catalogue; the test-only rules unless a test asks for the real one. */
  readonly rules?: readonly Rule[];
}

/** Runs the CLI in-process, capturing what it writes. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await run(
    argv,
    {
      cwd: options.cwd ?? FIXTURES,
      env: options.env ?? {},
      stdoutIsTTY: options.tty ?? false,
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    },
    options.rules ?? TEST_RULES,
  );
  return { code, stdout, stderr };
}

/** Runs `scan --format json` in-process and parses the report. */
export async function scanJson(
  args: readonly string[],
  options: RunOptions = {},
): Promise<{ code: number; report: ScanReport }> {
  const outcome = await runCli(['scan', '--format', 'json', ...args], options);
  return { code: outcome.code, report: JSON.parse(outcome.stdout) as ScanReport };
}

/** Runs the real executable in a child process, as CI does. */
export function spawnCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...options.env };
    // The parent may run on a colour terminal; the child must decide for itself from its own pipes.
    if (options.env?.['FORCE_COLOR'] === undefined) delete env['FORCE_COLOR'];
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      cwd: options.cwd ?? FIXTURES,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A fresh directory holding the given files (`/`-separated paths); directories are made as needed. */
export async function makeTree(files: Readonly<Record<string, string | Uint8Array>>): Promise<string> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'iacsec-cli-')));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, ...name.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  return root;
}

export async function removeTree(root: string): Promise<void> {
  await fs.rm(root, { recursive: true, force: true });
}

/** A small template whose findings are chosen by its test types (see test-rules.ts). */
export function template(...types: readonly string[]): string {
  const resources = types.map((type, i) => `  R${i}:\n    Type: ${type}\n`).join('');
  return `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
}
