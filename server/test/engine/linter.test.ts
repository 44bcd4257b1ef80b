import * as assert from 'node:assert/strict';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { truthOf } from '../../src/model/values';
import type { Rule } from '../../src/rules/types';

/** A test-only rule: flags `Flag: false` (on every branch that sets it), and throws on `Explode`. */
const probe = {
  meta: {
    id: 'responsibility/probe',
    title: 'Probe',
    severity: 'warning',
    responsibility: 'data',
    messages: { off: '{{id}} has Flag off' },
    rationale: 'test',
    remediation: 'test',
    references: [],
    fix: 'none',
  },
  visitors: {
    cloudformation: {
      'AWS::S3::Bucket': (resource, context) => {
        if (resource.properties?.entries.some((entry) => entry.key.value === 'Explode')) throw new Error('boom');
        const outcomes = context.values.lookup(context.values.resolve(resource.properties, resource.anchor), 'Flag');
        for (const outcome of outcomes) {
          if (truthOf(outcome) === false)
            context.report({ node: outcome.node, messageId: 'off', data: { id: resource.id }, via: outcome.via });
        }
      },
    },
  },
} satisfies Rule<'off'>;

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  C: !Equals [!Ref AWS::Region, eu-west-1]
Resources:
  Z:
    Type: AWS::S3::Bucket
    Properties: { Flag: !If [C, false, true] }
  A:
    Type: AWS::S3::Bucket
    Properties:
      Flag: !Ref Off
  Boom:
    Type: AWS::S3::Bucket
    Properties: { Explode: 1 }
Parameters:
  Off: { Type: String, AllowedValues: ["false", "False"] }
`;

describe('Linter', () => {
  const linter = new Linter(new RuleSet([probe]));

  it('dispatches by type, names the branch, and merges a finding reached on every branch', () => {
    const result = linter.lint(TEMPLATE, 'a.yaml');
    assert.deepEqual(
      result.findings
        .filter((finding) => finding.ruleId === 'responsibility/probe')
        .map((finding) => [TEMPLATE.slice(finding.start, finding.end), finding.message]),
      [
        ['false', 'Z has Flag off (when condition C is true)'],
        ['!Ref Off', 'A has Flag off'],
      ],
    );
  });

  it('turns a rule that throws into one iacsec/rule-failed finding while the others still run', () => {
    const failed = linter
      .lint(TEMPLATE, 'a.yaml')
      .findings.filter((finding) => finding.ruleId === 'iacsec/rule-failed');
    assert.deepEqual(
      failed.map((finding) => [TEMPLATE.slice(finding.start, finding.end), finding.message, finding.theme]),
      [['Boom', 'Rule responsibility/probe failed on Boom, so it was not checked: boom', null]],
    );
  });

  it('sorts findings by offset and produces structured-cloneable plain data', () => {
    const result = linter.lint(TEMPLATE, 'a.yaml');
    const starts = result.findings.map((finding) => finding.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
    assert.deepEqual(structuredClone(result), result);
  });

  it('applies severity settings and turns rules off', () => {
    const asError = new Linter(new RuleSet([probe], { 'responsibility/probe': 'error' })).lint(TEMPLATE, 'a.yaml');
    assert.ok(
      asError.findings.some((finding) => finding.ruleId === 'responsibility/probe' && finding.severity === 'error'),
    );
    const off = new Linter(new RuleSet([probe], { 'responsibility/probe': 'off' })).lint(TEMPLATE, 'a.yaml');
    assert.deepEqual(off.findings, []);
  });

  it('strips a BOM and counts offsets after it', () => {
    const result = linter.lint(`\ufeff${TEMPLATE}`, 'a.yaml');
    assert.equal(result.bom, true);
    const first = result.findings[0];
    assert.ok(first);
    assert.equal(TEMPLATE.slice(first.start, first.end), 'false');
  });

  it('yields nothing, at no cost, for files that are not IaC', () => {
    assert.deepEqual(linter.lint('name: build\non: push\n', '.github/workflows/ci.yml'), {
      iac: false,
      bom: false,
      findings: [],
      problems: [],
      resources: [],
    });
  });
});
