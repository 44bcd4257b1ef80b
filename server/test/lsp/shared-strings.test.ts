import * as assert from 'node:assert/strict';
import { deserialize, serialize } from 'node:v8';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { splitFixes } from '../../src/lsp/fix-changes';
import { shareStrings } from '../../src/lsp/shared-strings';
import type { LintedResult } from '../../src/lsp/worker-protocol';
import { allRules } from '../../src/rules';

const BUCKETS = `Resources:
  Logs:
    Type: AWS::S3::Bucket
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: data
  Archive:
    Type: AWS::S3::Bucket
`;

/** A lint result as the server receives it: cloned, every string and object a copy of its own. */
function received(text: string): LintedResult {
  const { result } = splitFixes(new Linter(new RuleSet(allRules)).lint(text, 'buckets.yaml'));
  return deserialize(serialize(result)) as LintedResult;
}

describe('a lint result kept for hovers and code actions', () => {
  it('is the same data once its strings and resources are shared', () => {
    const result = received(BUCKETS);
    assert.ok(result.findings.length >= 6, `${result.findings.length} findings`);
    assert.deepEqual(shareStrings(result), result);
  });

  it('holds one object per resource, shared by its findings and the resource list', () => {
    const shared = shareStrings(received(BUCKETS));
    const data = shared.resources.find((resource) => resource.id === 'Data');
    assert.ok(data !== undefined);
    const ofData = shared.findings.filter((finding) => finding.resource?.id === 'Data');
    assert.ok(ofData.length >= 2, `${ofData.length} findings on Data`);
    for (const finding of ofData) assert.equal(finding.resource, data);
  });

  it('holds one fix summary list for findings offering the same single fix', () => {
    const shared = shareStrings(received(BUCKETS));
    const versioning = shared.findings.filter((finding) => finding.ruleId === 'responsibility/s3-bucket-versioning');
    assert.deepEqual(
      versioning.map((finding) => finding.resource?.id),
      ['Logs', 'Data', 'Archive'],
    );
    const [first, ...others] = versioning.map((finding) => finding.fixes);
    assert.equal(first?.length, 1);
    for (const fixes of others) assert.equal(fixes, first);
  });
});
