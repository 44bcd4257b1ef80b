import * as assert from 'node:assert/strict';
import { edit, keyAt, nodeAt } from './helpers';

const S3_DEFAULT = {
  ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
};

/** JSON lines joined with LF, no final newline (as many JSON writers leave it). */
const json = (...content: string[]): string => content.join('\n');

describe('edits: JSON', () => {
  it('adds a member on its own line at the members’ indentation, with the comma before it', () => {
    const text = json(
      '{',
      '    "Resources": {',
      '        "Bucket": {',
      '            "Type": "AWS::S3::Bucket",',
      '            "Properties": {',
      '                "BucketName": "logs"',
      '            }',
      '        }',
      '    }',
      '}',
    );
    const properties = nodeAt(text, 't.json', 'Resources', 'Bucket', 'Properties');
    assert.equal(
      edit(text, 't.json', { kind: 'set', map: properties, path: ['BucketEncryption'], value: S3_DEFAULT }),
      json(
        '{',
        '    "Resources": {',
        '        "Bucket": {',
        '            "Type": "AWS::S3::Bucket",',
        '            "Properties": {',
        '                "BucketName": "logs",',
        '                "BucketEncryption": {',
        '                    "ServerSideEncryptionConfiguration": [',
        '                        {',
        '                            "ServerSideEncryptionByDefault": {',
        '                                "SSEAlgorithm": "AES256"',
        '                            }',
        '                        }',
        '                    ]',
        '                }',
        '            }',
        '        }',
        '    }',
        '}',
      ),
    );
  });

  it('indents with tabs when the file does, and opens {} across lines in a multi-line object', () => {
    const text =
      '{\n\t"Resources": {\n\t\t"Db": {\n\t\t\t"Type": "AWS::RDS::DBInstance",\n\t\t\t"Properties": {}\n\t\t}\n\t}\n}\n';
    const properties = nodeAt(text, 't.json', 'Resources', 'Db', 'Properties');
    assert.equal(
      edit(text, 't.json', { kind: 'set', map: properties, path: ['Tags'], value: [{ Key: 'a', Value: 'b' }] }),
      '{\n\t"Resources": {\n\t\t"Db": {\n\t\t\t"Type": "AWS::RDS::DBInstance",\n\t\t\t"Properties": {\n\t\t\t\t"Tags": [\n\t\t\t\t\t{\n\t\t\t\t\t\t"Key": "a",\n\t\t\t\t\t\t"Value": "b"\n\t\t\t\t\t}\n\t\t\t\t]\n\t\t\t}\n\t\t}\n\t}\n}\n',
    );
  });

  it('keeps one-line objects on one line, in the file’s spacing', () => {
    const padded =
      '{ "Resources": { "Db": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "mysql" } }, "T": { "Type": "AWS::SNS::Topic", "Properties": {} } } }';
    assert.equal(
      edit(
        padded,
        't.json',
        {
          kind: 'set',
          map: nodeAt(padded, 't.json', 'Resources', 'Db', 'Properties'),
          path: ['StorageEncrypted'],
          value: true,
        },
        {
          kind: 'set',
          map: nodeAt(padded, 't.json', 'Resources', 'T', 'Properties'),
          path: ['Tags'],
          value: [{ Key: 'a', Value: 'b' }],
        },
      ),
      '{ "Resources": { "Db": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "mysql", "StorageEncrypted": true } }, "T": { "Type": "AWS::SNS::Topic", "Properties": { "Tags": [ { "Key": "a", "Value": "b" } ] } } } }',
    );
    const tight = '{"Resources":{"Db":{"Type":"AWS::RDS::DBInstance","Properties":{}}}}';
    assert.equal(
      edit(tight, 't.json', {
        kind: 'set',
        map: nodeAt(tight, 't.json', 'Resources', 'Db', 'Properties'),
        path: ['StorageEncrypted'],
        value: true,
      }),
      '{"Resources":{"Db":{"Type":"AWS::RDS::DBInstance","Properties":{"StorageEncrypted":true}}}}',
    );
  });

  it('replaces a value, writing a function call on one line as CloudFormation JSON does', () => {
    const text = json(
      '{',
      '  "Resources": {',
      '    "Ssh": {',
      '      "Type": "AWS::EC2::SecurityGroupIngress",',
      '      "Properties": {',
      '        "CidrIp": "0.0.0.0/0",',
      '        "Tags": "none"',
      '      }',
      '    }',
      '  }',
      '}',
    );
    const at = (key: string) => nodeAt(text, 't.json', 'Resources', 'Ssh', 'Properties', key);
    assert.equal(
      edit(
        text,
        't.json',
        { kind: 'replace', node: at('CidrIp'), value: { Ref: 'AdminCidr' } },
        { kind: 'replace', node: at('Tags'), value: [{ Key: 'a', Value: 'b' }] },
      ),
      json(
        '{',
        '  "Resources": {',
        '    "Ssh": {',
        '      "Type": "AWS::EC2::SecurityGroupIngress",',
        '      "Properties": {',
        '        "CidrIp": { "Ref": "AdminCidr" },',
        '        "Tags": [',
        '          {',
        '            "Key": "a",',
        '            "Value": "b"',
        '          }',
        '        ]',
        '      }',
        '    }',
        '  }',
        '}',
      ),
    );
  });

  it('removes a member with its comma: the first, the last, the only one', () => {
    const text = json(
      '{',
      '  "Parameters": {',
      '    "A": {',
      '      "Type": "String",',
      '      "Default": "x",',
      '      "Description": "d"',
      '    },',
      '    "B": { "Default": "y" }',
      '  },',
      '  "Resources": { "T": { "Type": "AWS::SNS::Topic" } }',
      '}',
    );
    const key = (...path: string[]) => keyAt(text, 't.json', 'Parameters', ...path);
    assert.equal(
      edit(text, 't.json', { kind: 'remove', key: key('A', 'Type') }, { kind: 'remove', key: key('B', 'Default') }),
      json(
        '{',
        '  "Parameters": {',
        '    "A": {',
        '      "Default": "x",',
        '      "Description": "d"',
        '    },',
        '    "B": {}',
        '  },',
        '  "Resources": { "T": { "Type": "AWS::SNS::Topic" } }',
        '}',
      ),
    );
    assert.equal(
      edit(text, 't.json', { kind: 'remove', key: key('A', 'Description') }),
      json(
        '{',
        '  "Parameters": {',
        '    "A": {',
        '      "Type": "String",',
        '      "Default": "x"',
        '    },',
        '    "B": { "Default": "y" }',
        '  },',
        '  "Resources": { "T": { "Type": "AWS::SNS::Topic" } }',
        '}',
      ),
    );
  });

  it('keeps CRLF line endings', () => {
    const text =
      '{\r\n  "Resources": {\r\n    "Db": {\r\n      "Type": "AWS::RDS::DBInstance"\r\n    }\r\n  }\r\n}\r\n';
    assert.equal(
      edit(text, 't.json', {
        kind: 'set',
        map: nodeAt(text, 't.json', 'Resources', 'Db'),
        path: ['Properties', 'StorageEncrypted'],
        value: true,
      }),
      '{\r\n  "Resources": {\r\n    "Db": {\r\n      "Type": "AWS::RDS::DBInstance",\r\n      "Properties": {\r\n        "StorageEncrypted": true\r\n      }\r\n    }\r\n  }\r\n}\r\n',
    );
  });
});
