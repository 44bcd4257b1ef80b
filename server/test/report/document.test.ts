import * as assert from 'node:assert/strict';
import { buildReport, hasFindingAtOrAbove } from '../../src/report/document';
import type { Finding, ScanError, Severity } from '../../src/report/types';

function finding(
  file: string,
  line: number,
  column: number,
  ruleId: string,
  severity: Severity = 'warning',
  extra: Partial<Finding> = {},
): Finding {
  return {
    ruleId,
    messageId: 'm',
    severity,
    theme: null,
    responsibility: null,
    message: `${ruleId} at ${line}:${column}`,
    file,
    line,
    column,
    endLine: line,
    endColumn: column + 1,
    resource: { id: 'R', type: 'AWS::S3::Bucket' },
    fixes: [],
    references: { checkov: [], cfnNag: [], kics: [], cdkNag: [], trivy: [] },
    ...extra,
  };
}

function error(file: string, line = 1): ScanError {
  return { file, line, column: 1, code: 'parse', message: 'bad' };
}

describe('the JSON document', () => {
  it('has the contract shape: version, tool, findings, errors, summary', () => {
    const report = buildReport({ version: '1.2.3', files: 0, findings: [], errors: [] });
    assert.deepEqual(report, {
      version: 1,
      tool: { name: 'iacsec', version: '1.2.3' },
      findings: [],
      errors: [],
      summary: { files: 0, findings: 0, errors: 0, suppressed: 0, bySeverity: { error: 0, warning: 0, info: 0 } },
    });
    assert.deepEqual(Object.keys(report), ['version', 'tool', 'findings', 'errors', 'summary']);
  });

  it('sorts findings by file (code-unit order), then position, then rule id', () => {
    const report = buildReport({
      version: '0',
      files: 3,
      findings: [
        finding('b.yaml', 1, 1, 'x/a'),
        finding('a/z.yaml', 9, 1, 'x/a'),
        finding('a.yaml', 2, 5, 'x/b'),
        finding('a.yaml', 2, 5, 'x/a'),
        finding('a.yaml', 2, 1, 'x/c'),
        finding('B.yaml', 1, 1, 'x/a'),
      ],
      errors: [error('z.yaml'), error('a.yaml', 3), error('a.yaml', 1)],
    });
    assert.deepEqual(
      report.findings.map((f) => `${f.file} ${f.line}:${f.column} ${f.ruleId}`),
      ['B.yaml 1:1 x/a', 'a.yaml 2:1 x/c', 'a.yaml 2:5 x/a', 'a.yaml 2:5 x/b', 'a/z.yaml 9:1 x/a', 'b.yaml 1:1 x/a'],
    );
    assert.deepEqual(
      report.errors.map((e) => `${e.file}:${e.line}`),
      ['a.yaml:1', 'a.yaml:3', 'z.yaml:1'],
    );
  });

  it('summarises files, findings by severity and errors', () => {
    const report = buildReport({
      version: '0',
      files: 4,
      findings: [
        finding('a', 1, 1, 'r', 'error'),
        finding('a', 2, 1, 'r', 'warning'),
        finding('a', 3, 1, 'r', 'warning'),
        finding('b', 1, 1, 'r', 'info'),
      ],
      errors: [error('c')],
    });
    assert.deepEqual(report.summary, {
      files: 4,
      findings: 4,
      errors: 1,
      suppressed: 0,
      bySeverity: { error: 1, warning: 2, info: 1 },
    });
  });

  it('counts suppressed findings apart, and lists them only when asked', () => {
    const suppressed = finding('a', 1, 1, 'r', 'error', {
      suppressed: { by: 'iacsec-ignore', reason: 'test fixture' },
    });
    const parts = { version: '0', files: 1, findings: [suppressed, finding('a', 2, 1, 'r', 'info')], errors: [] };
    const hidden = buildReport(parts);
    assert.deepEqual(
      hidden.findings.map((f) => f.line),
      [2],
    );
    assert.deepEqual(hidden.summary, {
      files: 1,
      findings: 1,
      errors: 0,
      suppressed: 1,
      bySeverity: { error: 0, warning: 0, info: 1 },
    });
    const shown = buildReport({ ...parts, includeSuppressed: true });
    assert.deepEqual(
      shown.findings.map((f) => f.line),
      [1, 2],
    );
    assert.deepEqual(shown.summary, hidden.summary);
    assert.equal(hasFindingAtOrAbove(shown.findings, 'error'), false);
  });

  it('compares findings with the threshold: error > warning > info', () => {
    const warning = [finding('a', 1, 1, 'r', 'warning')];
    assert.equal(hasFindingAtOrAbove(warning, 'error'), false);
    assert.equal(hasFindingAtOrAbove(warning, 'warning'), true);
    assert.equal(hasFindingAtOrAbove(warning, 'info'), true);
    assert.equal(hasFindingAtOrAbove([finding('a', 1, 1, 'r', 'info')], 'warning'), false);
  });
});
