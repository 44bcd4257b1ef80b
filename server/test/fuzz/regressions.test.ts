import * as assert from 'node:assert/strict';
import { fixEdits } from '../../src/edits/apply';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { allRules } from '../../src/rules';
import { violations } from './check';

/** Exact inputs the fuzzer found breaking a property, kept so the fix stays fixed (docs/fuzzing.md). */
describe('fuzz regressions', () => {
  const linter = new Linter(new RuleSet(allRules));

  // js-yaml marks an unterminated quoted scalar one past its input (on the line break it appends).
  it('places the problem of a double-quoted scalar cut off at the end within the text', () => {
    const text = 'AWSTemplateFormatVersion: "2010';
    const result = linter.lint(text, 'x.yaml');
    assert.deepEqual(result.problems, [
      { code: 'parse', message: 'unexpected end of the stream within a double quoted scalar in YAML', offset: 31 },
    ]);
    assert.deepEqual(violations(linter, text, 'x.yaml'), []);
  });

  // The empty sequence item `-` at the very end read as a node ending one past the text, so the TLS fix
  // replaced text that is not there.
  it('keeps the TLS fix of a policy cut off after "-" within the text', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '  Policy:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: !Ref Bucket',
      '      PolicyDocument:',
      '        Statement:',
      '          -',
    ].join('\n');
    const finding = linter
      .lint(text, 'x.yaml')
      .findings.find((candidate) => candidate.ruleId === 'encryption/s3-bucket-tls-only');
    assert.ok(finding !== undefined, 'no encryption/s3-bucket-tls-only finding');
    assert.equal(text.slice(finding.start, finding.end), 'PolicyDocument');
    const [fix] = finding.fixes;
    assert.ok(fix !== undefined, 'no fix');
    const ends = fixEdits(text, 'x.yaml', fix).map((edit) => edit.end);
    assert.ok(
      ends.every((end) => end <= text.length),
      `edit ends ${ends.join(', ')} past ${text.length}`,
    );
  });
});
