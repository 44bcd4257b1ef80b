import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parseCommand } from '../../src/cli/args';
import { run } from '../../src/cli/run';
import { HELP } from '../../src/cli/help';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { scanFile, type FileOutcome } from '../../src/cli/scan-file';
import { AHEAD, scanInParallel, type ParallelJob } from '../../src/cli/scan-pool';
import { parseJobs, scanThreads } from '../../src/cli/scan-threads';
import { referencesOf } from '../../src/report/convert';
import type { References, ScanReport } from '../../src/report/types';
import { allRules } from '../../src/rules/index';
import { synthesizeApp } from '../cdk/synth';
import { FIXTURES, makeTree, removeTree, runCli, SERVER_DIR, type Outcome } from './helpers';

const TERRAFORM = path.join(SERVER_DIR, 'test', 'fixtures', 'terraform');
const BUNDLED_CLI = path.join(SERVER_DIR, 'dist', 'cli.js');
const execute = promisify(execFile);

/** A monorepo of every kind the scan meets, with enough files that each worker gets several. */
async function monorepo(): Promise<string> {
  const read = (...parts: string[]): Promise<string> => fs.readFile(path.join(...parts), 'utf8');
  const openSsh = await read(FIXTURES, 'findings', 'open-ssh.yaml');
  const suppressed = openSsh.replace(
    '  Uploads:\n',
    '  # iacsec-ignore encryption/s3-bucket-encryption -- encrypted by the account default\n  Uploads:\n',
  );
  const files: Record<string, string> = {
    'broken/stack.template': await read(FIXTURES, 'broken', 'stack.template'),
    'clean/encrypted-bucket.yaml': await read(FIXTURES, 'clean', 'encrypted-bucket.yaml'),
    'marked/info.json': await read(FIXTURES, 'marked', 'info.json'),
    'not-iac/package.json': await read(FIXTURES, 'not-iac', 'package.json'),
    'terraform/plan.json': await read(TERRAFORM, 'plan.json'),
    'suppressed/stack.yaml': suppressed,
    // A configuration that turns a rule off, ignores a file and names a rule that does not exist (a warning).
    'configured/.iacsec.yaml':
      'rules:\n  firewall/security-group-open-admin-port: off\n  no-such/rule: error\nignore:\n  - skipped.yaml\n',
    'configured/stack.yaml': openSsh,
    'configured/skipped.yaml': openSsh,
    // A broken configuration: one error entry, and the files it governs are not linted.
    'misconfigured/.iacsec.yaml': 'rules: [not, a, map]\n',
    'misconfigured/stack.yaml': openSsh,
  };
  for (let i = 0; i < 16; i++) files[`many/${String(i).padStart(2, '0')}/stack.yaml`] = openSsh;
  return makeTree(files);
}

/** The same scan on one thread and on several (by option and by environment): every byte alike. */
async function assertSameScan(args: readonly string[], cwd: string): Promise<Outcome> {
  const scan = (extra: readonly string[], env: Record<string, string> = {}): Promise<Outcome> =>
    runCli(['scan', ...args, ...extra], { cwd, rules: allRules, env });
  const single = await scan(['--jobs', '1']);
  assert.deepEqual(await scan(['--jobs', '2']), single, `${args.join(' ')} --jobs 2`);
  assert.deepEqual(await scan([], { IACSEC_JOBS: '4' }), single, `${args.join(' ')} IACSEC_JOBS=4`);
  return single;
}

