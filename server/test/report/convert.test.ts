import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { displayPath, lintSource } from '../../src/report/convert';
import type { Finding } from '../../src/report/types';
import { TEST_RULES } from './test-rules';

const FINDING_KEYS = [
  'ruleId',
  'messageId',
  'severity',
  'theme',
  'responsibility',
  'message',
  'file',
  'line',
  'column',
  'endLine',
  'endColumn',
  'resource',
  'fixes',
  'references',
];

const TEMPLATE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Loud:',
  '    Type: Test::Error',
  '  "Smiley😀":',
  '    Type: Test::Warning',
  '  Pointer:',
  '    Type: Test::Related',
  '  Boom:',
  '    Type: Test::Explode',
  '',
].join('\n');

describe('report conversion', () => {
  const linter = new Linter(new RuleSet(TEST_RULES));
  const convert = (text: string, file = 'stacks/app.yaml'): ReturnType<typeof lintSource> =>
    lintSource(linter, text, file, file);
  const byRule = (findings: readonly Finding[], ruleId: string): Finding => {
    const found = findings.find((finding) => finding.ruleId === ruleId);
    assert.ok(found, `no ${ruleId} in ${JSON.stringify(findings)}`);
    return found;
  };

  it('gives each finding exactly the contract keys, in order, with their types', () => {
    const { findings, errors } = convert(TEMPLATE);
    assert.deepEqual(errors, []);
    const loud = byRule(findings, 'responsibility/test-error');
    assert.deepEqual(Object.keys(loud), FINDING_KEYS);
    assert.deepEqual(loud, {
      ruleId: 'responsibility/test-error',
      messageId: 'marked',
      severity: 'error',
      theme: 'responsibility',
      responsibility: 'data',
      message: 'Loud is marked error',
      file: 'stacks/app.yaml',
      line: 3,
      column: 3,
      endLine: 3,
      endColumn: 7,
      resource: { id: 'Loud', type: 'Test::Error' },
      fixes: [],
      references: { checkov: ['CKV_TEST_1', 'CKV_TEST_2'], cfnNag: [], kics: [], cdkNag: [], trivy: ['AVD-TEST-0001'] },
    });
  });

  it('counts columns in UTF-16 units, so an astral character in a key spans two', () => {
    const smiley = byRule(convert(TEMPLATE).findings, 'responsibility/test-warning');
    assert.deepEqual([smiley.line, smiley.column, smiley.endLine, smiley.endColumn], [5, 3, 5, 13]);
  });

  it('adds related locations with positions only to findings that have them', () => {
    const { findings } = convert(TEMPLATE);
    const pointer = byRule(findings, 'firewall/test-related');
    assert.deepEqual(pointer.related, [{ message: 'declared here', line: 7, column: 3, endLine: 7, endColumn: 10 }]);
    assert.equal(Object.keys(byRule(findings, 'responsibility/test-error')).includes('related'), false);
  });

  it('gives engine findings null theme and responsibility and empty references', () => {
    const failed = byRule(convert(TEMPLATE).findings, 'iacsec/rule-failed');
    assert.equal(failed.theme, null);
    assert.equal(failed.responsibility, null);
    assert.deepEqual(failed.references, { checkov: [], cfnNag: [], kics: [], cdkNag: [], trivy: [] });
    assert.deepEqual([failed.line, failed.column], [9, 3]);
  });

  it('positions findings after a BOM and through CRLF line ends exactly as without them', () => {
    const plain = convert(TEMPLATE).findings;
    const crlfBom = convert(`\ufeff${TEMPLATE.replace(/\n/g, '\r\n')}`).findings;
    const positions = (findings: readonly Finding[]): number[][] =>
      findings.map((f) => [f.line, f.column, f.endLine, f.endColumn]);
    assert.deepEqual(positions(crlfBom), positions(plain));
  });

  it('turns a parse problem into one error with exactly the contract keys and its position', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: [unclosed\n';
    const { findings, errors } = convert(text, 'broken.yaml');
    assert.deepEqual(findings, []);
    assert.equal(errors.length, 1);
    const [error] = errors;
    assert.ok(error);
    assert.deepEqual(Object.keys(error), ['file', 'line', 'column', 'code', 'message']);
    assert.equal(error.file, 'broken.yaml');
    assert.equal(error.code, 'parse');
    assert.equal(error.line, 4);
    assert.equal(typeof error.message, 'string');
  });

  it('reports nothing, and not IaC, for text detection does not take', () => {
    assert.deepEqual(convert('name: ci\non: push\n', '.github/workflows/ci.yml'), {
      iac: false,
      findings: [],
      errors: [],
      resources: [],
    });
  });

  it('shows paths relative to the working directory, /-separated', () => {
    const cwd = path.resolve('/work/project');
    assert.equal(displayPath(path.join(cwd, 'stacks', 'app.yaml'), cwd), 'stacks/app.yaml');
    assert.equal(displayPath('stacks/./app.yaml', cwd), 'stacks/app.yaml');
    assert.equal(displayPath(path.resolve('/work/other/x.json'), cwd), '../other/x.json');
  });
});
