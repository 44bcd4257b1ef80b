import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintPaths, lintText } from '../../src/index';
import { makeTree, removeTree } from '../cli/helpers';

const S3 = 'encryption/s3-bucket-encryption';
const BUCKETS = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Assets: # iacsec-ignore encryption/s3-bucket-encryption -- public assets',
  '    Type: AWS::S3::Bucket',
  '  Logs:',
  '    Type: AWS::S3::Bucket',
  '',
].join('\n');

/** The S3 rule's findings only, so these tests keep their answers as the catalogue grows. */
function s3(
  findings: readonly { ruleId: string; resource: { id: string } | null; severity: string; suppressed?: unknown }[],
): string[] {
  return findings
    .filter((finding) => finding.ruleId === S3)
    .map(
      (finding) =>
        `${finding.resource?.id} ${finding.severity}${finding.suppressed === undefined ? '' : ` ${JSON.stringify(finding.suppressed)}`}`,
    );
}

describe('library: configuration and suppressions', () => {
  let root = '';
  before(async () => {
    root = await makeTree({
      'conf/strict.iacsec.yaml':
        'rules: { "encryption/*": error }\nresources:\n  - { resource: Logs, rules: ["*"], reason: log bucket }\n',
      'conf/broken.iacsec.yaml': 'rules: { "encryption/*": loud }\n',
      'stacks/.iacsec.yaml': 'rules: { "encryption/*": info }\n',
      'stacks/buckets.yaml': BUCKETS,
    });
  });
  after(async () => {
    await removeTree(root);
  });

  it('lintText leaves suppressed findings out unless includeSuppressed, and looks nothing up', () => {
    const file = path.join(root, 'stacks', 'buckets.yaml');
    assert.deepEqual(s3(lintText(BUCKETS, { file }).findings), ['Logs warning']);
    assert.deepEqual(s3(lintText(BUCKETS, { file, includeSuppressed: true }).findings), [
      'Assets warning {"by":"iacsec-ignore","reason":"public assets"}',
      'Logs warning',
    ]);
  });

  it('lintText takes a configuration object (paths relative to cwd) or the path of a file', () => {
    const config = {
      rules: { 'encryption/*': 'info' },
      resources: [{ resource: 'Logs', rules: [S3], reason: 'logs' }],
    } as const;
    assert.deepEqual(s3(lintText(BUCKETS, { file: 'buckets.yaml', config, includeSuppressed: true }).findings), [
      'Assets info {"by":"iacsec-ignore","reason":"public assets"}',
      'Logs info {"by":"config","reason":"logs"}',
    ]);
    const file = path.join(root, 'conf', 'strict.iacsec.yaml');
    assert.deepEqual(
      s3(
        lintText(BUCKETS, { file: path.join(root, 'conf', 'x.yaml'), config: file, includeSuppressed: true }).findings,
      ),
      [
        'Assets error {"by":"iacsec-ignore","reason":"public assets"}',
        'Logs error {"by":"config","reason":"log bucket"}',
      ],
    );
  });

  it('lintText reports a broken configuration file as a parse error and lints nothing', () => {
    const config = path.join(root, 'conf', 'broken.iacsec.yaml');
    const result = lintText(BUCKETS, { file: 'buckets.yaml', config });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(
      result.errors.map(({ line, column, code }) => ({ line, column, code })),
      [{ line: 1, column: 26, code: 'parse' }],
    );
    assert.ok(result.errors[0]?.file.endsWith('conf/broken.iacsec.yaml'));
    assert.throws(
      () => lintText(BUCKETS, { file: 'a.yaml', config: { ignore: 'x' as unknown as string[] } }),
      /ignore: expected a list/,
    );
  });

  it('lintPaths looks up .iacsec.yaml per file, or takes one for every file', async () => {
    const looked = await lintPaths(['stacks'], { cwd: root });
    assert.deepEqual(s3(looked.findings), ['Logs info']);
    assert.equal(looked.summary.suppressed, 1);
    const given = await lintPaths(['stacks'], {
      cwd: root,
      config: 'conf/strict.iacsec.yaml',
      includeSuppressed: true,
    });
    assert.deepEqual(s3(given.findings), [
      'Assets error {"by":"iacsec-ignore","reason":"public assets"}',
      'Logs error {"by":"config","reason":"log bucket"}',
    ]);
  });
});
