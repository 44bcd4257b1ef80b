import * as assert from 'node:assert/strict';
import { EditError, FixEditor, fixEdits } from '../../src/edits/index';
import { edit, nodeAt } from './helpers';

const ADMIN = { Type: 'String', Description: 'Admin range', AllowedPattern: '^[0-9./]+$' };
const add = { kind: 'addParameter', name: 'AdminCidr', definition: ADMIN } as const;

describe('edits: addParameter', () => {
  it('YAML: appends to an existing Parameters section', () => {
    const text = 'Parameters:\n  Env:\n    Type: String # dev or prod\n\nResources:\n  T:\n    Type: AWS::SNS::Topic\n';
    assert.equal(
      edit(text, 't.yaml', add),
      'Parameters:\n  Env:\n    Type: String # dev or prod\n  AdminCidr:\n    Type: String\n    Description: Admin range\n    AllowedPattern: ^[0-9./]+$\n\nResources:\n  T:\n    Type: AWS::SNS::Topic\n',
    );
  });

  it('YAML: creates the section before the first section that follows Parameters, above its comments, keeping blank lines', () => {
    const text =
      "AWSTemplateFormatVersion: '2010-09-09'\nDescription: d\n\n# Lookups\nMappings:\n  M:\n    K: { V: 1 }\n\nResources:\n  T:\n    Type: AWS::SNS::Topic\n";
    assert.equal(
      edit(text, 't.yaml', add),
      "AWSTemplateFormatVersion: '2010-09-09'\nDescription: d\n\nParameters:\n  AdminCidr:\n    Type: String\n    Description: Admin range\n    AllowedPattern: ^[0-9./]+$\n\n# Lookups\nMappings:\n  M:\n    K: { V: 1 }\n\nResources:\n  T:\n    Type: AWS::SNS::Topic\n",
    );
  });

  it('YAML: fills a Parameters section written as {}', () => {
    const text = 'Parameters: {}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n';
    assert.equal(
      edit(text, 't.yaml', add),
      "Parameters: { AdminCidr: { Type: String, Description: Admin range, AllowedPattern: '^[0-9./]+$' } }\nResources:\n  T:\n    Type: AWS::SNS::Topic\n",
    );
  });

  it('JSON: creates the section after AWSTemplateFormatVersion and Description', () => {
    const text =
      '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Description": "d",\n  "Resources": { "T": { "Type": "AWS::SNS::Topic" } }\n}\n';
    assert.equal(
      edit(text, 't.json', add),
      '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Description": "d",\n  "Parameters": {\n    "AdminCidr": {\n      "Type": "String",\n      "Description": "Admin range",\n      "AllowedPattern": "^[0-9./]+$"\n    }\n  },\n  "Resources": { "T": { "Type": "AWS::SNS::Topic" } }\n}\n',
    );
    const bare = '{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}';
    assert.equal(
      edit(bare, 't.json', { kind: 'addParameter', name: 'P', definition: { Type: 'String' } }),
      '{"Parameters": {"P": {"Type": "String"}}, "Resources": {"T": {"Type": "AWS::SNS::Topic"}}}',
    );
  });

  it('JSON: appends to an existing section', () => {
    const text =
      '{\n  "Parameters": {\n    "Env": { "Type": "String" }\n  },\n  "Resources": { "T": { "Type": "AWS::SNS::Topic" } }\n}';
    assert.equal(
      edit(text, 't.json', { kind: 'addParameter', name: 'P', definition: { Type: 'String' } }),
      '{\n  "Parameters": {\n    "Env": { "Type": "String" },\n    "P": {\n      "Type": "String"\n    }\n  },\n  "Resources": { "T": { "Type": "AWS::SNS::Topic" } }\n}',
    );
  });

  it('is a no-op when the same parameter is there, and refuses one of the same name that differs', () => {
    const text =
      "Parameters:\n  AdminCidr:\n    Type: String\n    Description: Admin range\n    AllowedPattern: '^[0-9./]+$'\nResources:\n  T:\n    Type: AWS::SNS::Topic\n";
    assert.deepEqual(fixEdits(text, 't.yaml', { title: 't', safe: true, changes: [add] }), []);
    assert.throws(
      () => fixEdits(text, 't.yaml', { title: 't', safe: true, changes: [{ ...add, definition: { Type: 'Number' } }] }),
      (error: unknown) => error instanceof EditError && /parameter AdminCidr already exists/.test(error.message),
    );
  });
});

describe('edits: what cannot be done is refused, never guessed', () => {
  const text =
    'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: !If [C, { A: 1 }, { A: 2 }]\n  U:\n    Type: AWS::SNS::Topic\n    Properties:\n      Name: x\n';
  const refuses = (pattern: RegExp, change: Parameters<typeof edit>[2]): void =>
    assert.throws(
      () => edit(text, 't.yaml', change),
      (error: unknown) => error instanceof EditError && pattern.test(error.message),
    );

  it('a map that is a function call, a path through a scalar, a range that holds no node', () => {
    refuses(/function call/, {
      kind: 'set',
      map: nodeAt(text, 't.yaml', 'Resources', 'T', 'Properties'),
      path: ['B'],
      value: 1,
    });
    refuses(/Name is not a map/, {
      kind: 'set',
      map: nodeAt(text, 't.yaml', 'Resources', 'U', 'Properties'),
      path: ['Name', 'Inner'],
      value: 1,
    });
    refuses(/no map at 3-9/, { kind: 'set', map: { start: 3, end: 9 }, path: ['B'], value: 1 });
    refuses(/no key at 0-3/, { kind: 'remove', key: { start: 0, end: 3 } });
  });

  it('changes of one fix that overlap', () => {
    const name = nodeAt(text, 't.yaml', 'Resources', 'U', 'Properties', 'Name');
    assert.throws(
      () =>
        new FixEditor(text, 't.yaml').edits({
          title: 'twice',
          safe: true,
          changes: [
            { kind: 'replace', node: name, value: 'y' },
            { kind: 'replace', node: name, value: 'z' },
          ],
        }),
      (error: unknown) => error instanceof EditError && /the changes of "twice" overlap/.test(error.message),
    );
  });

  it('a text that no longer reads as a template', () => {
    assert.throws(() => new FixEditor('{ not: [json', 't.json'), EditError);
  });

  it('sets nothing when the value is already there', () => {
    const properties = nodeAt(text, 't.yaml', 'Resources', 'U', 'Properties');
    assert.deepEqual(
      fixEdits(text, 't.yaml', {
        title: 't',
        safe: true,
        changes: [{ kind: 'set', map: properties, path: ['Name'], value: 'x' }],
      }),
      [],
    );
  });
});
