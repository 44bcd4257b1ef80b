import * as assert from 'node:assert/strict';
import { NO_COLOURS, useColour } from '../../src/cli/color';
import { formatStylish } from '../../src/cli/stylish';
import { buildReport } from '../../src/report/document';
import type { Finding } from '../../src/report/types';

const base: Finding = {
  ruleId: 'encryption/x',
  messageId: 'm',
  severity: 'warning',
  theme: 'encryption',
  responsibility: 'data',
  message: 'Line one\n  line two',
  file: 'a.yaml',
  line: 4,
  column: 7,
  endLine: 4,
  endColumn: 9,
  resource: { id: 'B', type: 'AWS::S3::Bucket' },
  fixes: [],
  references: { checkov: [], cfnNag: [], kics: [], cdkNag: [], trivy: [] },
};

describe('stylish format', () => {
  it('keeps each row on one line, and lists errors with their code under their file', () => {
    const report = buildReport({
      version: '0',
      files: 2,
      findings: [base],
      errors: [{ file: 'b.json', line: 2, column: 3, code: 'limit', message: 'nesting deeper than 200 levels' }],
    });
    assert.equal(
      formatStylish(report, NO_COLOURS),
      '\na.yaml\n  4:7  warning  Line one line two  encryption/x\n' +
        '\nb.json\n  2:3  error  Over a limit: nesting deeper than 200 levels\n' +
        '\n✖ 2 problems (1 error, 1 warning, 0 infos)\n',
    );
  });

  it('shows suppressed findings (with --include-suppressed) as off, outside the totals', () => {
    const suppressed: Finding = { ...base, suppressed: { by: 'iacsec-ignore', reason: 'public website' } };
    const report = buildReport({ version: '0', files: 1, findings: [suppressed], errors: [], includeSuppressed: true });
    assert.equal(
      formatStylish(report, NO_COLOURS),
      '\na.yaml\n  4:7  off  Line one line two (suppressed by iacsec-ignore: public website)  encryption/x\n\n✔ No problems\n',
    );
  });

  it('decides colour from the terminal, NO_COLOR and FORCE_COLOR', () => {
    assert.equal(useColour({}, true), true);
    assert.equal(useColour({}, false), false);
    assert.equal(useColour({ NO_COLOR: '1' }, true), false);
    assert.equal(useColour({ NO_COLOR: '' }, true), true);
    assert.equal(useColour({ FORCE_COLOR: '1' }, false), true);
    assert.equal(useColour({ FORCE_COLOR: '' }, false), true);
    assert.equal(useColour({ FORCE_COLOR: '0', NO_COLOR: '' }, true), false);
    assert.equal(useColour({ FORCE_COLOR: 'false' }, true), false);
    assert.equal(useColour({ FORCE_COLOR: '1', NO_COLOR: '1' }, false), true);
  });
});
