import * as assert from 'node:assert/strict';
import { lint, yaml } from './helpers';

const HEADER = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];

describe('inline suppressions: # iacsec-ignore in YAML', () => {
  it('on the line above a logical id, covers the whole resource and keeps its reason', () => {
    const text = yaml(
      ...HEADER,
      '  # iacsec-ignore encryption/s3-bucket-encryption -- public website assets',
      '  Assets:',
      '    Type: AWS::S3::Bucket',
      '  Logs:',
      '    Type: AWS::S3::Bucket',
    );
    assert.deepEqual(lint(text), [
      '4:3 encryption/s3-bucket-encryption missing «Assets» (iacsec-ignore: public website assets)',
      '6:3 encryption/s3-bucket-encryption missing «Logs»',
    ]);
  });

  it('on the line of a logical id, covers the whole resource, findings on properties included', () => {
    const text = yaml(
      ...HEADER,
      '  Sg: # iacsec-ignore firewall/security-group-open-admin-port -- bastion host, VPN only',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: ssh',
      '      SecurityGroupIngress:',
      '        - { CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 22, ToPort: 22 }',
    );
    assert.deepEqual(lint(text), [
      '8:21 firewall/security-group-open-admin-port openPort «0.0.0.0/0» (iacsec-ignore: bastion host, VPN only)',
    ]);
  });

  it('on a property, covers that property and below it, and nothing else in the resource', () => {
    const text = yaml(
      ...HEADER,
      '  Sg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: admin',
      '      SecurityGroupIngress:',
      '        # iacsec-ignore firewall/security-group-open-admin-port -- break-glass SSH',
      '        - CidrIp: 0.0.0.0/0',
      '          IpProtocol: tcp',
      '          FromPort: 22',
      '          ToPort: 22',
      '        - CidrIp: 0.0.0.0/0 # iacsec-ignore firewall/security-group-open-admin-port -- RDP gateway',
      '          IpProtocol: tcp',
      '          FromPort: 3389',
      '          ToPort: 3389',
      '        - CidrIp: 0.0.0.0/0',
      '          IpProtocol: tcp',
      '          FromPort: 22',
      '          ToPort: 22',
    );
    assert.deepEqual(lint(text), [
      '9:19 firewall/security-group-open-admin-port openPort «0.0.0.0/0» (iacsec-ignore: break-glass SSH)',
      '13:19 firewall/security-group-open-admin-port openPort «0.0.0.0/0» (iacsec-ignore: RDP gateway)',
      '17:19 firewall/security-group-open-admin-port openPort «0.0.0.0/0»',
    ]);
  });

  it('on a property key that holds a list, covers every item of it', () => {
    const text = yaml(
      ...HEADER,
      '  Sg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: admin',
      '      SecurityGroupIngress: # iacsec-ignore firewall/security-group-open-admin-port -- lab account',
      '        - { CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 22, ToPort: 22 }',
      '        - { CidrIpv6: "::/0", IpProtocol: tcp, FromPort: 3389, ToPort: 3389 }',
    );
    assert.deepEqual(lint(text), [
      '8:21 firewall/security-group-open-admin-port openPort «0.0.0.0/0» (iacsec-ignore: lab account)',
      '9:23 firewall/security-group-open-admin-port openPort «"::/0"» (iacsec-ignore: lab account)',
    ]);
  });

  it('a finding on the Properties key is covered by a comment on that key', () => {
    const text = yaml(
      ...HEADER,
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    # iacsec-ignore encryption/rds-storage-encryption -- scratch database, no data',
      '    Properties:',
      '      Engine: postgres',
    );
    assert.deepEqual(lint(text), [
      '6:5 encryption/rds-storage-encryption missing «Properties» (iacsec-ignore: scratch database, no data)',
    ]);
  });

  it('a list of rules, exact ids and globs; the one that suppresses nothing is reported at its own range', () => {
    const text = yaml(
      ...HEADER,
      '  # iacsec-ignore encryption/*, firewall/security-group-open-admin-port,  * -- demo stack',
      '  Assets:',
      '    Type: AWS::S3::Bucket',
    );
    assert.deepEqual(lint(text), [
      '3:33 iacsec/unused-suppression unused «firewall/security-group-open-admin-port»',
      '4:3 encryption/s3-bucket-encryption missing «Assets» (iacsec-ignore: demo stack)',
    ]);
  });

  it('a suppression without a reason still suppresses, and is reported over the whole comment', () => {
    const text = yaml(
      ...HEADER,
      '  Assets: # iacsec-ignore encryption/s3-bucket-encryption',
      '    Type: AWS::S3::Bucket',
    );
    assert.deepEqual(lint(text), [
      '3:3 encryption/s3-bucket-encryption missing «Assets» (iacsec-ignore: )',
      '3:11 iacsec/suppression-without-reason missingReason «# iacsec-ignore encryption/s3-bucket-encryption»',
    ]);
    const blank = yaml(
      ...HEADER,
      '  Assets: # iacsec-ignore encryption/s3-bucket-encryption --   ',
      '    Type: AWS::S3::Bucket',
    );
    assert.deepEqual(lint(blank).slice(1), [
      '3:11 iacsec/suppression-without-reason missingReason «# iacsec-ignore encryption/s3-bucket-encryption --»',
    ]);
  });

  it('reports a suppression that covers no finding, an unknown rule, and one that names no rule', () => {
    const text = yaml(
      ...HEADER,
      '  Assets: # iacsec-ignore firewall/security-group-open-admin-port -- not a security group',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: assets # iacsec-ignore encryption/s3-bucket-encrypton -- typo',
      '      Tags: [] # iacsec-ignore -- forgot the rule',
    );
    assert.deepEqual(lint(text), [
      '3:27 iacsec/unused-suppression unused «firewall/security-group-open-admin-port»',
      '5:5 encryption/s3-bucket-encryption missing «Properties»',
      '6:42 iacsec/unused-suppression unknownRule «encryption/s3-bucket-encrypton»',
      '7:16 iacsec/unused-suppression noRule «# iacsec-ignore -- forgot the rule»',
    ]);
  });

  it('a comment on a line of its own must sit directly above the key: a blank line between makes it misplaced', () => {
    const text = yaml(
      ...HEADER,
      '  # iacsec-ignore encryption/s3-bucket-encryption -- meant for Assets',
      '',
      '  Assets:',
      '    Type: AWS::S3::Bucket',
    );
    assert.deepEqual(lint(text), [
      '3:3 iacsec/unused-suppression misplaced «# iacsec-ignore encryption/s3-bucket-encryption -- meant for Assets»',
      '5:3 encryption/s3-bucket-encryption missing «Assets»',
    ]);
  });

  it('suppression comments may stack above one key', () => {
    const text = yaml(
      ...HEADER,
      '  # iacsec-ignore encryption/s3-bucket-encryption -- public assets',
      '  # some other note',
      '  # checkov:skip=CKV_AWS_18:no access logs for assets',
      '  Assets:',
      '    Type: AWS::S3::Bucket',
    );
    assert.deepEqual(lint(text), [
      '6:3 encryption/s3-bucket-encryption missing «Assets» (iacsec-ignore: public assets)',
    ]);
  });

  it('text inside block and quoted scalars is no comment: it neither suppresses nor is reported', () => {
    const text = yaml(
      ...HEADER,
      '  Assets:',
      '    Type: AWS::S3::Bucket',
      '    Metadata:',
      '      Note: "see # iacsec-ignore encryption/s3-bucket-encryption -- in docs"',
      '      Script: |',
      '        # iacsec-ignore encryption/s3-bucket-encryption -- inside a block scalar',
      '        echo hello',
      '      Folded: >-',
      '        text',
      '        # iacsec-ignore encryption/s3-bucket-encryption -- still inside',
    );
    assert.deepEqual(lint(text), ['3:3 encryption/s3-bucket-encryption missing «Assets»']);
  });

  it('a marker that is not at the start of a comment is prose, not a suppression', () => {
    const text = yaml(...HEADER, '  Assets: # to silence this, use iacsec-ignore', '    Type: AWS::S3::Bucket');
    assert.deepEqual(lint(text), ['3:3 encryption/s3-bucket-encryption missing «Assets»']);
  });

  it('works with CRLF line endings and after a BOM', () => {
    const text = `\ufeff${yaml(
      ...HEADER,
      '  # iacsec-ignore encryption/s3-bucket-encryption -- public',
      '  Assets:',
      '    Type: AWS::S3::Bucket',
      '  Logs: # iacsec-ignore encryption/s3-bucket-encryption',
      '    Type: AWS::S3::Bucket',
    ).replace(/\n/g, '\r\n')}`;
    assert.deepEqual(lint(text), [
      '4:3 encryption/s3-bucket-encryption missing «Assets» (iacsec-ignore: public)',
      '6:3 encryption/s3-bucket-encryption missing «Logs» (iacsec-ignore: )',
      '6:9 iacsec/suppression-without-reason missingReason «# iacsec-ignore encryption/s3-bucket-encryption»',
    ]);
  });

  it('JSON has no comments: a string that looks like one suppresses nothing', () => {
    const text = JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Assets: { Type: 'AWS::S3::Bucket', Properties: { BucketName: '# iacsec-ignore encryption/* -- x' } },
      },
    });
    assert.deepEqual(
      lint(text, 'stack.json').map((line) => line.split(' ').slice(1, 3).join(' ')),
      ['encryption/s3-bucket-encryption missing'],
    );
  });

  it('is not reported unused when the rule it names is turned off; the engine findings take settings too', () => {
    const text = yaml(
      ...HEADER,
      '  Sg: # iacsec-ignore firewall/security-group-open-admin-port -- rule is off here',
      '    Type: AWS::EC2::SecurityGroup',
      '  Assets: # iacsec-ignore encryption/s3-bucket-encryption',
      '    Type: AWS::S3::Bucket',
      '  Logs: # iacsec-ignore encryption/rds-storage-encryption -- wrong resource',
      '    Type: AWS::S3::Bucket',
    );
    const settings = {
      'firewall/security-group-open-admin-port': 'off',
      'encryption/s3-bucket-encryption': 'off',
      'iacsec/suppression-without-reason': 'error',
    } as const;
    assert.deepEqual(lint(text, 'stack.yaml', { settings }), [
      '5:11 iacsec/suppression-without-reason missingReason «# iacsec-ignore encryption/s3-bucket-encryption»',
      '7:25 iacsec/unused-suppression unused «encryption/rds-storage-encryption»',
    ]);
    const quiet = {
      settings: { ...settings, 'iacsec/unused-suppression': 'off', 'iacsec/suppression-without-reason': 'off' },
    } as const;
    assert.deepEqual(lint(text, 'stack.yaml', quiet), []);
  });
});