describe('iacsec scan on worker threads', function () {
  this.timeout(120_000);
  let root: string;

  before(async () => {
    root = await monorepo();
  });

  after(async () => {
    await removeTree(root);
  });

  it('writes the same JSON report, stderr and exit code with --jobs 1, --jobs 2 and IACSEC_JOBS=4', async () => {
    const outcome = await assertSameScan(['--format', 'json', '--include-suppressed', '.'], root);
    assert.equal(outcome.code, 2);
    assert.equal(
      outcome.stderr,
      "iacsec: warning: configured/.iacsec.yaml:3:3: rules.no-such/rule: 'no-such/rule' names no iacsec rule\n",
    );
    const report = JSON.parse(outcome.stdout) as ScanReport;
    const files = [...new Set(report.findings.map((finding) => finding.file))];
    assert.deepEqual(files, [
      'configured/stack.yaml',
      ...Array.from({ length: 16 }, (_, i) => `many/${String(i).padStart(2, '0')}/stack.yaml`),
      'suppressed/stack.yaml',
      'terraform/plan.json',
    ]);
    assert.deepEqual(
      report.errors.map((error) => `${error.file} ${error.code}`),
      ['broken/stack.template parse', 'misconfigured/.iacsec.yaml parse'],
    );
    assert.deepEqual(
      report.findings.filter((finding) => finding.suppressed !== undefined).map((finding) => finding.file),
      ['suppressed/stack.yaml'],
    );
  });

  it('prints the same stylish and SARIF output on one thread and on several', async () => {
    const stylish = await assertSameScan(['.'], root);
    assert.ok(
      stylish.stdout.includes('\nmany/15/stack.yaml\n  13:19  error    Ingress from 0.0.0.0/0 opens SSH'),
      stylish.stdout,
    );
    await assertSameScan(['--format', 'sarif', 'many', 'configured/stack.yaml', 'clean'], root);
  });

  it('lints a CDK assembly beside the files alike, its templates on the main thread', async () => {
    const { outdir } = await synthesizeApp();
    const project = path.join(root, 'app');
    await fs.mkdir(project);
    await fs.writeFile(path.join(project, 'cdk.json'), '{"app": "node bin/app.js"}\n');
    await fs.cp(outdir, path.join(project, 'cdk.out'), { recursive: true });
    try {
      const outcome = await assertSameScan(['--format', 'json', '.'], root);
      const report = JSON.parse(outcome.stdout) as ScanReport;
      assert.ok(
        report.findings.some(
          (finding) => finding.file.startsWith('app/cdk.out/') && finding.constructPath !== undefined,
        ),
        'CDK findings with their constructs',
      );
    } finally {
      await fs.rm(project, { recursive: true, force: true });
    }
  });

  it('starts the workers of the bundled CLI (server/dist/cli.js) from beside it', async () => {
    const bundled = (jobs: string): Promise<{ stdout: string; stderr: string }> =>
      execute(process.execPath, [BUNDLED_CLI, 'scan', '--format', 'json', '--jobs', jobs, '--exit-zero', 'many'], {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      });
    const [single, several] = await Promise.all([bundled('1'), bundled('3')]);
    // A worker that could not start would say so here.
    assert.deepEqual(several, single);
    assert.equal(single.stderr, '');
    assert.equal((JSON.parse(single.stdout) as ScanReport).summary.files, 16);
  });

  it('shows the progress line as the workers answer, and erases it', async () => {
    let time = 0;
    let stderr = '';
    const code = await run(
      ['scan', '--jobs', '2', '--format', 'json', 'clean', 'marked', 'not-iac'],
      {
        cwd: root,
        env: {},
        stdoutIsTTY: false,
        stderrIsTTY: true,
        // Each reading moves 600 ms: the line appears from the second file done on.
        now: () => (time += 600),
        stdout: () => undefined,
        stderr: (text) => (stderr += text),
      },
      allRules,
    );
    assert.equal(code, 0);
    const last = 'scanning… 3/3 files';
    assert.equal(stderr, `\rscanning… 2/3 files\r${last}\r${' '.repeat(last.length)}\r`);
  });

  it('refuses a --jobs or IACSEC_JOBS that is not a whole number of at least 1 or auto', async () => {
    assert.deepEqual(await runCli(['scan', '--jobs', '0', '.'], { cwd: root }), {
      code: 2,
      stdout: '',
      stderr: "iacsec: --jobs '0': use a whole number of at least 1, or auto\nRun 'iacsec scan --help' for usage.\n",
    });
    assert.deepEqual(await runCli(['scan', '.'], { cwd: root, env: { IACSEC_JOBS: 'many' } }), {
      code: 2,
      stdout: '',
      stderr:
        "iacsec: IACSEC_JOBS 'many': use a whole number of at least 1, or auto\nRun 'iacsec scan --help' for usage.\n",
    });
    assert.deepEqual(parseCommand(['scan', '-j', 'auto']), { ...parseCommand(['scan']), jobs: 'auto' });
    assert.throws(() => parseCommand(['fix', '--jobs', '2']), /unknown option '--jobs'/);
    assert.ok(HELP.scan.includes('\n  -j, --jobs N|auto '), 'scan --help');
    assert.ok(HELP.iacsec.includes('\nEnvironment: IACSEC_JOBS=N|auto '), 'iacsec --help');
  });
});

