import * as assert from 'node:assert/strict';
import { readDocument, type ReadOutcome } from '../../src/parsing/detect';
import { DEFAULT_LIMITS } from '../../src/parsing/errors';

function read(text: string, file: string, limits = DEFAULT_LIMITS): ReadOutcome {
  return readDocument(text, file, limits);
}

describe('readDocument (detection and limits)', () => {
  const templates: [string, string][] = [
    ['version only, YAML', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n'],
    [
      'resources only, YAML (SAM style)',
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n',
    ],
    ['JSON', '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}'],
    ['YAML in flow style', '{AWSTemplateFormatVersion: "2010-09-09", Resources: {}}'],
  ];
  for (const [name, text] of templates) {
    it(`detects a CloudFormation template: ${name}`, () => {
      const outcome = read(text, name.includes('JSON') ? 't.json' : 't.yaml');
      assert.equal(outcome.kind, 'document');
    });
  }

  const others: [string, string][] = [
    ['buildspec.yml', 'version: 0.2\nphases:\n  build:\n    commands:\n      - npm test\n'],
    [
      'deployment.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - resources:\n            limits: {cpu: 1}\n',
    ],
    ['.github/workflows/ci.yml', 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n'],
    ['package.json', '{"name": "x", "version": "1.0.0", "scripts": {"test": "mocha"}}'],
    ['docker-compose.yml', 'services:\n  web:\n    image: nginx\n'],
    ['params.json', '[{"ParameterKey": "Env", "ParameterValue": "prod"}]'],
    ['notes.yaml', 'Resources:\n  - not a template\n'],
    ['mentions.json', '{"doc": "Resources: Type: AWS::S3::Bucket"}'],
    ['broken-other.yaml', 'key: [unclosed\n'],
    ['binary.yaml', 'Resources:\u0000\u0001 Type: AWS::S3::Bucket'],
  ];
  for (const [file, text] of others) {
    it(`yields nothing for ${file}`, () => {
      assert.deepEqual(read(text, file), { kind: 'not-iac' });
    });
  }

  it('reports a malformed template once, with the offset of the error', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: [AWS::S3::Bucket\n';
    const outcome = read(text, 'broken.yaml');
    assert.equal(outcome.kind, 'problem');
    assert.ok(
      outcome.kind === 'problem' && outcome.problem.code === 'parse' && outcome.problem.offset > text.indexOf('Type'),
    );
  });

  it('reports an unparseable file whose name marks it as a template, even without markers', () => {
    const outcome = read('{ not json', 'stack.template.json');
    assert.equal(outcome.kind === 'problem' && outcome.problem.code, 'parse');
    const binary = read('\u0000\u0001\u0002', 'stack.template');
    assert.equal(binary.kind === 'problem' && binary.problem.code, 'read');
  });

  it('treats a file whose markers come only after the error as not IaC', () => {
    assert.deepEqual(read('x: [\nAWSTemplateFormatVersion: 1\n', 'x.yaml').kind, 'problem');
    assert.deepEqual(read('x: ]\n# AWSTemplateFormatVersion: later\n', 'x.yaml').kind, 'not-iac');
  });

  it('enforces the size limit before parsing', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n# ${'x'.repeat(2000)}\n`;
    const outcome = read(text, 'big.yaml', { ...DEFAULT_LIMITS, maxTemplateBytes: 1024 });
    assert.equal(outcome.kind === 'problem' && outcome.problem.code, 'limit');
    assert.match(outcome.kind === 'problem' ? outcome.problem.message : '', /over the 1 KB limit/);
  });

  it('enforces the depth limit on templates in both syntaxes', () => {
    const deep = (open: string, close: string): string => `${open.repeat(300)}${close.repeat(300)}`;
    const yaml = read(`AWSTemplateFormatVersion: "2010-09-09"\nMetadata: ${deep('[', ']')}\n`, 't.yaml');
    const json = read(`{"AWSTemplateFormatVersion": "2010-09-09", "Metadata": ${deep('[', ']')}}`, 't.json');
    assert.equal(yaml.kind === 'problem' && yaml.problem.code, 'limit');
    assert.equal(json.kind === 'problem' && json.problem.code, 'limit');
  });
});
