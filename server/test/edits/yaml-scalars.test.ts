import * as assert from 'node:assert/strict';
import { edit, nodeAt } from './helpers';

/** Lines joined with LF and a final newline: the texts below read as the files they stand for. */
const lines = (...content: string[]): string => `${content.join('\n')}\n`;

describe('edits: YAML scalars and functions', () => {
  it('writes Ref as a short-form tag when the file uses short forms anywhere, else in long form', () => {
    const short = lines(
      'Resources:',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      '      TopicName: !Sub ${AWS::StackName}-t',
    );
    const properties = nodeAt(short, 't.yaml', 'Resources', 'Topic', 'Properties');
    assert.equal(
      edit(
        short,
        't.yaml',
        { kind: 'set', map: properties, path: ['KmsMasterKeyId'], value: { 'Fn::GetAtt': ['Key', 'Arn'] } },
        { kind: 'set', map: properties, path: ['DisplayName'], value: { 'Fn::Base64': { 'Fn::Sub': 'a ${B}' } } },
        {
          kind: 'set',
          map: properties,
          path: ['Tags'],
          value: [{ Key: 'env', Value: { 'Fn::If': ['Prod', { Ref: 'Env' }, 'dev'] } }],
        },
      ),
      lines(
        'Resources:',
        '  Topic:',
        '    Type: AWS::SNS::Topic',
        '    Properties:',
        '      TopicName: !Sub ${AWS::StackName}-t',
        '      KmsMasterKeyId: !GetAtt Key.Arn',
        "      DisplayName: !Base64 { Fn::Sub: 'a ${B}' }",
        '      Tags:',
        '        - Key: env',
        '          Value: !If [Prod, !Ref Env, dev]',
      ),
    );
    const long = lines('Resources:', '  Topic:', '    Type: AWS::SNS::Topic', '    Properties:', '      TopicName: t');
    assert.equal(
      edit(long, 't.yaml', {
        kind: 'set',
        map: nodeAt(long, 't.yaml', 'Resources', 'Topic', 'Properties'),
        path: ['KmsMasterKeyId'],
        value: { Ref: 'Key' },
      }),
      `${long}      KmsMasterKeyId:\n        Ref: Key\n`,
    );
  });

  it('quotes a scalar only when YAML 1.1 or 1.2 would read it as something else', () => {
    const text = lines('Resources:', '  Topic:', '    Type: AWS::SNS::Topic', '    Properties:', '      A: 1');
    const properties = nodeAt(text, 't.yaml', 'Resources', 'Topic', 'Properties');
    const values: Record<string, string> = {
      Cidr: '0.0.0.0/0',
      Ipv6: '::/0',
      Kms: 'aws:kms',
      Star: '*',
      Yes: 'yes',
      Colon: ':',
      Date: '2010-09-09',
      Number: '22',
      Pair: 'a: b',
      Hash: 'a #b',
      Apostrophe: "it's",
      Sexagesimal: '1:20',
      Padded: ' x',
      Newline: 'a\nb',
      Empty: '',
    };
    const changes = Object.entries(values).map(([key, value]) => ({
      kind: 'set' as const,
      map: properties,
      path: [key],
      value,
    }));
    assert.equal(
      edit(
        text,
        't.yaml',
        ...changes,
        { kind: 'set', map: properties, path: ['Real'], value: 22 },
        { kind: 'set', map: properties, path: ['Flag'], value: false },
      ),
      `${text}${[
        'Cidr: 0.0.0.0/0',
        'Ipv6: ::/0',
        'Kms: aws:kms',
        "Star: '*'",
        // The key too: YAML 1.1 reads a plain Yes key as true.
        "'Yes': 'yes'",
        "Colon: ':'",
        "Date: '2010-09-09'",
        "Number: '22'",
        "Pair: 'a: b'",
        "Hash: 'a #b'",
        "Apostrophe: it's",
        "Sexagesimal: '1:20'",
        "Padded: ' x'",
        'Newline: "a\\nb"',
        "Empty: ''",
        'Real: 22',
        'Flag: false',
      ]
        .map((line) => `      ${line}\n`)
        .join('')}`,
    );
  });

  it('quotes with the quote the file prefers', () => {
    const text = lines(
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '    Properties: {}',
    );
    const root = nodeAt(text, 't.yaml', 'Resources', 'Topic');
    assert.equal(
      edit(text, 't.yaml', { kind: 'set', map: root, path: ['Condition'], value: 'yes' }),
      `${text}    Condition: "yes"\n`,
    );
  });
});
