import * as assert from 'node:assert/strict';
import { DEFAULT_LIMITS, ReadError } from '../../src/parsing/errors';
import { readJson } from '../../src/parsing/json';
import { outline } from './tree';

function failure(text: string): ReadError {
  try {
    readJson(text, DEFAULT_LIMITS);
  } catch (error) {
    assert.ok(error instanceof ReadError, `expected a ReadError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the read to fail');
}

describe('readJson', () => {
  it('records the exact range of every key and value', () => {
    const text = '{\n  "a": 1.5e3,\n  "b": ["x", true, null, {}],\n  "c\\u0041": "q\\"uote"\n}\n';
    assert.deepEqual(outline(text, readJson(text, DEFAULT_LIMITS)), [
      `map @${JSON.stringify(text.trimEnd())}`,
      '  key "a" @"\\"a\\""',
      '    1500 @"1.5e3"',
      '  key "b" @"\\"b\\""',
      '    seq @"[\\"x\\", true, null, {}]"',
      '      "x" @"\\"x\\""',
      '      true @"true"',
      '      null @"null"',
      '      map @"{}"',
      '  key "cA" @"\\"c\\\\u0041\\""',
      '    "q\\"uote" @"\\"q\\\\\\"uote\\""',
    ]);
  });

  it('agrees with JSON.parse on values', () => {
    const value = { n: [-0, 0.25, -12e-3, 1e21], s: 'é\u2028\ud83d\ude00', t: [true, false, null], o: { 'k k': {} } };
    const text = JSON.stringify(value, null, 2);
    const toValue = (node: ReturnType<typeof readJson>): unknown =>
      node.kind === 'scalar'
        ? node.value
        : node.kind === 'seq'
          ? node.items.map(toValue)
          : Object.fromEntries(node.entries.map((entry) => [entry.key.value, toValue(entry.value)]));
    assert.deepEqual(toValue(readJson(text, DEFAULT_LIMITS)), JSON.parse(text));
  });

  const invalid: [string, string, number][] = [
    ['{"a": 1,}', 'expected a property name', 8],
    ['[1, 2', "unexpected end of input, expected ']'", 5],
    ['{"a" 1}', "expected ':'", 5],
    ['{"a": 01}', 'invalid number', 6],
    ['{"a": "x\ny"}', 'unterminated string', 8],
    ['{"a": tru}', "unexpected character 't'", 6],
    ['{"a": 1} x', 'unexpected content after the end', 9],
    ['{"a": 1, "a": 2}', 'duplicate key "a"', 9],
    ['', 'unexpected end of input', 0],
  ];
  for (const [text, message, offset] of invalid) {
    it(`rejects ${JSON.stringify(text)} at offset ${offset}`, () => {
      const error = failure(text);
      assert.equal(error.code, 'parse');
      assert.ok(error.message.includes(message), error.message);
      assert.equal(error.offset, offset);
    });
  }

  it('finds duplicate keys in large objects too', () => {
    const keys = Array.from({ length: 20 }, (_, i) => `"k${i}": ${i}`);
    const text = `{${keys.join(',')}, "k3": 0}`;
    assert.equal(failure(text).offset, text.lastIndexOf('"k3"'));
  });

  it('refuses nesting deeper than the limit, even 100,000 levels, without overflowing the stack', () => {
    const error = failure(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    assert.deepEqual([error.code, error.offset], ['limit', 200]);
    assert.doesNotThrow(() => readJson(`${'['.repeat(200)}${']'.repeat(200)}`, DEFAULT_LIMITS));
  });
});
