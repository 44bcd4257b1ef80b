import * as assert from 'node:assert/strict';
import { setProperty } from '../../src/edits/propose';
import type { Rule, RuleMeta } from '../../src/rules/types';
import { RuleTester, dedent, resourcesYaml, type InvalidCase, type RuleTests, type ValidCase } from '../rule-tester';

type Id = 'topic' | 'raw';

const meta: RuleMeta<Id> = {
  id: 'encryption/test-topic',
  title: 'test rule',
  severity: 'warning',
  responsibility: 'data',
  messages: { topic: 'Topic {{name}} found.', raw: 'Raw {{missing}}.' },
  rationale: 'r',
  remediation: 'r',
  references: [],
  fix: 'none',
};

/** Reports every SNS topic on its anchor; a topic named `Raw` gets a message whose placeholder stays unfilled. */
const topicRule: Rule<Id> = {
  meta,
  visitors: {
    cloudformation: {
      'AWS::SNS::Topic': (resource, context) => {
        const related = resource.id === 'Linked' ? [{ node: resource.idNode, message: 'itself' }] : [];
        context.report({
          node: resource.anchor,
          messageId: resource.id === 'Raw' ? 'raw' : 'topic',
          data: { name: resource.id },
          related,
        });
      },
      'AWS::SQS::Queue': () => {
        throw new Error('boom');
      },
      'AWS::SNS::Subscription': (resource, context) =>
        context.report({ node: resource.anchor, messageId: 'nope' as Id }),
    },
  },
};

const topic = resourcesYaml('Topic:\n  Type: AWS::SNS::Topic\n');
const quiet = resourcesYaml('Bucket:\n  Type: AWS::S3::Bucket\n');

/** Runs one case through the tester with a mocha stand-in: 'pass', or the message its `it` failed with. */
function outcome(rule: Rule<Id>, test: { valid: ValidCase } | { invalid: InvalidCase<Id> }): string {
  const its: (() => void)[] = [];
  const tester = new RuleTester({ describe: (_name, body) => body(), it: (_name, body) => its.push(body) });
  const tests: RuleTests<Id> =
    'valid' in test ? { valid: [test.valid], invalid: [] } : { valid: [], invalid: [test.invalid] };
  tester.run(rule, tests);
  assert.equal(its.length, 1);
  try {
    (its[0] as () => void)();
    return 'pass';
  } catch (error) {
    assert.ok(error instanceof assert.AssertionError, `a failing case throws an AssertionError, not ${String(error)}`);
    return error.message;
  }
}

function fails(rule: Rule<Id>, test: { valid: ValidCase } | { invalid: InvalidCase<Id> }, pattern: RegExp): void {
  const result = outcome(rule, test);
  assert.notEqual(result, 'pass', 'the case should fail');
  assert.match(result, pattern);
}

const good: InvalidCase<Id> = {
  yaml: topic,
  errors: [{ messageId: 'topic', message: 'Topic Topic found.', data: { name: 'Topic' }, underline: 'Topic:\n~~~~~' }],
};

