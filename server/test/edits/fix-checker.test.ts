import * as assert from 'node:assert/strict';
import type { EngineFinding } from '../../src/engine/finding';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { s3BucketCustomerKey } from '../../src/rules/encryption/s3-bucket-customer-key';
import { s3BucketEncryption } from '../../src/rules/encryption/s3-bucket-encryption';
import { securityGroupOpenAdminPort } from '../../src/rules/firewall/security-group-open-admin-port';
import { s3BucketVersioning } from '../../src/rules/responsibility/s3-bucket-versioning';
import { changedOutside, Checker, type Snapshot } from './fix-checker';

/** The fix-safety sweep's own checks fail where they should: each property on a text made to break it. */
describe('fix safety checks', () => {
  const rules = [s3BucketEncryption, s3BucketCustomerKey, s3BucketVersioning, securityGroupOpenAdminPort];
  const linter = new Linter(new RuleSet(rules));
  const FILE = 'stack.yaml';
  const BUCKET = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n';
  const ENCRYPTED = (algorithm: string): string =>
    `${BUCKET}    Properties:\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n` +
    `          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: ${algorithm}\n`;
  const KMS = 'aws:kms\n              KMSMasterKeyID: alias/data';
  const OPEN_SSH =
    '  Admin:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: admin\n' +
    '      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n';

  /** Applies "the encryption fix" of BUCKET as `after`, and returns what failed. */
  function check(after: string): { checker: Checker; messages: string[] } {
    const checker = new Checker(linter, FILE, FILE, []);
    const before = checker.snapshot(BUCKET) as Snapshot;
    const encryption = before.result.findings.find(
      (finding) => finding.ruleId === 'encryption/s3-bucket-encryption',
    ) as EngineFinding;
    checker.application({ label: 'the fix', before, applied: [encryption], edits: undefined, after });
    return { checker, messages: checker.violations.map((violation) => `${violation.property}: ${violation.message}`) };
  }

  it('passes a fix that removes its finding; the versioning finding moved to the new Properties key is no new one', () => {
    assert.deepEqual(check(ENCRYPTED(KMS)).messages, []);
  });

  it('allows the customer-key finding that declaring SSE-S3 reveals (follow-ups.ts), and counts it', () => {
    const { checker, messages } = check(ENCRYPTED('AES256'));
    assert.deepEqual(messages, []);
    assert.equal(checker.followUps, 1);
  });

  it('1: a text that no longer reads', () => {
    assert.deepEqual(check(`${BUCKET}  - [\n`).messages, [
      `reads: ${FILE}: the fix: the fixed text does not read: ` +
        `${linter.lint(`${BUCKET}  - [\n`, FILE).problems[0]?.message}\n${BUCKET}  - [\n`,
    ]);
  });

  it('2: the fixed finding still there, though its message changed', () => {
    const messages = check(ENCRYPTED('rot13')).messages;
    assert.equal(messages.length, 1);
    assert.match(
      messages[0] as string,
      /^gone: stack\.yaml: the fix: encryption\/s3-bucket-encryption on Bucket \(unknownAlgorithm\): .* is still there$/s,
    );
  });

  it('3: a finding that was not there', () => {
    const messages = check(`${ENCRYPTED(KMS)}${OPEN_SSH}`).messages;
    assert.equal(messages.length, 1);
    assert.match(
      messages[0] as string,
      /^nothingNew: stack\.yaml: the fix: firewall\/security-group-open-admin-port on Admin \(openPort\): .* appeared \(at \["Resources","Admin","Properties","SecurityGroupIngress","0","CidrIp"\]\)$/s,
    );
  });

  describe('4: changedOutside', () => {
    const edits = [
      { start: 2, end: 3, text: 'XY' },
      { start: 5, end: 5, text: '!' },
    ];
    it('passes the text with exactly the edits made', () => {
      assert.equal(changedOutside('abcdefg', 'abXYde!fg', edits, 0), undefined);
      assert.equal(changedOutside('\ufeffabcdefg', '\ufeffabXYde!fg', edits, 1), undefined);
    });
    it('names the first text that changed outside them, or an edit that is not what was made', () => {
      assert.equal(changedOutside('abcdefg', 'AbXYde!fg', edits, 0), 'the text between offsets 0 and 2 changed');
      assert.equal(changedOutside('abcdefg', 'abXYdE!fg', edits, 0), 'the text between offsets 3 and 5 changed');
      assert.equal(changedOutside('abcdefg', 'abXYde!fG', edits, 0), 'the text after offset 5 changed');
      assert.equal(changedOutside('abcdefg', 'abXZde!fg', edits, 0), 'the edit at 2..3 is not what stands there');
      assert.equal(changedOutside('abcdefg', 'abXYde!fg\n', edits, 0), '1 characters too many');
      assert.equal(changedOutside('abcdefg', 'abXYde!fg', edits, 1), 'the text between offsets 0 and 3 changed');
    });
  });
});
