import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScanReport } from '../../src/report/types';
import { SERVER_DIR, spawnCli } from './helpers';

/** The real executable, in a child process, with the real catalogue: what CI sees. */
describe('iacsec process (node server/out/src/cli/main.js)', () => {
  it('exits 1 and prints the whole JSON document for findings', async () => {
    const outcome = await spawnCli(['scan', '--format', 'json', 'findings']);
    assert.equal(outcome.code, 1, outcome.stderr);
    assert.equal(outcome.stderr, '');
    const report = JSON.parse(outcome.stdout) as ScanReport;
    assert.deepEqual(
      report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`),
      [
        'findings/open-ssh.yaml:13:19 firewall/security-group-open-admin-port',
        'findings/open-ssh.yaml:16:5 encryption/s3-bucket-encryption',
      ],
    );
  });

  it('exits 0 for a clean template, and 0 with --severity error when only warnings remain', async () => {
    assert.equal((await spawnCli(['scan', 'clean'])).code, 0);
    const outcome = await spawnCli(['scan', '--severity', 'error', '--format', 'json', 'findings'], {});
    assert.equal(outcome.code, 1);
  });

  it('exits 2 for an unparseable template, naming its file, line and column in stylish output without colour', async () => {
    const outcome = await spawnCli(['scan', 'broken', 'findings']);
    assert.equal(outcome.code, 2);
    assert.ok(outcome.stdout.includes('\nbroken/stack.template\n  6:1  error  Parse error: '), outcome.stdout);
    assert.ok(outcome.stdout.includes('\nfindings/open-ssh.yaml\n  13:19  error    '), outcome.stdout);
    assert.ok(outcome.stdout.includes('firewall/security-group-open-admin-port\n'));
    assert.match(outcome.stdout, /✖ 3 problems \(2 errors, 1 warning, 0 infos\)\n$/);
    assert.equal(outcome.stdout.includes('\u001b['), false);
  });

  it('colours stylish output when FORCE_COLOR asks, though stdout is a pipe', async () => {
    assert.ok((await spawnCli(['scan', 'findings'], { env: { FORCE_COLOR: '1' } })).stdout.includes('\u001b['));
  });

  it('exits 2 for a missing path and for a usage error, which prints only to stderr', async () => {
    const missing = await spawnCli(['scan', '--format', 'json', 'nowhere']);
    assert.equal(missing.code, 2);
    assert.deepEqual(
      (JSON.parse(missing.stdout) as ScanReport).errors.map((error) => [error.file, error.code]),
      [['nowhere', 'read']],
    );
    const usage = await spawnCli(['scan', '--no-such-flag']);
    assert.deepEqual([usage.code, usage.stdout], [2, '']);
    assert.equal(usage.stderr, "iacsec: unknown option '--no-such-flag'\nRun 'iacsec scan --help' for usage.\n");
  });

  it('--exit-zero exits 0 despite findings and errors', async () => {
    assert.equal((await spawnCli(['scan', '--exit-zero', 'findings', 'broken'])).code, 0);
  });

  it('prints the server package version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(SERVER_DIR, 'package.json'), 'utf8')) as {
      version: string;
    };
    const outcome = await spawnCli(['--version']);
    assert.deepEqual([outcome.code, outcome.stdout], [0, `${version}\n`]);
  });
});
