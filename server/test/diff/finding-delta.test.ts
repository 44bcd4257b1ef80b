import * as assert from 'node:assert/strict';
import { findingDelta } from '../../src/diff/finding-delta';
import type { Finding } from '../../src/report/types';

function finding(file: string, line: number, resource: string, fields: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'encryption/s3-bucket-encryption',
    messageId: 'missing',
    severity: 'warning',
    theme: 'encryption',
    responsibility: 'data',
    message: 'BucketEncryption is not set.',
    file,
    line,
    column: 5,
    endLine: line,
    endColumn: 15,
    resource: { id: resource, type: 'AWS::S3::Bucket' },
    fixes: [],
    references: { checkov: [], cfnNag: [], kics: [], cdkNag: [], trivy: [] },
    ...fields,
  };
}

/** `file:line resource rule` for each finding, and its suppression when it has one. */
function described(findings: readonly Finding[]): string[] {
  return findings.map(
    (f) =>
      `${f.file}:${f.line} ${f.resource?.id ?? '-'} ${f.ruleId}${f.suppressed ? ` (${f.suppressed.by}: ${f.suppressed.reason})` : ''}`,
  );
}

describe('findingDelta (introduced and resolved findings)', () => {
  it('matches a finding that moved, and reports only what is new or gone', () => {
    const delta = findingDelta(
      [finding('old.yaml', 3, 'Logs'), finding('old.yaml', 9, 'Archive')],
      [finding('new.yaml', 20, 'Logs'), finding('new.yaml', 4, 'Uploads')],
    );
    assert.deepEqual(described(delta.introduced), ['new.yaml:4 Uploads encryption/s3-bucket-encryption']);
    assert.deepEqual(described(delta.resolved), ['old.yaml:9 Archive encryption/s3-bucket-encryption']);
  });

  it('tells findings apart by rule, message id and message on the same resource', () => {
    const other = { ruleId: 'responsibility/s3-bucket-versioning', messageId: 'missing', message: 'No versioning.' };
    const delta = findingDelta(
      [finding('old.yaml', 3, 'Logs'), finding('old.yaml', 3, 'Logs', { message: 'BucketEncryption is null.' })],
      [finding('new.yaml', 3, 'Logs'), finding('new.yaml', 3, 'Logs', other)],
    );
    assert.deepEqual(described(delta.introduced), ['new.yaml:3 Logs responsibility/s3-bucket-versioning']);
    assert.deepEqual(
      delta.resolved.map((f) => f.message),
      ['BucketEncryption is null.'],
    );
  });

  it('counts repeats: a second identical finding is new, and the later one is the one reported', () => {
    const delta = findingDelta(
      [finding('old.yaml', 3, 'Logs')],
      [finding('new.yaml', 8, 'Logs'), finding('new.yaml', 3, 'Logs')],
    );
    assert.deepEqual(described(delta.introduced), ['new.yaml:8 Logs encryption/s3-bucket-encryption']);
    assert.deepEqual(delta.resolved, []);
  });

  it('treats a finding without a resource by its message alone', () => {
    const engine = { ruleId: 'iacsec/unused-suppression', messageId: 'unused', resource: null, message: 'x' };
    const delta = findingDelta([finding('old.yaml', 1, '', engine)], [finding('new.yaml', 2, '', engine)]);
    assert.deepEqual([delta.introduced, delta.resolved], [[], []]);
  });

  it('resolves a finding a suppression now covers, carrying the suppression; removing one introduces it', () => {
    const suppressed = { suppressed: { by: 'iacsec-ignore', reason: 'public website' } };
    const accepted = findingDelta([finding('old.yaml', 3, 'Site')], [finding('new.yaml', 4, 'Site', suppressed)]);
    assert.deepEqual(described(accepted.resolved), [
      'old.yaml:3 Site encryption/s3-bucket-encryption (iacsec-ignore: public website)',
    ]);
    assert.deepEqual(accepted.introduced, []);
    const exposed = findingDelta([finding('old.yaml', 3, 'Site', suppressed)], [finding('new.yaml', 3, 'Site')]);
    assert.deepEqual(described(exposed.introduced), ['new.yaml:3 Site encryption/s3-bucket-encryption']);
    assert.deepEqual(exposed.resolved, []);
  });
});