describe('RuleTester', () => {
  it('passes a case whose findings match exactly, by underline or by text and position', () => {
    assert.equal(outcome(topicRule, { valid: { yaml: quiet } }), 'pass');
    assert.equal(outcome(topicRule, { invalid: good }), 'pass');
    assert.equal(
      outcome(topicRule, {
        invalid: { yaml: topic, errors: [{ messageId: 'topic', text: 'Topic', line: 3, column: 3 }] },
      }),
      'pass',
    );
    const json = '{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}';
    assert.equal(
      outcome(topicRule, {
        invalid: { json, errors: [{ messageId: 'topic', underline: `${json}\n               ~~~` }] },
      }),
      'pass',
    );
  });

  it('fails a valid case with a finding, and an invalid case with too few or too many', () => {
    fails(
      topicRule,
      { valid: { yaml: topic } },
      /expected 0 finding\(s\) of encryption\/test-topic, got 1:\n\{ messageId: 'topic', underline: "Topic:\\n~~~~~" \}/,
    );
    fails(topicRule, { invalid: { yaml: quiet, errors: good.errors } }, /expected 1 finding\(s\).*got 0/);
    fails(
      topicRule,
      { invalid: { yaml: topic, errors: [...good.errors, ...good.errors] } },
      /expected 2 finding\(s\).*got 1/,
    );
  });

  it('fails on a different message id, range, message, data or related location', () => {
    const base = good.errors[0] as (typeof good.errors)[0];
    const variant = (change: object): { invalid: InvalidCase<Id> } => ({
      invalid: { yaml: topic, errors: [{ ...base, ...change }] },
    });
    fails(topicRule, variant({ messageId: 'raw' }), /messageId is 'topic', expected 'raw'/);
    fails(topicRule, variant({ underline: 'Topic:\n ~~~~' }), /the underline differs/);
    fails(topicRule, variant({ underline: undefined, text: 'Topic:' }), /the range holds "Topic", expected "Topic:"/);
    fails(topicRule, variant({ line: 4 }), /on line 3, expected line 4/);
    fails(topicRule, variant({ column: 1 }), /at column 3, expected column 1/);
    fails(topicRule, variant({ message: 'Topic found.' }), /message differs/);
    fails(
      topicRule,
      variant({ data: { name: 'Other' } }),
      /data is \[\["name","Topic"\]\], expected \[\["name","Other"\]\]/,
    );
    fails(topicRule, variant({ related: [{ text: 'Topic' }] }), /0 related location\(s\), expected 1/);
    const linked = resourcesYaml('Linked:\n  Type: AWS::SNS::Topic\n');
    fails(
      topicRule,
      { invalid: { yaml: linked, errors: [{ messageId: 'topic', text: 'Linked' }] } },
      /1 related location\(s\), expected 0/,
    );
    const wrongRelated = {
      messageId: 'topic' as const,
      text: 'Linked',
      related: [{ text: 'Linked', message: 'another' }],
    };
    fails(
      topicRule,
      { invalid: { yaml: linked, errors: [wrongRelated] } },
      /related 1: message is 'itself', expected 'another'/,
    );
  });

  it('asks for a line when the same lines occur twice, and for a range at all', () => {
    const twice = resourcesYaml(
      'A:\n  Type: AWS::SNS::Topic\n  Properties: {}\nB:\n  Type: AWS::SNS::Topic\n  Properties: {}\n',
    );
    const at = (line?: number): { invalid: InvalidCase<Id> } => ({
      invalid: {
        yaml: twice,
        errors: [0, 1].map(() => ({
          messageId: 'topic' as const,
          underline: 'Properties: {}\n~~~~~~~~~~',
          ...(line === undefined ? {} : { line }),
        })),
      },
    });
    fails(topicRule, at(), /the same text occurs 2 times in the template; add line: 5/);
    fails(topicRule, at(5), /on line 8, expected line 5/);
    fails(
      topicRule,
      { invalid: { yaml: topic, errors: [{ messageId: 'topic' }] } },
      /state the range with underline or text/,
    );
    const oneLine =
      '{"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {}}, "B": {"Type": "AWS::SNS::Topic", "Properties": {}}}}';
    const byText = (columns: (number | undefined)[]): { invalid: InvalidCase<Id> } => ({
      invalid: {
        json: oneLine,
        errors: columns.map((column) => ({ messageId: 'topic' as const, text: '"Properties"', line: 1, column })),
      },
    });
    fails(topicRule, byText([undefined, undefined]), /occurs 2 times on line 1; add column: 49/);
    assert.equal(outcome(topicRule, byText([49, 101])), 'pass');
  });

  it('fails on what the engine or the rule got wrong: not a template, unreadable, a throw, an unknown id, a bare placeholder', () => {
    fails(topicRule, { valid: { yaml: 'name: not a template\n' } }, /not detected as a CloudFormation template/);
    fails(topicRule, { valid: { yaml: 'Resources:\n  A: {Type: AWS::SNS::Topic\n' } }, /could not be read: parse/);
    fails(
      topicRule,
      { valid: { yaml: resourcesYaml('Q:\n  Type: AWS::SQS::Queue\n') } },
      /iacsec\/rule-failed: Rule encryption\/test-topic failed on Q.*boom/,
    );
    fails(
      topicRule,
      {
        invalid: {
          yaml: resourcesYaml('S:\n  Type: AWS::SNS::Subscription\n'),
          errors: [{ messageId: 'nope' as Id, text: 'S' }],
        },
      },
      /'nope' is not among the rule's meta.messages/,
    );
    fails(
      topicRule,
      {
        invalid: {
          yaml: resourcesYaml('Raw:\n  Type: AWS::SNS::Topic\n'),
          errors: [{ messageId: 'raw', text: 'Raw' }],
        },
      },
      /leaves a placeholder unfilled: Raw \{\{missing\}\}/,
    );
  });

  it('refuses an output for a rule without fixes, and requires one from a rule that fixes', () => {
    fails(topicRule, { invalid: { ...good, output: 'x' } }, /declares fix: 'none', so a case cannot state an output/);
    const fixing: Rule<Id> = { ...topicRule, meta: { ...meta, fix: 'safe' } };
    fails(fixing, { invalid: good }, /declares fix: 'safe', so every invalid case needs an output/);
    assert.equal(outcome(fixing, { invalid: { ...good, output: null } }), 'pass');
    fails(fixing, { invalid: { ...good, output: 'Resources: {}\n' } }, /the fixed text differs/);
    assert.equal(outcome(fixing, { valid: { yaml: quiet } }), 'pass');
  });

  it('applies the fixes through the edit builder and checks that they settle', () => {
    /** Reports a topic without a key; its fix sets `value` at `path`, which fixes the finding only when path is KmsMasterKeyId. */
    const keyRule = (path: string[], value: string, safe = true): Rule<Id> => ({
      meta: { ...meta, fix: safe ? 'safe' : 'suggestion' },
      visitors: {
        cloudformation: {
          'AWS::SNS::Topic': (resource, context) => {
            if (resource.properties?.entries.some((entry) => entry.key.value === 'KmsMasterKeyId') === true) return;
            const change = setProperty(resource, path, value);
            const fixes = change === undefined ? [] : [{ title: 'set a key', safe, changes: [change] }];
            context.report({ node: resource.anchor, messageId: 'topic', data: { name: resource.id }, fixes });
          },
        },
      },
    });
    const fixed = `${topic}    Properties:\n      KmsMasterKeyId: alias/aws/sns\n`;
    const invalid = (output: string): { invalid: InvalidCase<Id> } => ({ invalid: { ...good, output } });
    assert.equal(outcome(keyRule(['KmsMasterKeyId'], 'alias/aws/sns'), invalid(fixed)), 'pass');
    assert.equal(outcome(keyRule(['KmsMasterKeyId'], 'alias/aws/sns', false), invalid(fixed)), 'pass');
    fails(keyRule(['KmsMasterKeyId'], 'alias/aws/sns'), invalid(topic), /the fixed text differs/);
    fails(
      keyRule(['DisplayName'], 'x'),
      invalid(`${topic}    Properties:\n      DisplayName: x\n`),
      /after the fix, encryption\/test-topic still offers "set a key": Topic Topic found\./,
    );
    fails(keyRule(['KmsMasterKeyId'], 'alias/aws/sns'), invalid('x'), /the fixed text differs/);
    const safeSuggestion: Rule<Id> = { ...keyRule(['KmsMasterKeyId'], 'k'), meta: { ...meta, fix: 'suggestion' } };
    fails(safeSuggestion, invalid(fixed), /declares fix: 'suggestion' but offered a safe fix/);
  });

  it('fails a fix that cannot be made to the case', () => {
    const stale: Rule<Id> = {
      meta: { ...meta, fix: 'safe' },
      visitors: {
        cloudformation: {
          'AWS::SNS::Topic': (resource, context) =>
            context.report({
              node: resource.anchor,
              messageId: 'topic',
              data: { name: resource.id },
              fixes: [{ title: 'stale', safe: true, changes: [{ kind: 'remove', key: { start: 0, end: 1 } }] }],
            }),
        },
      },
    };
    fails(stale, { invalid: { ...good, output: topic } }, /the fix "stale" cannot be made: no key at 0-1/);
  });

  it('dedents case text and wraps resource snippets', () => {
    assert.equal(dedent('\n    a:\n      b: 1\n  '), 'a:\n  b: 1\n');
    assert.equal(
      resourcesYaml('\n  T:\n    Type: AWS::SNS::Topic\n'),
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::SNS::Topic\n",
    );
  });
});
