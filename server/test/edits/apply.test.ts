import * as assert from 'node:assert/strict';
import { applyFixes, applyFixPass, type FixProposal } from '../../src/edits/index';
import type { EngineFinding } from '../../src/engine/finding';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { rdsStorageEncryption } from '../../src/rules/encryption/rds-storage-encryption';
import { s3BucketEncryption } from '../../src/rules/encryption/s3-bucket-encryption';
import { securityGroupOpenAdminPort } from '../../src/rules/firewall/security-group-open-admin-port';
import { nodeAt } from './helpers';

const linter = new Linter(new RuleSet([s3BucketEncryption, rdsStorageEncryption, securityGroupOpenAdminPort]));
const lint = (file: string) => (text: string) => linter.lint(text, file).findings;
const ALL = (): boolean => true;

/** A finding that carries only fixes: what applyFixes reads. */
function finding(start: number, ...fixes: FixProposal[]): EngineFinding {
  return {
    ruleId: 'test/fix',
    messageId: 'm',
    severity: 'warning',
    theme: null,
    responsibility: null,
    message: 'm',
    start,
    end: start,
    resource: undefined,
    related: [],
    fixes,
  };
}

const OPEN_GROUP = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Resources:',
  '  Admin:',
  '    Type: AWS::EC2::SecurityGroup',
  '    Properties:',
  '      GroupDescription: admin',
  '      SecurityGroupIngress:',
  '        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }',
  '        - { IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIpv6: ::/0 }',
  '',
].join('\n');

describe('applyFixes', () => {
  it('applies overlapping fixes in later passes, re-linting between them', () => {
    const first = applyFixPass(OPEN_GROUP, 't.yaml', lint('t.yaml')(OPEN_GROUP), ALL);
    assert.deepEqual(
      [first.applied.length, first.skipped.map((skipped) => skipped.message)],
      [1, ['Ingress from ::/0 opens RDP to the whole internet (tcp port 3389).']],
    );
    const fixed = applyFixes(OPEN_GROUP, 't.yaml', lint('t.yaml')(OPEN_GROUP), { filter: ALL, relint: lint('t.yaml') });
    assert.equal(fixed.applied, 2);
    assert.equal(
      fixed.text,
      [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Parameters:',
        '  AdminCidr:',
        '    Type: String',
        '    Description: The IPv4 range (CIDR) allowed to administer Admin; no default, so each deployment must choose it.',
        String.raw`    AllowedPattern: ^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)/([1-9]|[12]\d|3[0-2])$`,
        '    ConstraintDescription: must be an IPv4 CIDR narrower than the whole internet, such as 203.0.113.0/24',
        '  AdminCidrIpv6:',
        '    Type: String',
        '    Description: The IPv6 range (CIDR) allowed to administer Admin; no default, so each deployment must choose it.',
        String.raw`    AllowedPattern: ^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/([1-9]|[1-9]\d|1[01]\d|12[0-8])$`,
        '    ConstraintDescription: must be an IPv6 CIDR narrower than the whole internet, such as 2001:db8:1234::/48',
        'Resources:',
        '  Admin:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      GroupDescription: admin',
        '      SecurityGroupIngress:',
        '        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: { Ref: AdminCidr } }',
        '        - { IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIpv6: { Ref: AdminCidrIpv6 } }',
        '',
      ].join('\n'),
    );
    assert.deepEqual(lint('t.yaml')(fixed.text), []);
  });

  it('makes one pass without relint, and applies only safe fixes unless told otherwise', () => {
    assert.equal(applyFixes(OPEN_GROUP, 't.yaml', lint('t.yaml')(OPEN_GROUP), { filter: ALL }).applied, 1);
    const mixed = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n  Logs:\n    Type: AWS::S3::Bucket\n';
    const safe = applyFixes(mixed, 't.yaml', lint('t.yaml')(mixed));
    assert.equal(safe.applied, 1);
    assert.equal(
      safe.text,
      'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: AES256\n',
    );
  });

  it('keeps a byte-order mark, CRLF and a missing final newline', () => {
    const text =
      '\ufeffResources:\r\n  Logs:\r\n    Type: AWS::S3::Bucket\r\n    Properties:\r\n      BucketName: logs';
    const fixed = applyFixes(text, 't.yaml', lint('t.yaml')(text), { relint: lint('t.yaml') });
    assert.equal(
      fixed.text,
      '\ufeffResources:\r\n  Logs:\r\n    Type: AWS::S3::Bucket\r\n    Properties:\r\n      BucketName: logs\r\n      BucketEncryption:\r\n        ServerSideEncryptionConfiguration:\r\n          - ServerSideEncryptionByDefault:\r\n              SSEAlgorithm: AES256',
    );
    assert.equal(fixed.applied, 1);
  });

  it('is idempotent: fixing the fixed text again changes nothing', () => {
    const text =
      '{\n  "Resources": {\n    "Db": { "Type": "AWS::RDS::DBCluster", "Properties": { "StorageEncrypted": "false" } }\n  }\n}\n';
    const once = applyFixes(text, 't.json', lint('t.json')(text), { filter: ALL, relint: lint('t.json') });
    assert.equal(once.text, text.replace('"false"', 'true'));
    assert.deepEqual(
      applyFixes(once.text, 't.json', lint('t.json')(once.text), { filter: ALL, relint: lint('t.json') }),
      { text: once.text, applied: 0 },
    );
  });

  it('leaves out a fix that cannot be made, and never fixes a suppressed finding', () => {
    const text = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      A: 1\n';
    const properties = nodeAt(text, 't.yaml', 'Resources', 'T', 'Properties');
    const good: FixProposal = {
      title: 'set B',
      safe: true,
      changes: [{ kind: 'set', map: properties, path: ['B'], value: 2 }],
    };
    const stale: FixProposal = { title: 'stale', safe: true, changes: [{ kind: 'remove', key: { start: 1, end: 2 } }] };
    const pass = applyFixPass(text, 't.yaml', [finding(0, stale), finding(1, good)], ALL);
    assert.deepEqual(
      pass.failed.map((failed) => failed.reason),
      ['no key at 1-2'],
    );
    assert.equal(pass.text, `${text}      B: 2\n`);
    const suppressed: EngineFinding = {
      ...finding(1, good),
      suppressed: { by: 'iacsec-ignore', reason: 'kept on purpose' },
    };
    assert.deepEqual(applyFixes(text, 't.yaml', [suppressed]), { text, applied: 0 });
  });

  it('stops after ten passes when fixes keep coming', () => {
    const text = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Count: 0\n';
    const bump = (current: string): EngineFinding[] => {
      const count = nodeAt(current, 't.yaml', 'Resources', 'T', 'Properties', 'Count');
      const next = Number(current.slice(count.start, count.end)) + 1;
      return [
        finding(count.start, { title: 'bump', safe: true, changes: [{ kind: 'replace', node: count, value: next }] }),
      ];
    };
    const result = applyFixes(text, 't.yaml', bump(text), { relint: bump });
    assert.deepEqual(result, { text: text.replace('Count: 0', 'Count: 10'), applied: 10 });
  });
});
