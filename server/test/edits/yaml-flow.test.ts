import * as assert from 'node:assert/strict';
import { edit, keyAt, nodeAt } from './helpers';

const S3_DEFAULT = {
  ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
};

/** A one-resource template whose Properties are `properties`, written as given. */
const bucket = (properties: string): string =>
  `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: ${properties}\n`;
const properties = (text: string) => nodeAt(text, 't.yaml', 'Resources', 'Bucket', 'Properties');

describe('edits: YAML flow maps', () => {
  it('adds a member to a one-line map, in flow style all the way down', () => {
    const text = bucket('{ BucketName: logs }');
    assert.equal(
      edit(text, 't.yaml', { kind: 'set', map: properties(text), path: ['BucketEncryption'], value: S3_DEFAULT }),
      bucket(
        '{ BucketName: logs, BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 } }] } }',
      ),
    );
  });

  it('fills {} and follows the file’s spacing inside brackets', () => {
    const spaced = `${bucket('{}')}  Other:\n    Type: AWS::SNS::Topic\n    Properties: { Tags: [ { Key: a, Value: b } ] }\n`;
    assert.equal(
      edit(spaced, 't.yaml', {
        kind: 'set',
        map: properties(spaced),
        path: ['Tags'],
        value: [{ Key: 'env', Value: 'prod' }],
      }),
      spaced.replace('Properties: {}', 'Properties: { Tags: [ { Key: env, Value: prod } ] }'),
    );
    const tight = `${bucket('{BucketName: logs}')}  Other:\n    Type: AWS::SNS::Topic\n    Properties: {Tags: [{Key: a, Value: b}]}\n`;
    assert.equal(
      edit(tight, 't.yaml', {
        kind: 'set',
        map: properties(tight),
        path: ['Tags'],
        value: [{ Key: 'env', Value: 'prod' }],
      }),
      tight.replace('{BucketName: logs}', '{BucketName: logs, Tags: [{Key: env, Value: prod}]}'),
    );
  });

  it('keeps an anchor before the bracket, and spaces a value written where an empty one was', () => {
    const text = `${bucket('&shared {}')}  Other:\n    Type: AWS::S3::Bucket\n    Properties: { A: , B: 1 }\n`;
    const other = nodeAt(text, 't.yaml', 'Resources', 'Other', 'Properties');
    assert.equal(
      edit(
        text,
        't.yaml',
        { kind: 'set', map: properties(text), path: ['X'], value: 1 },
        { kind: 'set', map: other, path: ['A'], value: 'v' },
      ),
      `${bucket('&shared { X: 1 }')}  Other:\n    Type: AWS::S3::Bucket\n    Properties: { A: v, B: 1 }\n`,
    );
  });

  it('quotes what flow context needs quoted, and no more', () => {
    const text = bucket('{ BucketName: logs }');
    assert.equal(
      edit(
        text,
        't.yaml',
        { kind: 'set', map: properties(text), path: ['A'], value: 'a,b' },
        { kind: 'set', map: properties(text), path: ['B'], value: 'x]' },
        { kind: 'set', map: properties(text), path: ['C'], value: '0.0.0.0/0' },
      ),
      bucket("{ BucketName: logs, A: 'a,b', B: 'x]', C: 0.0.0.0/0 }"),
    );
  });

  it('gives a member of a multi-line map a line of its own, after a comment that ends the last member', () => {
    const text = bucket('{\n      BucketName: logs, # the name\n      Tags: [] # none yet\n    }');
    assert.equal(
      edit(text, 't.yaml', { kind: 'set', map: properties(text), path: ['ObjectLockEnabled'], value: true }),
      bucket('{\n      BucketName: logs, # the name\n      Tags: [], # none yet\n      ObjectLockEnabled: true\n    }'),
    );
    const trailing = bucket('{\n      BucketName: logs,\n    }');
    assert.equal(
      edit(trailing, 't.yaml', { kind: 'set', map: properties(trailing), path: ['ObjectLockEnabled'], value: true }),
      bucket('{\n      BucketName: logs,\n      ObjectLockEnabled: true,\n    }'),
    );
  });

  it('replaces inside flow with flow values, short form where the file uses it', () => {
    const text = bucket('{ BucketName: !Sub "${AWS::StackName}-logs", Tags: [{ Key: cidr, Value: 0.0.0.0/0 }] }');
    const value = nodeAt(text, 't.yaml', 'Resources', 'Bucket', 'Properties', 'Tags', 0, 'Value');
    assert.equal(
      edit(text, 't.yaml', { kind: 'replace', node: value, value: { Ref: 'AdminCidr' } }),
      bucket('{ BucketName: !Sub "${AWS::StackName}-logs", Tags: [{ Key: cidr, Value: !Ref AdminCidr }] }'),
    );
    const long = bucket('{ Tags: [{ Key: cidr, Value: 0.0.0.0/0 }] }');
    const longValue = nodeAt(long, 't.yaml', 'Resources', 'Bucket', 'Properties', 'Tags', 0, 'Value');
    assert.equal(
      edit(long, 't.yaml', { kind: 'replace', node: longValue, value: { Ref: 'AdminCidr' } }),
      bucket('{ Tags: [{ Key: cidr, Value: { Ref: AdminCidr } }] }'),
    );
  });

  it('removes a member with its comma, and the only one leaving {}', () => {
    const text = bucket('{ A: 1, B: 2, C: 3 }');
    const key = (name: string) => keyAt(text, 't.yaml', 'Resources', 'Bucket', 'Properties', name);
    assert.equal(edit(text, 't.yaml', { kind: 'remove', key: key('A') }), bucket('{ B: 2, C: 3 }'));
    assert.equal(edit(text, 't.yaml', { kind: 'remove', key: key('C') }), bucket('{ A: 1, B: 2 }'));
    const only = bucket('{ A: 1 }');
    assert.equal(
      edit(only, 't.yaml', { kind: 'remove', key: keyAt(only, 't.yaml', 'Resources', 'Bucket', 'Properties', 'A') }),
      bucket('{}'),
    );
  });
});
