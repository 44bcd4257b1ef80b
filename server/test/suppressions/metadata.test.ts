import * as assert from 'node:assert/strict';
import { TEST_RULES } from '../report/test-rules';
import { lint, yaml } from './helpers';

const HEADER = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];

describe('Metadata suppressions: iacsec.ignore, in YAML and JSON', () => {
  it('covers the resource it is on, with its reason (YAML)', () => {
    const text = yaml(
      ...HEADER,
      '  Assets:',
      '    Type: AWS::S3::Bucket',
      '    Metadata:',
      '      iacsec:',
      '        ignore:',
      '          - rule: encryption/s3-bucket-encryption',
      '            reason: public website assets',
      '  Logs:',
      '    Type: AWS::S3::Bucket',
    );
    assert.deepEqual(lint(text), [
      '3:3 encryption/s3-bucket-encryption missing «Assets» (iacsec-ignore: public website assets)',
      '10:3 encryption/s3-bucket-encryption missing «Logs»',
    ]);
  });

  it('covers the resource it is on, with its reason (JSON), and reports an unused entry at its rule', () => {
    const text = [
      '{',
      '  "Resources": {',
      '    "Assets": {',
      '      "Type": "AWS::S3::Bucket",',
      '      "Metadata": { "iacsec": { "ignore": [',
      '        { "rule": "encryption/s3-bucket-encryption", "reason": "public website assets" },',
      '        { "rule": "encryption/rds-storage-encryption", "reason": "copied from the database" }',
      '      ] } }',
      '    }',
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(lint(text, 'stack.json'), [
      '3:5 encryption/s3-bucket-encryption missing «"Assets"» (iacsec-ignore: public website assets)',
      '7:19 iacsec/unused-suppression unused «"encryption/rds-storage-encryption"»',
    ]);
  });

  it('an entry without a reason suppresses and is reported over the entry; a malformed one is reported', () => {
    const text = yaml(
      ...HEADER,
      '  Assets:',
      '    Type: AWS::S3::Bucket',
      '    Metadata:',
      '      iacsec:',
      '        ignore:',
      '          - rule: encryption/s3-bucket-encryption',
      '          - encryption/*',
      '          - { reason: no rule here }',
      '  Logs:',
      '    Type: AWS::S3::Bucket',
      '    Metadata:',
      '      iacsec: { ignore: encryption/s3-bucket-encryption }',
    );
    assert.deepEqual(lint(text), [
      '3:3 encryption/s3-bucket-encryption missing «Assets» (iacsec-ignore: )',
      '8:13 iacsec/suppression-without-reason missingReason «rule: encryption/s3-bucket-encryption»',
      '9:13 iacsec/suppression-without-reason missingReason «encryption/*»',
      '10:13 iacsec/unused-suppression malformed «{ reason: no rule here }»',
      '11:3 encryption/s3-bucket-encryption missing «Logs»',
      '14:15 iacsec/unused-suppression malformed «{ ignore: encryption/s3-bucket-encryption }»',
    ]);
  });

  it("on the template's own Metadata, covers every finding in the file", () => {
    const text = yaml(
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Metadata:',
      '  iacsec:',
      '    ignore: [{ rule: "encryption/*", reason: "sandbox account, destroyed nightly" }]',
      'Resources:',
      '  Assets: { Type: AWS::S3::Bucket }',
      '  Db: { Type: AWS::RDS::DBInstance, Properties: { Engine: mysql } }',
      '  Sg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties: { GroupDescription: x, SecurityGroupIngress: [{ CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 22, ToPort: 22 }] }',
    );
    assert.deepEqual(lint(text), [
      '6:3 encryption/s3-bucket-encryption missing «Assets» (iacsec-ignore: sandbox account, destroyed nightly)',
      '7:37 encryption/rds-storage-encryption missing «Properties» (iacsec-ignore: sandbox account, destroyed nightly)',
      '10:73 firewall/security-group-open-admin-port openPort «0.0.0.0/0»',
    ]);
  });
});

describe("peers' suppressions: honoured only for checks marked equivalent", () => {
  const RDS = ['  Db:', '    Type: AWS::RDS::DBInstance', '    Properties: { Engine: mysql }'];
  const SG = [
    '  Sg:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: admin',
    '      SecurityGroupIngress: [{ CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 22, ToPort: 22 }]',
  ];
  const metadata = (...lines: string[]): string[] => ['    Metadata:', ...lines.map((line) => `      ${line}`)];

  it('checkov: Metadata.checkov.skip for CKV_AWS_19 (equivalent) suppresses the bucket; on a security group it covers nothing, and is left to checkov', () => {
    const text = yaml(
      ...HEADER,
      '  Assets:',
      '    Type: AWS::S3::Bucket',
      ...metadata('checkov:', '  skip:', '    - id: CKV_AWS_19', '      comment: encrypted by the CDN origin'),
      ...SG,
      ...metadata('checkov: { skip: [{ id: CKV_AWS_19, comment: wrong check }] }'),
    );
    assert.deepEqual(lint(text), [
      '3:3 encryption/s3-bucket-encryption missing «Assets» (checkov: encrypted by the CDN origin)',
      '14:40 firewall/security-group-open-admin-port openPort «0.0.0.0/0»',
    ]);
  });

  it('checkov: a related check is not honoured, and its skip is never reported as unused', () => {
    const text = yaml(
      ...HEADER,
      '  Marked:',
      '    Type: Test::Warning',
      ...metadata('checkov: { skip: [{ id: CKV_TEST_2, comment: related only }] }'),
      '  Honoured:',
      '    Type: Test::Warning',
      '    # checkov:skip=CKV_TEST_1:equivalent',
    );
    assert.deepEqual(lint(text, 'stack.yaml', { rules: TEST_RULES }), [
      '3:3 responsibility/test-warning marked «Marked»',
      '7:3 responsibility/test-warning marked «Honoured» (checkov: equivalent)',
    ]);
  });

  it('checkov: a # checkov:skip comment covers the whole resource it sits in', () => {
    const text = yaml(
      ...HEADER,
      '  Sg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      # checkov:skip=CKV_AWS_24:SSH from anywhere, by design',
      '      GroupDescription: admin',
      '      SecurityGroupIngress: [{ CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 22, ToPort: 22 }]',
      '  Assets: # checkov:skip=CKV_AWS_20:not this check',
      '    Type: AWS::S3::Bucket',
    );
    assert.deepEqual(lint(text), [
      '8:40 firewall/security-group-open-admin-port openPort «0.0.0.0/0» (checkov: SSH from anywhere, by design)',
      '9:3 encryption/s3-bucket-encryption missing «Assets»',
    ]);
    const trailing = yaml(
      ...HEADER,
      '  Assets:',
      '    Type: AWS::S3::Bucket',
      '',
      '    # checkov:skip=CKV_AWS_19:trails Assets, indented as its body',
      '  Logs:',
      '    Type: AWS::S3::Bucket',
      '  # checkov:skip=CKV_AWS_19:above Archive, at its indentation',
      '  Archive:',
      '    Type: AWS::S3::Bucket',
    );
    assert.deepEqual(lint(trailing), [
      '3:3 encryption/s3-bucket-encryption missing «Assets» (checkov: trails Assets, indented as its body)',
      '7:3 encryption/s3-bucket-encryption missing «Logs»',
      '10:3 encryption/s3-bucket-encryption missing «Archive» (checkov: above Archive, at its indentation)',
    ]);
  });

  it('cfn_nag: W41 (equivalent) suppresses the bucket; W2 (related) leaves the security group', () => {
    const text = yaml(
      ...HEADER,
      '  Assets:',
      '    Type: AWS::S3::Bucket',
      ...metadata('cfn_nag: { rules_to_suppress: [{ id: W41, reason: assets are public }] }'),
      ...SG,
      ...metadata('cfn_nag: { rules_to_suppress: [{ id: W2, reason: related, not the same check }] }'),
    );
    assert.deepEqual(lint(text), [
      '3:3 encryption/s3-bucket-encryption missing «Assets» (cfn_nag: assets are public)',
      '11:40 firewall/security-group-open-admin-port openPort «0.0.0.0/0»',
    ]);
  });

  it('cdk_nag: AwsSolutions-RDS2 (equivalent) suppresses; AwsSolutions-EC23 (related) and applies_to entries do not', () => {
    const text = yaml(
      ...HEADER,
      ...RDS,
      ...metadata('cdk_nag:', '  rules_to_suppress:', '    - { id: AwsSolutions-RDS2, reason: test database }'),
      ...SG,
      ...metadata('cdk_nag: { rules_to_suppress: [{ id: AwsSolutions-EC23, reason: related }] }'),
      '  Replica:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties: { Engine: mysql }',
      ...metadata('cdk_nag: { rules_to_suppress: [{ id: AwsSolutions-RDS2, reason: partial, applies_to: [x] }] }'),
    );
    assert.deepEqual(lint(text), [
      '5:5 encryption/rds-storage-encryption missing «Properties» (cdk_nag: test database)',
      '14:40 firewall/security-group-open-admin-port openPort «0.0.0.0/0»',
      '19:5 encryption/rds-storage-encryption missing «Properties»',
    ]);
  });

  it("cfn-lint's ignore_checks and Guard's SuppressedRules are read, but no rule maps to them yet", () => {
    const text = yaml(
      ...HEADER,
      ...RDS,
      ...metadata(
        'cfn-lint: { config: { ignore_checks: [W3005, E3012] } }',
        'guard: { SuppressedRules: [RDS_STORAGE_ENCRYPTED] }',
      ),
    );
    assert.deepEqual(lint(text), ['5:5 encryption/rds-storage-encryption missing «Properties»']);
  });

  it('an equivalent peer suppression that covers nothing is reported; one for a rule turned off is not', () => {
    const text = yaml(
      ...HEADER,
      '  Assets:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketEncryption:',
      '        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 } }]',
      ...metadata(
        'checkov: { skip: [{ id: CKV_AWS_19, comment: stale } ] }',
        'cfn_nag: { rules_to_suppress: [{ id: F27 }] }',
      ),
      '    # checkov:skip=CKV_AWS_999:a check iacsec does not have',
    );
    // A peer's suppression serves the peer, whose check may reach further than ours: never reported as unused.
    assert.deepEqual(lint(text), []);
    assert.deepEqual(lint(text, 'stack.yaml', { settings: { 'encryption/s3-bucket-encryption': 'off' } }), []);
  });
});
