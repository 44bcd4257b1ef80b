import * as assert from 'node:assert/strict';
import { FAULT_INJECTION_VARIABLE, faultyRuleId } from '../../src/engine/fault-injection';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import type { Rule, RuleMeta } from '../../src/rules/types';

function meta(id: string): RuleMeta<'seen'> {
  return {
    id,
    title: id,
    severity: 'warning',
    responsibility: 'data',
    messages: { seen: '{{id}} seen' },
    rationale: 'test',
    remediation: 'test',
    references: [],
    fix: 'none',
  };
}

/** Throws on every bucket whose `Fail` is set, with the bucket's id in the error; reports the others. */
const fragile = {
  meta: meta('responsibility/fragile'),
  visitors: {
    cloudformation: {
      'AWS::S3::Bucket': (resource, context) => {
        if (resource.properties?.entries.some((entry) => entry.key.value === 'Fail'))
          throw new Error(`cannot read ${resource.id}`);
        context.report({ node: resource.idNode, messageId: 'seen', data: { id: resource.id } });
      },
    },
  },
} satisfies Rule<'seen'>;

/** Fails on every resource twice over: once by type and once through `*`. */
const broken = {
  meta: meta('responsibility/broken'),
  visitors: {
    cloudformation: {
      'AWS::SNS::Topic': () => {
        throw new TypeError('no topics');
      },
      '*': () => {
        throw new RangeError('nothing at all');
      },
    },
  },
} satisfies Rule<'seen'>;

/** Never fails: its findings must survive the others' failures. */
const steady = {
  meta: meta('responsibility/steady'),
  visitors: {
    cloudformation: {
      '*': (resource, context) =>
        context.report({ node: resource.idNode, messageId: 'seen', data: { id: resource.id } }),
    },
  },
} satisfies Rule<'seen'>;

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Good:
    Type: AWS::S3::Bucket
  Bad1:
    Type: AWS::S3::Bucket
    Properties: { Fail: 1 }
  Topic:
    Type: AWS::SNS::Topic
  Bad2:
    Type: AWS::S3::Bucket
    Properties: { Fail: 2 }
  Bad3:
    Type: AWS::S3::Bucket
    Properties: { Fail: 3 }
`;

function findings(rules: readonly Rule[]): string[] {
  return new Linter(new RuleSet(rules))
    .lint(TEMPLATE, 'a.yaml')
    .findings.map(
      (finding) =>
        `${finding.ruleId} ${TEMPLATE.slice(finding.start, finding.end)} ${finding.resource?.id ?? '-'}: ${finding.message}`,
    );
}

describe('rule failures', () => {
  it('gives one rule-failed finding per rule, on the first resource it failed on, naming how many and the first error', () => {
    assert.deepEqual(findings([fragile]), [
      'responsibility/fragile Good Good: Good seen',
      'iacsec/rule-failed Bad1 Bad1: Rule responsibility/fragile failed on 3 resources (Bad1 first), so they were not checked: cannot read Bad1',
    ]);
  });

  it('keeps the one-resource message when a rule fails once', () => {
    const once = TEMPLATE.replace(/Properties: \{ Fail: [23] \}/g, 'Properties: {}');
    const result = new Linter(new RuleSet([fragile])).lint(once, 'a.yaml');
    assert.deepEqual(
      result.findings.filter((finding) => finding.ruleId === 'iacsec/rule-failed').map((finding) => finding.message),
      ['Rule responsibility/fragile failed on Bad1, so it was not checked: cannot read Bad1'],
    );
  });

  it('counts a resource once when two visitors of one rule fail on it, and hides no other rule’s findings', () => {
    assert.deepEqual(findings([steady, broken, fragile]), [
      'iacsec/rule-failed Good Good: Rule responsibility/broken failed on 5 resources (Good first), so they were not checked: nothing at all',
      'responsibility/fragile Good Good: Good seen',
      'responsibility/steady Good Good: Good seen',
      'iacsec/rule-failed Bad1 Bad1: Rule responsibility/fragile failed on 3 resources (Bad1 first), so they were not checked: cannot read Bad1',
      'responsibility/steady Bad1 Bad1: Bad1 seen',
      'responsibility/steady Topic Topic: Topic seen',
      'responsibility/steady Bad2 Bad2: Bad2 seen',
      'responsibility/steady Bad3 Bad3: Bad3 seen',
    ]);
  });
});

describe('fault injection', () => {
  const saved = process.env[FAULT_INJECTION_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[FAULT_INJECTION_VARIABLE];
    else process.env[FAULT_INJECTION_VARIABLE] = saved;
  });

  it('reads the rule id from the environment, and nothing from an empty value', () => {
    assert.equal(faultyRuleId({ [FAULT_INJECTION_VARIABLE]: ' responsibility/steady ' }), 'responsibility/steady');
    assert.equal(faultyRuleId({ [FAULT_INJECTION_VARIABLE]: '' }), undefined);
    assert.equal(faultyRuleId({}), undefined);
  });

  it('makes every visitor of the named rule throw in rule sets built while it is set, and no other rule', () => {
    process.env[FAULT_INJECTION_VARIABLE] = 'responsibility/steady';
    assert.deepEqual(findings([steady, fragile]), [
      'iacsec/rule-failed Good Good: Rule responsibility/steady failed on 5 resources (Good first), so they were not checked: injected fault',
      'responsibility/fragile Good Good: Good seen',
      'iacsec/rule-failed Bad1 Bad1: Rule responsibility/fragile failed on 3 resources (Bad1 first), so they were not checked: cannot read Bad1',
    ]);
  });
});
