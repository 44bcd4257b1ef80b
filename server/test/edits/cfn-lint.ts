import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** `cfn-lint 1.51.0`, or undefined when it is not on PATH. */
export function cfnLintVersion(): string | undefined {
  const run = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return run.error === undefined && run.status === 0 ? run.stdout.trim() : undefined;
}

interface CfnLintMatch {
  readonly Rule: { readonly Id: string };
  readonly Level: string;
  readonly Message: string;
  readonly Filename: string;
}

/**
 * cfn-lint's errors (not warnings or informational matches) for each file, as `<rule id> <message>`. Its
 * messages name template paths and values, not lines, so one file's errors compare with another's across an
 * edit. The files are split into `batches` runs side by side: cfn-lint is one single-threaded Python process,
 * and splitting costs little (160 corpus files: 15.7 s of CPU in one run, 16.8 s in two), so on two idle cores
 * two batches take little more than half the time. It runs in a directory of its own so that no `.cfnlintrc`
 * of the repository or the corpus changes its rules.
 */
export async function cfnLintErrors(files: readonly string[], batches: number): Promise<Map<string, string[]>> {
  const errors = new Map<string, string[]>(files.map((file) => [path.resolve(file), []]));
  if (files.length === 0) return errors;
  // Dealt out in turn, so that a stretch of large templates does not land in one batch.
  const count = Math.max(1, Math.min(batches, files.length));
  const dealt = Array.from({ length: count }, (_, batch) => files.filter((_, index) => index % count === batch));
  for (const matches of await Promise.all(dealt.map(runCfnLint))) {
    for (const match of matches) {
      if (match.Level !== 'Error') continue;
      const list = errors.get(path.resolve(match.Filename));
      if (list === undefined) throw new Error(`cfn-lint reported on a file it was not given: ${match.Filename}`);
      list.push(`${match.Rule.Id} ${match.Message}`);
    }
  }
  return errors;
}

/** The errors of `after` that `before` does not have, each error of `before` excusing one of `after`. */
export function addedErrors(before: readonly string[], after: readonly string[]): string[] {
  const known = [...before];
  return after.filter((error) => {
    const index = known.indexOf(error);
    if (index === -1) return true;
    known.splice(index, 1);
    return false;
  });
}

function runCfnLint(files: readonly string[]): Promise<CfnLintMatch[]> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-cfn-lint-cwd-'));
  const args = ['--format', 'json', '--non-zero-exit-code', 'none', '--', ...files.map((file) => path.resolve(file))];
  return new Promise((resolve, reject) => {
    const child = spawn('cfn-lint', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      fs.rmSync(cwd, { recursive: true, force: true });
      const stdout = Buffer.concat(out).toString('utf8');
      if (code !== 0) {
        reject(new Error(`cfn-lint exited with ${code}: ${Buffer.concat(err).toString('utf8')}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout === '' ? '[]' : stdout) as CfnLintMatch[]);
      } catch (error) {
        reject(new Error(`cfn-lint printed no JSON (${String(error)}): ${stdout.slice(0, 500)}`));
      }
    });
  });
}

/** A template and texts fixes made of it, to be judged by cfn-lint together. */
export interface CfnLintCase {
  /** Which part of a sweep the template belongs to, handed back with each addition. */
  readonly group: string;
  /** What failures show. */
  readonly shown: string;
  /** cfn-lint reads a file by its extension: the fixed texts keep the original's. */
  readonly extension: string;
  readonly original: string;
  readonly fixed: readonly { readonly application: string; readonly text: string }[];
}

/** One fixed text with cfn-lint errors its original did not have. */
export interface CfnLintAddition {
  readonly group: string;
  readonly shown: string;
  readonly application: string;
  readonly added: readonly string[];
}

/**
 * Writes every original and fixed text to a temporary directory, runs cfn-lint once over all of them (in
 * `batches` processes), and returns each fixed text that has an error its original did not have.
 */
export async function cfnLintAdditions(cases: readonly CfnLintCase[], batches: number): Promise<CfnLintAddition[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-fixed-'));
  try {
    const written = cases.map((entry, index) => {
      const name = (what: string): string => path.join(dir, `${index}-${what}${entry.extension}`);
      fs.writeFileSync(name('original'), entry.original);
      const fixed = entry.fixed.map((text, at) => {
        fs.writeFileSync(name(`fixed-${at}`), text.text);
        return { application: text.application, file: name(`fixed-${at}`) };
      });
      return { entry, original: name('original'), fixed };
    });
    const files = written.flatMap((entry) => [entry.original, ...entry.fixed.map((text) => text.file)]);
    const errors = await cfnLintErrors(files, batches);
    return written.flatMap(({ entry, original, fixed }) =>
      fixed.flatMap(({ application, file }) => {
        const added = addedErrors(errors.get(original) ?? [], errors.get(file) ?? []);
        return added.length === 0 ? [] : [{ group: entry.group, shown: entry.shown, application, added }];
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