describe('scan threads', () => {
  it('reads --jobs values', () => {
    assert.deepEqual(['1', '16', ' 2 ', 'auto', '0', '-1', '1.5', '', 'two'].map(parseJobs), [
      1,
      16,
      2,
      'auto',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('uses the threads asked for, never more than the files; auto starts workers only for many files', () => {
    assert.deepEqual([scanThreads(4, 100, 2), scanThreads(4, 2, 2), scanThreads(1, 1000, 8)], [4, 2, 1]);
    assert.deepEqual(
      [10, 63, 64, 127, 128, 1000].map((files) => scanThreads('auto', files, 4)),
      [1, 1, 2, 2, 3, 3],
    );
    assert.deepEqual(
      [scanThreads('auto', 100_000, 64), scanThreads('auto', 1000, 3), scanThreads('auto', 1000, 2)],
      [8, 2, 1],
    );
  });
});

describe('the scan worker pool', function () {
  this.timeout(60_000);
  let root: string;
  const linter = new Linter(new RuleSet(allRules));

  before(async () => {
    root = await monorepo();
  });

  after(async () => {
    await removeTree(root);
  });

  async function jobsOf(): Promise<ParallelJob[]> {
    const names = (await fs.readdir(path.join(root, 'many'))).sort();
    return names.map((name, index) => ({
      index,
      file: path.join(root, 'many', name, 'stack.yaml'),
      shown: `many/${name}/stack.yaml`,
      local: false,
    }));
  }

  const references = (ruleId: string): References => referencesOf(linter.ruleSet.rule(ruleId));
  const serial = (jobs: readonly ParallelJob[]): Promise<FileOutcome[]> =>
    Promise.all(jobs.map((job) => scanFile(job.file, job.shown, linter)));
  /** What a worker answers: the outcome without the text it linted. */
  const withoutText = (outcome: FileOutcome): FileOutcome =>
    outcome.kind === 'linted' ? { kind: 'linted', linted: outcome.linted } : outcome;

  it('hands the first files to the worker, lints the next here, and answers every outcome at its index', async () => {
    const jobs = await jobsOf();
    const here: number[] = [];
    const warnings: string[] = [];
    const outcomes = await scanInParallel({
      jobs,
      workers: 1,
      data: { cwd: root },
      references,
      lintHere: (job) => {
        here.push(job.index);
        return scanFile(job.file, job.shown, linter);
      },
      warn: (message) => warnings.push(message),
    });
    // The worker is handed AHEAD files before this thread takes the next one.
    assert.equal(here[0], AHEAD);
    assert.deepEqual(
      here.filter((index) => index < AHEAD),
      [],
    );
    assert.deepEqual(
      outcomes.map((outcome) => outcome && withoutText(outcome)),
      (await serial(jobs)).map(withoutText),
    );
    assert.deepEqual(warnings, []);
  });

  it('lints on this thread what a worker that cannot start was given, and says so', async () => {
    const jobs = await jobsOf();
    const warnings: string[] = [];
    const outcomes = await scanInParallel({
      jobs,
      workers: 1,
      data: { cwd: root },
      references,
      lintHere: (job) => scanFile(job.file, job.shown, linter),
      warn: (message) => warnings.push(message),
      workerFile: path.join(root, 'no-such-worker.js'),
    });
    assert.deepEqual(outcomes, await serial(jobs));
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0] ?? '',
      /^a scan worker stopped \(.*no-such-worker\.js.*\); the 8 files it had left were linted on the main thread$/,
    );
  });

  it('hands nothing more out once asked to stop, and answers what was done', async () => {
    const jobs = await jobsOf();
    let stop = false;
    const outcomes = await scanInParallel({
      jobs,
      workers: 1,
      data: { cwd: root },
      references,
      lintHere: (job) => {
        stop = true;
        return scanFile(job.file, job.shown, linter);
      },
      shouldStop: () => stop,
    });
    const answered = outcomes.flatMap((outcome, index) => (outcome === undefined ? [] : [index]));
    // The worker's files were handed out before this thread took the next one and asked to stop.
    assert.deepEqual(
      answered,
      Array.from({ length: AHEAD + 1 }, (_, index) => index),
    );
  });
});
