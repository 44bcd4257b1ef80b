import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { hasPlanMarker, readDocument } from '../../src/parsing/detect';
import { DEFAULT_LIMITS, type FileProblem, type Limits, ReadError } from '../../src/parsing/errors';
import { readJson } from '../../src/parsing/json';
import type { SourceNode } from '../../src/parsing/nodes';
import { mutantArb, mutate } from '../fuzz/mutators';
import { outline } from './tree';

/**
 * A plan is read with the subtrees no reader looks into left hollow (`change.before`, `prior_state`, …): checked as
 * strictly as a full read, so a plan fails with the same message at the same offset, but not built.
 */

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/terraform');
const EXAMPLES = path.resolve(__dirname, '../../../../examples/terraform');

const BEFORE = { bucket: 'b', 'k\u00e9y': 'q"uote\\', n: [-1.5e3, 0, true, null], nested: { deep: [{ x: {} }] } };

/** A plan with every hollow subtree present and non-trivial: escapes, nesting, objects past eight keys. */
const PLAN = JSON.stringify(
  {
    format_version: '1.2',
    terraform_version: '1.9.0',
    planned_values: {
      root_module: {
        resources: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', values: { bucket: 'b' } }],
      },
    },
    resource_drift: [{ address: 'aws_s3_bucket.b', change: { actions: ['update'], before: { tags: { a: '1' } } } }],
    resource_changes: [
      {
        address: 'aws_s3_bucket.b',
        change: {
          actions: ['update'],
          before: BEFORE,
          after: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`attr_${i}`, i % 2 === 0 ? `v${i}` : [i]])),
          after_unknown: { id: true },
          before_sensitive: false,
          after_sensitive: { tags: {} },
          replace_paths: [['bucket']],
        },
      },
    ],
    output_changes: { url: { actions: ['no-op'], before: 'x', after: 'x' } },
    prior_state: { values: { root_module: { resources: [{ address: 'aws_s3_bucket.b', values: { bucket: 'b' } }] } } },
    configuration: { root_module: { resources: [{ address: 'aws_s3_bucket.b', expressions: {} }] } },
    relevant_attributes: [{ resource: 'aws_s3_bucket.b', attribute: ['bucket'] }],
    checks: [],
  },
  null,
  2,
);

function fullRead(text: string, limits: Limits = DEFAULT_LIMITS): SourceNode | FileProblem {
  try {
    return readJson(text, limits);
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    return error.toProblem();
  }
}

/** Where the trees differ, other than hollow collections (frozen, empty) standing for full ones of the same range. */
function differences(hollow: SourceNode, full: SourceNode, at = '$'): string[] {
  if (hollow.kind !== full.kind || hollow.start !== full.start || hollow.end !== full.end) return [at];
  if (hollow.kind === 'scalar') return full.kind === 'scalar' && Object.is(hollow.value, full.value) ? [] : [at];
  const children = hollow.kind === 'map' ? hollow.entries : hollow.items;
  if (children.length === 0 && Object.isFrozen(children)) return [];
  if (hollow.kind === 'seq' && full.kind === 'seq') {
    if (hollow.items.length !== full.items.length) return [at];
    return hollow.items.flatMap((item, i) => differences(item, full.items[i] as SourceNode, `${at}[${i}]`));
  }
  if (hollow.kind !== 'map' || full.kind !== 'map' || hollow.entries.length !== full.entries.length) return [at];
  return hollow.entries.flatMap((entry, i) => {
    const other = full.entries[i];
    if (other === undefined) return [at];
    const key = `${at}.${String(entry.key.value)}`;
    return [...differences(entry.key, other.key, `${key}(key)`), ...differences(entry.value, other.value, key)];
  });
}

/** The paths of the hollow collections of a tree, in text order. */
function hollowPaths(node: SourceNode, at = '$'): string[] {
  if (node.kind === 'scalar') return [];
  const children = node.kind === 'map' ? node.entries : node.items;
  if (children.length === 0 && Object.isFrozen(children)) return [at];
  if (node.kind === 'seq') return node.items.flatMap((item, i) => hollowPaths(item, `${at}[${i}]`));
  return node.entries.flatMap((entry) => hollowPaths(entry.value, `${at}.${String(entry.key.value)}`));
}

function valueAt(node: SourceNode, path: readonly (string | number)[]): SourceNode {
  let current = node;
  for (const step of path) {
    const next =
      typeof step === 'number'
        ? current.kind === 'seq'
          ? current.items[step]
          : undefined
        : current.kind === 'map'
          ? current.entries.find((entry) => entry.key.value === step)?.value
          : undefined;
    assert.ok(next !== undefined, `nothing at ${String(step)}`);
    current = next;
  }
  return current;
}

