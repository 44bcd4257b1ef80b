import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, removeTree, runCli, scanJson, SERVER_DIR, template } from './helpers';

const ESCAPE = '\u001b[';

describe('iacsec scan: output', () => {
  describe('--format json', () => {
    it('prints one document with the contract keys, relative /-separated paths and sorted findings', async () => {
      const { report } = await scanJson(['marked', 'clean', 'not-iac']);
      assert.deepEqual(Object.keys(report), ['version', 'tool', 'findings', 'errors', 'summary']);
      assert.equal(report.version, 1);
      assert.equal(report.tool.name, 'iacsec');
      assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
      assert.deepEqual(
        report.findings.map(
          ({ file, line, column, endLine, endColumn, ruleId }) =>
            `${file} ${line}:${column}-${endLine}:${endColumn} ${ruleId}`,
        ),
        [
          'marked/error.yaml 3:3-3:7 responsibility/test-error',
          'marked/info.json 4:5-4:12 responsibility/test-info',
          'marked/warning.yaml 3:3-3:10 responsibility/test-warning',
        ],
      );
      assert.deepEqual(report.summary, {
        files: 4,
        findings: 3,
        errors: 0,
        suppressed: 0,
        bySeverity: { error: 1, warning: 1, info: 1 },
      });
    });

    it('gives every finding the contract fields with their types', async () => {
      const { report } = await scanJson(['marked']);
      for (const finding of report.findings) {
        assert.deepEqual(Object.keys(finding), [
          'ruleId',
          'messageId',
          'severity',
          'theme',
          'responsibility',
          'message',
          'file',
          'line',
          'column',
          'endLine',
          'endColumn',
          'resource',
          'fixes',
          'references',
        ]);
        for (const key of ['line', 'column', 'endLine', 'endColumn'] as const)
          assert.ok(Number.isInteger(finding[key]) && finding[key] >= 1);
        assert.deepEqual(Object.keys(finding.references), ['checkov', 'cfnNag', 'kics', 'cdkNag', 'trivy']);
        assert.ok(Array.isArray(finding.fixes));
        assert.equal(typeof finding.resource?.id, 'string');
      }
      const info = report.findings.find((finding) => finding.severity === 'info');
      assert.deepEqual(info?.resource, { id: 'Quiet', type: 'Test::Info' });
      assert.equal(info?.message, 'Quiet is marked info');
    });

    it('prints a clean scan as an empty document, never as nothing', async () => {
      const { code, report } = await scanJson(['not-iac']);
      assert.equal(code, 0);
      assert.deepEqual([report.findings, report.errors, report.summary.files], [[], [], 0]);
    });
  });

  describe('--format stylish (the default)', () => {
    it('lists each file, then line:col, severity, message and rule id, then the total', async () => {
      const { stdout } = await runCli(['scan', 'marked', 'broken']);
      assert.equal(
        stdout,
        [
          '',
          'broken/stack.template',
          '  6:1  error  Parse error: unexpected end of the stream within a flow collection in YAML',
          '',
          'marked/error.yaml',
          '  3:3  error  Loud is marked error  responsibility/test-error',
          '',
          'marked/info.json',
          '  4:5  info  Quiet is marked info  responsibility/test-info',
          '',
          'marked/warning.yaml',
          '  3:3  warning  Careful is marked warning  responsibility/test-warning',
          '',
          '✖ 4 problems (2 errors, 1 warning, 1 info)',
          '',
        ].join('\n'),
      );
    });

    it('aligns the columns of one file', async () => {
      const root = await makeTree({
        'a.yaml': template('Test::Error', 'Test::None', 'Test::None', 'Test::None', 'Test::Warning'),
      });
      try {
        const { stdout } = await runCli(['scan'], { cwd: root });
        assert.ok(
          stdout.includes(
            '\na.yaml\n' +
              '  3:3   error    R0 is marked error    responsibility/test-error\n' +
              '  11:3  warning  R4 is marked warning  responsibility/test-warning\n',
          ),
          stdout,
        );
      } finally {
        await removeTree(root);
      }
    });

    it('says so when there is nothing to report', async () => {
      assert.equal((await runCli(['scan', 'clean'])).stdout, '✔ No problems (1 IaC file linted)\n');
      assert.equal((await runCli(['scan', 'not-iac'])).stdout, '✔ No problems (no IaC files found)\n');
    });

    it('has no colour when stdout is not a terminal', async () => {
      assert.equal((await runCli(['scan', 'marked'], { tty: false })).stdout.includes(ESCAPE), false);
    });

    it('has colour on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it', async () => {
      assert.ok((await runCli(['scan', 'marked'], { tty: true })).stdout.includes(ESCAPE));
      assert.equal(
        (await runCli(['scan', 'marked'], { tty: true, env: { NO_COLOR: '1' } })).stdout.includes(ESCAPE),
        false,
      );
      assert.ok((await runCli(['scan', 'marked'], { tty: false, env: { FORCE_COLOR: '1' } })).stdout.includes(ESCAPE));
      assert.equal(
        (await runCli(['scan', 'marked'], { tty: true, env: { FORCE_COLOR: '0' } })).stdout.includes(ESCAPE),
        false,
      );
    });

    it('never colours JSON', async () => {
      assert.equal(
        (
          await runCli(['scan', '--format', 'json', 'marked'], { tty: true, env: { FORCE_COLOR: '1' } })
        ).stdout.includes(ESCAPE),
        false,
      );
    });
  });

  describe('help and version', () => {
    it('prints help for `help`, `--help` and `scan --help`, exit 0', async () => {
      for (const argv of [['help'], ['--help'], ['-h']]) {
        const outcome = await runCli(argv);
        assert.equal(outcome.code, 0);
        assert.match(outcome.stdout, /iacsec scan \[PATH\.\.\.\]/);
      }
      for (const argv of [
        ['help', 'scan'],
        ['scan', '--help'],
      ]) {
        const outcome = await runCli(argv);
        assert.equal(outcome.code, 0);
        for (const option of [
          '--format',
          '--output',
          '--config',
          '--severity',
          '--exit-zero',
          '--include-suppressed',
          '--help',
          '--version',
        ]) {
          assert.ok(outcome.stdout.includes(option), `${option} in scan --help`);
        }
        assert.match(outcome.stdout, /instead of each file's nearest\s+\.iacsec\.yaml/);
      }
    });

    it('prints help on stderr with exit 2 when no command is given', async () => {
      const outcome = await runCli([]);
      assert.deepEqual([outcome.code, outcome.stdout], [2, '']);
      assert.match(outcome.stderr, /Usage:/);
    });

    it('prints the server package version', async () => {
      const { version } = JSON.parse(fs.readFileSync(path.join(SERVER_DIR, 'package.json'), 'utf8')) as {
        version: string;
      };
      for (const argv of [['--version'], ['scan', '--version']])
        assert.equal((await runCli(argv)).stdout, `${version}\n`);
    });
  });
});
