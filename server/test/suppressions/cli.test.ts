import * as assert from 'node:assert/strict';
import { makeTree, removeTree, runCli, scanJson } from '../cli/helpers';
import { RULES } from './helpers';

const TEMPLATE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Bastion: # iacsec-ignore firewall/security-group-open-admin-port -- jump host, audited',
  '    Type: AWS::EC2::SecurityGroup',
  '    Properties:',
  '      GroupDescription: ssh',
  '      SecurityGroupIngress: [{ CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 22, ToPort: 22 }]',
  '  Assets:',
  '    Type: AWS::S3::Bucket',
  '    Metadata:',
  '      cfn_nag: { rules_to_suppress: [{ id: W41, reason: public assets }] }',
  '',
].join('\n');

describe('iacsec scan with suppressions', () => {
  let root = '';
  before(async () => {
    root = await makeTree({ 'stack.yaml': TEMPLATE });
  });
  after(async () => {
    await removeTree(root);
  });

  it('leaves suppressed findings out of the report, counts them, and exits as if they were not there', async () => {
    const { code, report } = await scanJson([], { cwd: root, rules: RULES });
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.summary, {
      files: 1,
      findings: 0,
      errors: 0,
      suppressed: 2,
      bySeverity: { error: 0, warning: 0, info: 0 },
    });
    assert.equal(code, 0);
    assert.equal((await runCli(['scan', '--severity', 'info'], { cwd: root, rules: RULES })).code, 0);
  });

  it('--include-suppressed lists them with suppressed: {by, reason}; the exit code is the same', async () => {
    const { code, report } = await scanJson(['--include-suppressed'], { cwd: root, rules: RULES });
    assert.deepEqual(
      report.findings.map(({ ruleId, line, column, suppressed }) => ({ ruleId, line, column, suppressed })),
      [
        {
          ruleId: 'firewall/security-group-open-admin-port',
          line: 7,
          column: 40,
          suppressed: { by: 'iacsec-ignore', reason: 'jump host, audited' },
        },
        {
          ruleId: 'encryption/s3-bucket-encryption',
          line: 8,
          column: 3,
          suppressed: { by: 'cfn_nag', reason: 'public assets' },
        },
      ],
    );
    assert.deepEqual([report.summary.findings, report.summary.suppressed], [0, 2]);
    assert.equal(code, 0);
  });

  it('the engine findings about suppressions are ordinary findings: listed, counted, and they set the exit code', async () => {
    const dir = await makeTree({
      'stack.yaml': TEMPLATE.replace(' -- jump host, audited', ''),
    });
    try {
      const { code, report } = await scanJson([], { cwd: dir, rules: RULES });
      assert.deepEqual(
        report.findings.map(({ ruleId, line, column, endLine, endColumn, severity, theme, responsibility }) => ({
          ruleId,
          span: `${line}:${column}-${endLine}:${endColumn}`,
          severity,
          theme,
          responsibility,
        })),
        [
          {
            ruleId: 'iacsec/suppression-without-reason',
            span: '3:12-3:67',
            severity: 'warning',
            theme: null,
            responsibility: null,
          },
        ],
      );
      assert.deepEqual([report.summary.findings, report.summary.suppressed], [1, 2]);
      assert.equal(code, 1);
    } finally {
      await removeTree(dir);
    }
  });
});
