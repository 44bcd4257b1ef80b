import * as assert from 'node:assert/strict';
import { plainValue } from '../../src/diff/plain';
import { DEFAULT_LIMITS } from '../../src/parsing/errors';
import { readJson } from '../../src/parsing/json';
import { readYaml } from '../../src/parsing/yaml';

describe('plainValue (the source tree as the diff library reads it)', () => {
  it('turns YAML, short-form tags included, into the long-form JSON value', () => {
    const tree = readYaml(
      [
        'Resources:',
        '  Topic:',
        '    Type: AWS::SNS::Topic',
        '    Properties:',
        '      TopicName: !Sub "${AWS::StackName}-alerts"',
        '      KmsMasterKeyId: !GetAtt Key.Arn',
        '      Tags: [{ Key: retain, Value: true }, { Key: 7, Value: null }]',
        '',
      ].join('\n'),
      DEFAULT_LIMITS,
    );
    assert.deepEqual(plainValue(tree), {
      Resources: {
        Topic: {
          Type: 'AWS::SNS::Topic',
          Properties: {
            TopicName: { 'Fn::Sub': '${AWS::StackName}-alerts' },
            KmsMasterKeyId: { 'Fn::GetAtt': 'Key.Arn' },
            Tags: [
              { Key: 'retain', Value: true },
              { Key: 7, Value: null },
            ],
          },
        },
      },
    });
  });

  it('makes `__proto__` an own key rather than a prototype, and numeric keys strings', () => {
    const value = plainValue(readJson('{"a": 1, "__proto__": {"polluted": true}, "7": [false]}', DEFAULT_LIMITS));
    // Integer-like keys come first in any JavaScript object; the library compares maps by key, not order.
    assert.deepEqual(Object.keys(value as object), ['7', 'a', '__proto__']);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(value, '__proto__')?.value, { polluted: true });
    assert.equal((value as { polluted?: boolean }).polluted, undefined);
  });
});
