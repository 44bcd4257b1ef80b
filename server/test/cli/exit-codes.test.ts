import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { CLI_MAIN, FIXTURES, makeTree, removeTree, runCli, scanJson, spawnCli, template } from './helpers';

/** A bucket whose `Tags` hold `levels` nested JSON lists: one level too many is over the depth limit. */
function nested(levels: number): string {
  const tags = `${'['.repeat(levels)}${']'.repeat(levels)}`;
  return `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"B":{"Type":"AWS::S3::Bucket","Properties":{"Tags":${tags}}}}}`;
}

describe('iacsec scan: exit codes', () => {
  it('0 for IaC files without findings', async () => {
    const { code, report } = await scanJson(['clean']);
    assert.equal(code, 0);
    assert.deepEqual([report.summary.files, report.findings, report.errors], [1, [], []]);
  });

  it('1 for a warning at the default threshold (warning)', async () => {
    assert.equal((await runCli(['scan', 'marked/warning.yaml'])).code, 1);
  });

  it('0 for an info below the default threshold, but it is still listed', async () => {
    const { code, report } = await scanJson(['marked/info.json']);
    assert.equal(code, 0);
    assert.deepEqual(
      report.findings.map((finding) => finding.ruleId),
      ['responsibility/test-info'],
    );
  });

  it('--severity info makes an info fail', async () => {
    assert.equal((await runCli(['scan', '--severity', 'info', 'marked/info.json'])).code, 1);
  });

  it('--severity error lets a warning pass but lists it, and fails on an error', async () => {
    const { code, report } = await scanJson(['--severity', 'error', 'marked/warning.yaml']);
    assert.equal(code, 0);
    assert.equal(report.findings.length, 1);
    assert.equal((await runCli(['scan', '--severity=error', 'marked'])).code, 1);
  });

  it('--severity sets only the exit code: every finding is listed whatever it is', async () => {
    const { report } = await scanJson(['--severity', 'error', 'marked']);
    assert.deepEqual(report.findings.map((finding) => finding.severity).sort(), ['error', 'info', 'warning']);
  });

  it('2 for a parse error, with its file, line and column', async () => {
    const { code, report } = await scanJson(['broken']);
    assert.equal(code, 2);
    assert.deepEqual(
      report.errors.map(({ file, line, column, code }) => ({ file, line, column, code })),
      [{ file: 'broken/stack.template', line: 6, column: 1, code: 'parse' }],
    );
    assert.equal(report.summary.files, 1);
  });

  it('2 wins over 1 when one file has findings and another cannot be parsed', async () => {
    const { code, report } = await scanJson(['marked', 'broken']);
    assert.equal(code, 2);
    assert.equal(report.findings.length, 3);
    assert.equal(report.errors.length, 1);
  });

  it('2 for a path that does not exist, reported as a read error naming it', async () => {
    const { code, report } = await scanJson(['clean', 'no/such/template.yaml']);
    assert.equal(code, 2);
    assert.deepEqual(report.errors, [
      { file: 'no/such/template.yaml', line: 1, column: 1, code: 'read', message: 'no such file or directory' },
    ]);
    assert.equal(report.summary.files, 1);
  });

  it('2 for a template over the size limit, named with its size and the limit, and nothing else of it', async () => {
    const big = `AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n${' '.repeat(21 * 1024 * 1024)}`;
    const root = await makeTree({ 'big.yaml': big });
    try {
      const { code, report } = await scanJson(['big.yaml', 'small.yaml'], { cwd: root });
      assert.equal(code, 2);
      assert.deepEqual(report.errors, [
        {
          file: 'big.yaml',
          line: 1,
          column: 1,
          code: 'limit',
          message:
            'file is 21 MB, over the 20 MB limit for templates; to lint it, raise limits.maxTemplateBytes in .iacsec.yaml',
        },
        { file: 'small.yaml', line: 1, column: 1, code: 'read', message: 'no such file or directory' },
      ]);
      assert.deepEqual([report.findings, report.summary.files], [[], 1]);
    } finally {
      await removeTree(root);
    }
  });

  it('2 for a size limit that .iacsec.yaml lowered, and 0 once it is raised again', async () => {
    const text = template('Test::Info');
    const root = await makeTree({ '.iacsec.yaml': 'limits:\n  maxTemplateBytes: 40\n', 'stack.yaml': text });
    try {
      const lowered = await scanJson(['stack.yaml'], { cwd: root });
      assert.equal(lowered.code, 2);
      assert.deepEqual(lowered.report.errors, [
        {
          file: 'stack.yaml',
          line: 1,
          column: 1,
          code: 'limit',
          message: `file is ${text.length} bytes, over the 40 bytes limit for templates; to lint it, raise limits.maxTemplateBytes in .iacsec.yaml`,
        },
      ]);
      await fs.writeFile(path.join(root, '.iacsec.yaml'), 'limits:\n  maxTemplateBytes: 4000\n');
      const raised = await scanJson(['stack.yaml'], { cwd: root });
      assert.deepEqual([raised.code, raised.report.errors.length, raised.report.findings.length], [0, 0, 1]);
    } finally {
      await removeTree(root);
    }
  });

  it('2 for a template nested deeper than the limit, at the bracket that crossed it', async () => {
    const root = await makeTree({ 'deep.json': nested(201), 'fine.json': nested(190) });
    try {
      const { code, report } = await scanJson(['deep.json', 'fine.json'], { cwd: root });
      assert.equal(code, 2);
      assert.deepEqual(report.errors, [
        // Four levels of maps hold the lists: the 197th "[" opens level 201.
        {
          file: 'deep.json',
          line: 1,
          column: 106 + 196,
          code: 'limit',
          message: 'nesting deeper than 200 levels; to lint it, raise limits.maxDepth in .iacsec.yaml',
        },
      ]);
      assert.equal(report.summary.files, 2);
    } finally {
      await removeTree(root);
    }
  });

  it('2 for a file it may not read, never "no problems" (as root, the real executable runs as nobody)', async function () {
    if (process.platform === 'win32') this.skip();
    const root = await makeTree({ 'locked.yaml': template('Test::Warning'), 'open.yaml': template('Test::Info') });
    try {
      await fs.chmod(path.join(root, 'locked.yaml'), 0o000);
      const expected = {
        file: 'locked.yaml',
        line: 1,
        column: 1,
        code: 'read',
        message: 'cannot read: permission denied',
      };
      if (process.getuid?.() !== 0) {
        const { code, report } = await scanJson(['.'], { cwd: root });
        assert.equal(code, 2);
        assert.deepEqual(report.errors, [expected]);
        assert.deepEqual(
          report.findings.map((finding) => `${finding.file} ${finding.ruleId}`),
          ['open.yaml responsibility/test-info'],
        );
        return;
      }
      // Root reads any file, so the check drops to an unprivileged user (util-linux's setpriv, on every Debian).
      await fs.chmod(root, 0o755);
      await fs.chmod(path.join(root, 'open.yaml'), 0o644);
      const { code, stdout } = await spawnAs(NOBODY, ['scan', '--format', 'json', '.'], root);
      const report = JSON.parse(stdout) as { errors: unknown[]; summary: { files: number } };
      assert.equal(code, 2);
      assert.deepEqual(report.errors, [expected]);
      assert.equal(report.summary.files, 2);
    } finally {
      await fs.chmod(path.join(root, 'locked.yaml'), 0o600);
      await removeTree(root);
    }
  });

  it('2 for a directory where a file is expected, naming it', async () => {
    const config = await runCli(['scan', '--config', 'clean', 'clean']);
    assert.deepEqual(config, {
      code: 2,
      stdout: '',
      stderr: "iacsec: --config clean: not a file\nRun 'iacsec scan --help' for usage.\n",
    });
    const output = await runCli(['scan', '--output', 'clean', 'marked']);
    assert.deepEqual(output, { code: 2, stdout: '', stderr: 'iacsec: cannot write clean: a directory, not a file\n' });
    const diff = await runCli(['diff', 'clean/encrypted-bucket.yaml', 'clean']);
    assert.deepEqual([diff.code, diff.stdout], [2, '']);
    assert.equal(diff.stderr, 'iacsec: clean:1:1: read error: a directory, not a file\n');
  });

  it('1, not 0, when a rule fails: the failure is a finding (IACSEC_FAULT_INJECT_RULE, in the real executable)', async () => {
    const env = { IACSEC_FAULT_INJECT_RULE: 'encryption/s3-bucket-encryption' };
    const outcome = await spawnCli(['scan', '--format', 'json', 'clean'], { env });
    assert.equal(outcome.code, 1);
    const report = JSON.parse(outcome.stdout) as { findings: { ruleId: string; line: number; message: string }[] };
    assert.deepEqual(
      report.findings.map(({ ruleId, line, message }) => ({ ruleId, line, message })),
      [
        {
          ruleId: 'iacsec/rule-failed',
          line: 4,
          message: 'Rule encryption/s3-bucket-encryption failed on Logs, so it was not checked: injected fault',
        },
      ],
    );
    assert.equal((await spawnCli(['scan', 'clean'])).code, 0);
  });

  it('--exit-zero gives 0 with findings and with unparseable files', async () => {
    assert.equal((await runCli(['scan', '--exit-zero', 'marked'])).code, 0);
    assert.equal((await runCli(['scan', '--exit-zero', 'broken', 'missing.yaml'])).code, 0);
  });

  it('2 for a usage error, even with --exit-zero, with a one-line message and a hint on stderr only', async () => {
    const outcome = await runCli(['scan', '--exit-zero', '--frmat', 'json', 'marked']);
    assert.equal(outcome.code, 2);
    assert.equal(outcome.stdout, '');
    assert.equal(outcome.stderr, "iacsec: unknown option '--frmat'\nRun 'iacsec scan --help' for usage.\n");
  });

  it('2 for unknown values and missing values', async () => {
    for (const argv of [
      ['scan', '--format', 'xml'],
      ['scan', '--severity', 'fatal'],
      ['scan', '--output'],
      ['scan', '--exit-zero=yes'],
      ['lint', '.'],
      ['--bogus'],
    ]) {
      const outcome = await runCli(argv);
      assert.equal(outcome.code, 2, argv.join(' '));
      assert.equal(outcome.stdout, '', argv.join(' '));
      assert.match(outcome.stderr, /^iacsec: .+\nRun 'iacsec (scan --help|help)' for usage\.\n$/, argv.join(' '));
    }
  });

  it('--config must name an existing file, and a file that is no configuration is a parse error', async () => {
    const missing = await runCli(['scan', '--config', 'no-such.iacsec.yaml', 'clean']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--config no-such\.iacsec\.yaml: no such file/);
    assert.equal((await runCli(['scan', '--config', 'clean', 'clean'])).code, 2);
    const template = await scanJson(['--config', 'clean/encrypted-bucket.yaml', 'clean']);
    assert.equal(template.code, 2);
    assert.deepEqual(
      template.report.errors.map(({ file, line, column, code }) => `${file}:${line}:${column} ${code}`),
      [
        'clean/encrypted-bucket.yaml:1:1 parse',
        'clean/encrypted-bucket.yaml:2:1 parse',
        'clean/encrypted-bucket.yaml:3:1 parse',
      ],
    );
    assert.deepEqual(template.report.summary.files, 0);
  });

  it('--include-suppressed is accepted (there is nothing suppressed to add yet)', async () => {
    const { code, report } = await scanJson(['--include-suppressed', 'marked/warning.yaml']);
    assert.equal(code, 1);
    assert.equal(report.summary.suppressed, 0);
  });

  it('scans the working directory when no path is named', async () => {
    const root = await makeTree({ 'stacks/a.yaml': template('Test::Warning'), 'b.json': '{"not": "iac"}' });
    try {
      const { code, report } = await scanJson([], { cwd: root });
      assert.equal(code, 1);
      assert.deepEqual(
        report.findings.map((finding) => finding.file),
        ['stacks/a.yaml'],
      );
      assert.equal(report.summary.files, 1);
    } finally {
      await removeTree(root);
    }
  });

  it('--output writes the report to the file and nothing to stdout', async () => {
    const root = await makeTree({});
    try {
      const output = path.join(root, 'report.json');
      const outcome = await runCli(['scan', '--format', 'json', '--output', output, 'marked']);
      assert.deepEqual([outcome.code, outcome.stdout, outcome.stderr], [1, '', '']);
      const report = JSON.parse(await fs.readFile(output, 'utf8')) as { summary: { findings: number } };
      assert.equal(report.summary.findings, 3);
      const missing = path.join(root, 'no', 'dir', 'r.txt');
      const unwritable = await runCli(['scan', '--output', missing, 'clean']);
      assert.deepEqual(unwritable, {
        code: 2,
        stdout: '',
        stderr: `iacsec: cannot write ${missing}: its directory does not exist\n`,
      });
      const underFile = path.join(output, 'r.txt');
      const notDirectory = await runCli(['scan', '--output', underFile, 'clean']);
      assert.equal(
        notDirectory.stderr,
        `iacsec: cannot write ${underFile}: a part of its path is a file, not a directory\n`,
      );
    } finally {
      await removeTree(root);
    }
  });

  it('resolves paths against the working directory it was given', async () => {
    const { report } = await scanJson([path.join(FIXTURES, 'marked', 'error.yaml')], {
      cwd: path.join(FIXTURES, 'clean'),
    });
    assert.deepEqual(
      report.findings.map((finding) => finding.file),
      ['../marked/error.yaml'],
    );
  });
});

/** The conventional unprivileged user. */
const NOBODY = 65534;

/** The real executable as another user, for a root test run that must see a permission error. */
function spawnAs(uid: number, args: readonly string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const ids = [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups'];
    const child = spawn('setpriv', [...ids, process.execPath, CLI_MAIN, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
  });
}