describe('readJson with hollow subtrees (plans)', () => {
  it('leaves only the unread subtrees of a plan hollow, with their exact ranges', () => {
    const outcome = readDocument(PLAN, 'plan.json', DEFAULT_LIMITS);
    assert.ok(outcome.kind === 'document', JSON.stringify(outcome));
    const root = outcome.document.root;
    assert.deepEqual(hollowPaths(root), [
      '$.resource_drift',
      '$.resource_changes[0].change.before',
      '$.resource_changes[0].change.after',
      '$.resource_changes[0].change.after_sensitive',
      '$.resource_changes[0].change.replace_paths',
      '$.output_changes',
      '$.prior_state',
      '$.relevant_attributes',
      '$.checks',
    ]);
    assert.deepEqual(differences(root, readJson(PLAN, DEFAULT_LIMITS)), []);
    // `before` is written eight spaces in: its text is the object's own, indented by as much.
    const before = JSON.stringify(BEFORE, null, 2).replace(/\n/g, '\n        ');
    assert.deepEqual(outline(PLAN, valueAt(root, ['resource_changes', 0, 'change', 'before'])), [
      `map @${JSON.stringify(before)}`,
    ]);
  });

  const nested = (value: string): string =>
    `{"format_version": "1.2", "planned_values": {}, "resource_changes": [{"address": "a_b.c", "change": {"actions": ["create"], "before": ${value}}}]}`;
  const cases: [string, string, string, (text: string) => number][] = [
    ['a repeated key', '{"a": 1, "a": 2}', 'duplicate key "a" in JSON', (t) => t.lastIndexOf('"a"')],
    [
      'a key repeated through an escape',
      '{"kA": 1, "k\\u0041": 2}',
      'duplicate key "kA" in JSON',
      (t) => t.indexOf('"k\\u0041"'),
    ],
    [
      'a key repeated past the eighth',
      `{${Array.from({ length: 10 }, (_, i) => `"k${i}": ${i}`).join(', ')}, "k9": 0}`,
      'duplicate key "k9" in JSON',
      (t) => t.lastIndexOf('"k9"'),
    ],
    ['a line break in a string', '{"a": "x\ny"}', 'unterminated string in JSON', (t) => t.indexOf('\n')],
    ['an unknown escape', '{"a": "\\q"}', 'invalid escape sequence in string in JSON', (t) => t.indexOf('"\\q"')],
    ['a short unicode escape', '["\\u12"]', 'invalid escape sequence in string in JSON', (t) => t.indexOf('"\\u12"')],
    ['a leading zero', '{"a": 01}', 'invalid number in JSON', (t) => t.indexOf('01')],
    ['an exponent without digits', '[1e]', 'invalid number in JSON', (t) => t.indexOf('1e')],
    ['a misspelt literal', '{"a": tru}', "unexpected character 't' in JSON", (t) => t.indexOf('tru')],
    ['a missing colon', '{"a" 1}', "expected ':' after a property name in JSON", (t) => t.indexOf(' 1}') + 1],
    ['a trailing comma', '{"a": 1,}', 'expected a property name in double quotes in JSON', (t) => t.indexOf(',}') + 1],
    ['a missing comma', '[1 2]', "expected ',' or ']' in JSON", (t) => t.indexOf(' 2]') + 1],
    ['a stray character', '[1, @]', "unexpected character '@' in JSON", (t) => t.indexOf('@')],
  ];
  for (const [name, value, message, offset] of cases) {
    it(`fails on ${name} in a hollow subtree as a full read does`, () => {
      const text = nested(value);
      const outcome = readDocument(text, 'plan.json', DEFAULT_LIMITS);
      const problem = { code: 'parse', message, offset: offset(text) };
      assert.deepEqual(outcome, { kind: 'problem', problem });
      assert.deepEqual(fullRead(text), problem);
    });
  }

  it('fails on a hollow subtree cut short, and on one nested past the depth limit, as a full read does', () => {
    const text = nested('{"a": [1, {"b": "c"}]}');
    const inString = text.slice(0, text.indexOf('"c"') + 2);
    const inMap = text.slice(0, text.indexOf('}]}') + 2);
    const expected: [string, FileProblem][] = [
      [inString, { code: 'parse', message: 'unterminated string in JSON', offset: inString.length }],
      [inMap, { code: 'parse', message: "unexpected end of input, expected '}' in JSON", offset: inMap.length }],
    ];
    for (const [cut, problem] of expected) {
      assert.deepEqual(readDocument(cut, 'plan.json', DEFAULT_LIMITS), { kind: 'problem', problem });
      assert.deepEqual(fullRead(cut), problem);
    }
    // The root, `resource_changes`, its item and `change` are four levels: `before`'s fifth bracket is the ninth.
    const limits = { ...DEFAULT_LIMITS, maxDepth: 8 };
    const deep = nested(`${'['.repeat(10)}${']'.repeat(10)}`);
    const problem = {
      code: 'limit',
      message: 'nesting deeper than 8 levels; to lint it, raise limits.maxDepth in .iacsec.yaml',
      offset: deep.indexOf('[[') + 4,
    };
    assert.deepEqual(readDocument(deep, 'plan.json', limits), { kind: 'problem', problem });
    assert.deepEqual(fullRead(deep, limits), problem);
  });

  it('agrees with a full read on mutants of plans: the same problem, or the same tree but for hollow subtrees', () => {
    const seeds = [
      { file: 'plan.json', text: PLAN },
      { file: 'plan.json', text: fs.readFileSync(path.join(FIXTURES, 'plan.json'), 'utf8') },
      { file: 'plan.json', text: fs.readFileSync(path.join(EXAMPLES, 'plan.json'), 'utf8') },
    ];
    let compared = 0;
    fc.assert(
      fc.property(mutantArb(seeds), ({ seed, mutations }) => {
        const text = mutations.reduce(mutate, seed.text);
        if (!hasPlanMarker(text) || text.slice(0, 8192).includes('\u0000')) return;
        compared++;
        const outcome = readDocument(text, 'plan.json', DEFAULT_LIMITS);
        const full = fullRead(text);
        if ('code' in full) {
          assert.deepEqual(outcome, { kind: 'problem', problem: full });
        } else if (outcome.kind === 'document') {
          assert.deepEqual(differences(outcome.document.root, full), []);
        } else {
          assert.equal(outcome.kind === 'problem' && outcome.problem.message.startsWith('not a Terraform plan'), true);
        }
      }),
      { seed: 20261129, numRuns: 3000 },
    );
    assert.ok(compared > 1000, `only ${compared} mutants were still plans`);
  });
});
