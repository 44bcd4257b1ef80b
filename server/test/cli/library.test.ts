import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as library from '../../src/index';
import { lintPaths, lintText } from '../../src/index';
import { FIXTURES, SERVER_DIR } from './helpers';

const OPEN_SSH = fs.readFileSync(path.join(FIXTURES, 'findings', 'open-ssh.yaml'), 'utf8');

describe('library API (server/src/index.ts) with the real catalogue', () => {
  it('exports exactly lintText and lintPaths as values', () => {
    assert.deepEqual(Object.keys(library).sort(), ['lintPaths', 'lintText']);
  });

  it('lintText is synchronous and returns exactly { findings, errors } of contract objects', () => {
    const result = lintText(OPEN_SSH, { file: 'stacks/open-ssh.yaml' });
    assert.deepEqual(Object.keys(result), ['findings', 'errors']);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.findings.map(
        (finding) => `${finding.file} ${finding.line}:${finding.column} ${finding.ruleId} ${finding.resource?.id}`,
      ),
      [
        'stacks/open-ssh.yaml 13:19 firewall/security-group-open-admin-port Bastion',
        'stacks/open-ssh.yaml 16:5 encryption/s3-bucket-encryption Uploads',
      ],
    );
    const ssh = result.findings[0];
    assert.ok(ssh);
    assert.deepEqual([ssh.severity, ssh.theme, ssh.responsibility], ['error', 'firewall', 'firewall']);
    assert.ok(ssh.references.checkov.length > 0);
  });

  it('lintText shows an absolute file name relative to the working directory', () => {
    const result = lintText(OPEN_SSH, { file: path.join(process.cwd(), 'deploy', 'a.yaml') });
    assert.ok(result.findings.every((finding) => finding.file === 'deploy/a.yaml'));
  });

  it('lintText gives one error for an unparseable template and nothing for text that is not IaC', () => {
    const broken = lintText('AWSTemplateFormatVersion: "2010-09-09"\nResources: [\n', { file: 'x.yaml' });
    assert.deepEqual(broken.findings, []);
    assert.deepEqual(
      broken.errors.map(({ file, line, code }) => ({ file, line, code })),
      [{ file: 'x.yaml', line: 3, code: 'parse' }],
    );
    assert.deepEqual(lintText('kind: Deployment\n', { file: 'k8s.yaml' }), { findings: [], errors: [] });
  });

  it('lintText honours config: a rule turned off or given another severity', () => {
    const off = lintText(OPEN_SSH, { file: 'a.yaml', config: { rules: { 'encryption/s3-bucket-encryption': 'off' } } });
    assert.deepEqual(
      off.findings.map((finding) => finding.ruleId),
      ['firewall/security-group-open-admin-port'],
    );
    const info = lintText(OPEN_SSH, {
      file: 'a.yaml',
      config: { rules: { 'firewall/security-group-open-admin-port': 'info' } },
    });
    assert.equal(info.findings[0]?.severity, 'info');
  });

  it('lintPaths resolves to the whole JSON document, paths relative to its cwd', async () => {
    const report = await lintPaths(['findings', 'clean', 'broken', 'not-iac'], { cwd: FIXTURES });
    assert.deepEqual(Object.keys(report), ['version', 'tool', 'findings', 'errors', 'summary']);
    assert.deepEqual(report.summary, {
      files: 3,
      findings: 2,
      errors: 1,
      suppressed: 0,
      bySeverity: { error: 1, warning: 1, info: 0 },
    });
    assert.deepEqual(
      report.findings.map((finding) => finding.file),
      ['findings/open-ssh.yaml', 'findings/open-ssh.yaml'],
    );
    assert.equal(report.errors[0]?.file, 'broken/stack.template');
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  });

  it("require('<repo>/server') loads the bundled library (built by `npm run build`)", () => {
    assert.ok(
      fs.existsSync(path.join(SERVER_DIR, 'dist', 'lib.js')),
      'server/dist/lib.js is missing: run `npm run build`',
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(SERVER_DIR) as typeof library;
    assert.equal(typeof bundled.lintPaths, 'function');
    assert.deepEqual(bundled.lintText(OPEN_SSH, { file: 'a.yaml' }), lintText(OPEN_SSH, { file: 'a.yaml' }));
  });
});
