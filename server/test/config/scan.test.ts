import * as assert from 'node:assert/strict';
import type { ScanReport } from '../../src/report/types';
import { makeTree, removeTree, runCli, scanJson } from '../cli/helpers';
import { RULES } from '../suppressions/helpers';

const BUCKET = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Assets:\n    Type: AWS::S3::Bucket\n';
const SSH = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Bastion:',
  '    Type: AWS::EC2::SecurityGroup',
  '    Properties:',
  '      GroupDescription: ssh',
  '      SecurityGroupIngress: [{ CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 22, ToPort: 22 }]',
  '',
].join('\n');
const DB = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties: { Engine: mysql }\n';

/** `file ruleId severity`, one per finding, in report order. */
function summary(report: ScanReport): string[] {
  return report.findings.map((finding) => `${finding.file} ${finding.ruleId} ${finding.severity}`);
}

describe('.iacsec.yaml in a scan', () => {
  let root = '';
  afterEach(async () => {
    if (root !== '') await removeTree(root);
    root = '';
  });
  const scan = (args: readonly string[]): Promise<{ code: number; report: ScanReport }> =>
    scanJson(args, { cwd: root, rules: RULES });

  it("is looked up from each file's directory upwards: the nearest wins, whole, without merging", async () => {
    root = await makeTree({
      '.iacsec.yaml': 'rules:\n  encryption/s3-bucket-encryption: info\n  firewall/*: "off"\n',
      'a.yaml': BUCKET,
      'other/deep/d.yaml': BUCKET,
      'team/.iacsec.yaml': 'rules: { encryption/*: "off" }\n',
      'team/b.yaml': BUCKET,
      'team/sub/c.yaml': BUCKET,
      'team/sub/ssh.yaml': SSH,
    });
    const { code, report } = await scan([]);
    assert.deepEqual(summary(report), [
      'a.yaml encryption/s3-bucket-encryption info',
      'other/deep/d.yaml encryption/s3-bucket-encryption info',
      'team/sub/ssh.yaml firewall/security-group-open-admin-port error',
    ]);
    assert.equal(code, 1);
  });

  it('--config FILE alone governs every file, and nothing is looked up', async () => {
    root = await makeTree({
      'ci/strict.yaml': 'rules:\n  "*": error\n',
      'team/.iacsec.yaml': 'rules: { encryption/*: "off" }\n',
      'team/b.yaml': BUCKET,
    });
    const { report } = await scan(['--config', 'ci/strict.yaml', 'team']);
    assert.deepEqual(summary(report), ['team/b.yaml encryption/s3-bucket-encryption error']);
  });

  it("--config FILE's relative paths are relative to the working directory, as eslint's are", async () => {
    root = await makeTree({
      'ci/strict.yaml':
        'ignore: [vendor]\nresources: [{ path: "team/*.yaml", resource: "*", rules: ["*"], reason: owned elsewhere }]\n',
      'team/b.yaml': BUCKET,
      'vendor/c.yaml': BUCKET,
      'other/d.yaml': BUCKET,
    });
    const { report } = await scan(['--config', 'ci/strict.yaml', '--include-suppressed']);
    assert.deepEqual(
      report.findings.map((finding) => `${finding.file} ${finding.suppressed?.by ?? '-'}`),
      ['other/d.yaml -', 'team/b.yaml config'],
    );
  });

  it('sets severities by exact id over glob, the more literal glob over the less, and turns rules off', async () => {
    root = await makeTree({
      '.iacsec.yaml': [
        'rules:',
        '  encryption/s3-bucket-encryption: error',
        '  "*": info',
        '  encryption/*: warning',
        '  encryption/rds-*: "off"',
        '',
      ].join('\n'),
      'bucket.yaml': BUCKET,
      'db.yaml': DB,
      'ssh.yaml': SSH,
    });
    const { report } = await scan([]);
    assert.deepEqual(summary(report), [
      'bucket.yaml encryption/s3-bucket-encryption error',
      'ssh.yaml firewall/security-group-open-admin-port info',
    ]);
  });

  it('skips ignored paths in walks; a path named on the command line is still scanned', async () => {
    root = await makeTree({
      '.iacsec.yaml': 'ignore:\n  - legacy/**\n  - "**/*.generated.yaml"\n  - vendor\n',
      'legacy/old.yaml': BUCKET,
      'stacks/app.yaml': BUCKET,
      'stacks/app.generated.yaml': BUCKET,
      'vendor/lib.yaml': BUCKET,
    });
    assert.deepEqual(
      (await scan([])).report.findings.map((finding) => finding.file),
      ['stacks/app.yaml'],
    );
    assert.deepEqual(
      (await scan(['legacy/old.yaml', 'stacks/app.generated.yaml', 'legacy'])).report.findings.map((f) => f.file),
      ['legacy/old.yaml', 'stacks/app.generated.yaml'],
    );
  });

  it('resources entries suppress rules on matching resources of matching files (by config)', async () => {
    root = await makeTree({
      '.iacsec.yaml': [
        'resources:',
        '  - path: stacks/public-*.yaml',
        '    resource: Assets*',
        '    rules: [encryption/*]',
        '    reason: public website assets',
        '',
      ].join('\n'),
      'stacks/public-site.yaml': `${BUCKET}  AssetsLogs:\n    Type: AWS::S3::Bucket\n  Logs:\n    Type: AWS::S3::Bucket\n`,
      'stacks/private.yaml': BUCKET,
    });
    const listed = await scan(['--include-suppressed']);
    assert.deepEqual(
      listed.report.findings.map(
        (finding) => `${finding.file} ${finding.resource?.id} ${JSON.stringify(finding.suppressed)}`,
      ),
      [
        'stacks/private.yaml Assets undefined',
        'stacks/public-site.yaml Assets {"by":"config","reason":"public website assets"}',
        'stacks/public-site.yaml AssetsLogs {"by":"config","reason":"public website assets"}',
        'stacks/public-site.yaml Logs undefined',
      ],
    );
    assert.deepEqual([listed.report.summary.findings, listed.report.summary.suppressed], [2, 2]);
    const plain = await scan([]);
    assert.deepEqual(
      plain.report.findings.map((finding) => `${finding.file} ${finding.resource?.id}`),
      ['stacks/private.yaml Assets', 'stacks/public-site.yaml Logs'],
    );
    assert.equal(plain.report.summary.suppressed, 2);
  });

  it('an invalid configuration is a parse error at its line and column, exit 2, and its files are not linted', async () => {
    root = await makeTree({
      'ok.yaml': BUCKET,
      'team/.iacsec.yaml': 'rules:\n  encryption/*: loud\n',
      'team/a.yaml': BUCKET,
      'team/b.yaml': BUCKET,
    });
    const { code, report } = await scan([]);
    assert.equal(code, 2);
    assert.deepEqual(report.errors, [
      {
        file: 'team/.iacsec.yaml',
        line: 2,
        column: 17,
        code: 'parse',
        message: "rules.encryption/*: unknown severity 'loud' (expected off, error, warning or info)",
      },
    ]);
    assert.deepEqual(summary(report), ['ok.yaml encryption/s3-bucket-encryption warning']);
    assert.equal(report.summary.files, 1);
    const exitZero = await runCli(['scan', '--exit-zero'], { cwd: root, rules: RULES });
    assert.equal(exitZero.code, 0);
  });

  it('a rule id that names no rule is a warning on stderr, once per configuration file; the scan goes on', async () => {
    root = await makeTree({
      '.iacsec.yaml': 'rules:\n  encryption/s3-bucket-encrypton: "off"\n',
      'a.yaml': BUCKET,
      'sub/b.yaml': BUCKET,
    });
    const outcome = await runCli(['scan', '--format', 'json'], { cwd: root, rules: RULES });
    assert.equal(
      outcome.stderr,
      "iacsec: warning: .iacsec.yaml:2:3: rules.encryption/s3-bucket-encrypton: 'encryption/s3-bucket-encrypton' names no iacsec rule\n",
    );
    assert.equal(outcome.code, 1);
    assert.equal((JSON.parse(outcome.stdout) as ScanReport).findings.length, 2);
  });

  it('limits may be configured', async () => {
    root = await makeTree({ '.iacsec.yaml': 'limits: { maxTemplateBytes: 50 }\n', 'a.yaml': BUCKET });
    const { code, report } = await scan([]);
    assert.equal(code, 2);
    assert.deepEqual(
      report.errors.map((error) => `${error.file} ${error.code}`),
      ['a.yaml limit'],
    );
  });
});
