import * as assert from 'node:assert/strict';
import { edit, keyAt, nodeAt } from './helpers';

/** Lines joined with LF and a final newline: the texts below read as the files they stand for. */
const lines = (...content: string[]): string => `${content.join('\n')}\n`;

const S3_DEFAULT = {
  ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
};

const BUCKET = lines(
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Resources:',
  '  Bucket:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  '      # the name is fixed',
  '      BucketName: logs # kept',
  '        # still about the name',
  '      # about Topic, which follows',
  '',
  '  Topic:',
  '    Type: AWS::SNS::Topic',
);

describe('edits: YAML block maps', () => {
  it('inserts after the last entry and the comments that belong to it, before those that follow, at the keys’ column', () => {
    const properties = nodeAt(BUCKET, 't.yaml', 'Resources', 'Bucket', 'Properties');
    assert.equal(
      edit(BUCKET, 't.yaml', { kind: 'set', map: properties, path: ['BucketEncryption'], value: S3_DEFAULT }),
      lines(
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Resources:',
        '  Bucket:',
        '    Type: AWS::S3::Bucket',
        '    Properties:',
        '      # the name is fixed',
        '      BucketName: logs # kept',
        '        # still about the name',
        '      BucketEncryption:',
        '        ServerSideEncryptionConfiguration:',
        '          - ServerSideEncryptionByDefault:',
        '              SSEAlgorithm: AES256',
        '      # about Topic, which follows',
        '',
        '  Topic:',
        '    Type: AWS::SNS::Topic',
      ),
    );
  });

  it('creates missing maps on the way, and Properties on a resource without it', () => {
    const topic = nodeAt(BUCKET, 't.yaml', 'Resources', 'Topic');
    assert.equal(
      edit(BUCKET, 't.yaml', { kind: 'set', map: topic, path: ['Properties', 'KmsMasterKeyId', 'Ref'], value: 'Key' }),
      BUCKET.replace(
        '    Type: AWS::SNS::Topic\n',
        '    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId:\n        Ref: Key\n',
      ),
    );
  });

  it('fills a key written with nothing after it, keeping a comment on its line', () => {
    const text = lines(
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties: # to do',
      'Outputs: {}',
    );
    const db = nodeAt(text, 't.yaml', 'Resources', 'Db');
    assert.equal(
      edit(text, 't.yaml', { kind: 'set', map: db, path: ['Properties', 'StorageEncrypted'], value: true }),
      lines(
        'Resources:',
        '  Db:',
        '    Type: AWS::RDS::DBInstance',
        '    Properties: # to do',
        '      StorageEncrypted: true',
        'Outputs: {}',
      ),
    );
    const bare = lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:');
    assert.equal(
      edit(bare, 't.yaml', {
        kind: 'set',
        map: nodeAt(bare, 't.yaml', 'Resources', 'Db'),
        path: ['Properties', 'A'],
        value: 1,
      }),
      lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      A: 1'),
    );
  });

  it('uses the file’s indentation step and sequence style', () => {
    const four = lines(
      'Resources:',
      '    Bucket:',
      '        Type: AWS::S3::Bucket',
      '        Properties:',
      '            Tags:',
      '            - Key: a',
      '              Value: b',
    );
    const properties = nodeAt(four, 't.yaml', 'Resources', 'Bucket', 'Properties');
    assert.equal(
      edit(four, 't.yaml', { kind: 'set', map: properties, path: ['BucketEncryption'], value: S3_DEFAULT }),
      lines(
        'Resources:',
        '    Bucket:',
        '        Type: AWS::S3::Bucket',
        '        Properties:',
        '            Tags:',
        '            - Key: a',
        '              Value: b',
        '            BucketEncryption:',
        '                ServerSideEncryptionConfiguration:',
        '                - ServerSideEncryptionByDefault:',
        '                      SSEAlgorithm: AES256',
      ),
    );
  });

  it('replaces a value in place, a quoted scalar keeping its quotes, a block value moving below its key', () => {
    const text = lines(
      'Resources:',
      '  Group:',
      '    Type: AWS::EC2::SecurityGroupIngress',
      '    Properties:',
      "      CidrIp: '0.0.0.0/0'",
      '      Description: "open"',
      '      CidrIpv6: ::/0 # everyone',
      '      Tags:',
      '        - 0.0.0.0/0',
    );
    const at = (...path: (string | number)[]) => nodeAt(text, 't.yaml', 'Resources', 'Group', 'Properties', ...path);
    assert.equal(
      edit(
        text,
        't.yaml',
        { kind: 'replace', node: at('CidrIp'), value: '10.0.0.0/8' },
        { kind: 'replace', node: at('Description'), value: 'admins' },
        { kind: 'replace', node: at('CidrIpv6'), value: { Ref: 'AdminCidrIpv6' } },
        { kind: 'replace', node: at('Tags', 0), value: { Ref: 'AdminCidr' } },
      ),
      lines(
        'Resources:',
        '  Group:',
        '    Type: AWS::EC2::SecurityGroupIngress',
        '    Properties:',
        "      CidrIp: '10.0.0.0/8'",
        '      Description: "admins"',
        '      CidrIpv6: # everyone',
        '        Ref: AdminCidrIpv6',
        '      Tags:',
        '        - Ref: AdminCidr',
      ),
    );
  });

  it('removes an entry’s lines, leaves {} for the only one, and lifts the next key of a compact item', () => {
    const text = lines(
      'Parameters:',
      '  AdminCidr:',
      '    Type: String',
      '    # what deploys by default',
      '    Default: 0.0.0.0/0 # open',
      '    Description: admins',
      '  Only:',
      '    Default: x',
      'Resources:',
      '  Group:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      SecurityGroupIngress:',
      '        - CidrIp: 0.0.0.0/0',
      '          IpProtocol: -1',
    );
    assert.equal(
      edit(
        text,
        't.yaml',
        { kind: 'remove', key: keyAt(text, 't.yaml', 'Parameters', 'AdminCidr', 'Default') },
        { kind: 'remove', key: keyAt(text, 't.yaml', 'Parameters', 'Only', 'Default') },
        {
          kind: 'remove',
          key: keyAt(text, 't.yaml', 'Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0, 'CidrIp'),
        },
      ),
      lines(
        'Parameters:',
        '  AdminCidr:',
        '    Type: String',
        '    # what deploys by default',
        '    Description: admins',
        '  Only: {}',
        'Resources:',
        '  Group:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      SecurityGroupIngress:',
        '        - IpProtocol: -1',
      ),
    );
  });

  it('removes the last line of a file without a final newline, with the line break before it', () => {
    const text = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  P:\n    Type: String\n    Default: 0.0.0.0/0";
    const last = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      A: 1\n      B: 2';
    assert.equal(
      edit(text, 't.yaml', { kind: 'remove', key: keyAt(text, 't.yaml', 'Parameters', 'P', 'Default') }),
      "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  P:\n    Type: String",
    );
    assert.equal(
      edit(last, 't.yaml', { kind: 'remove', key: keyAt(last, 't.yaml', 'Resources', 'T', 'Properties', 'B') }),
      'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      A: 1',
    );
  });

  it('keeps CRLF line endings and the absence of a final newline', () => {
    const text = 'Resources:\r\n  Db:\r\n    Type: AWS::RDS::DBInstance\r\n    Properties:\r\n      Engine: mysql';
    const properties = nodeAt(text, 't.yaml', 'Resources', 'Db', 'Properties');
    assert.equal(
      edit(text, 't.yaml', { kind: 'set', map: properties, path: ['Tags'], value: [{ Key: 'a', Value: 'b' }] }),
      'Resources:\r\n  Db:\r\n    Type: AWS::RDS::DBInstance\r\n    Properties:\r\n      Engine: mysql\r\n      Tags:\r\n        - Key: a\r\n          Value: b',
    );
  });
});
