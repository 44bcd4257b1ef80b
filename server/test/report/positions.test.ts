import * as assert from 'node:assert/strict';
import { LineIndex, type Position } from '../../src/report/positions';

/** The obvious, linear definition the binary search must agree with. */
function naivePosition(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

describe('LineIndex', () => {
  it('puts offset 0 of an empty text at 1:1, one line', () => {
    const index = new LineIndex('');
    assert.deepEqual(index.position(0), { line: 1, column: 1 });
    assert.equal(index.lineCount, 1);
  });

  it('counts \\n line breaks; the break itself ends its line', () => {
    const index = new LineIndex('ab\ncd\n');
    assert.deepEqual(index.position(2), { line: 1, column: 3 });
    assert.deepEqual(index.position(3), { line: 2, column: 1 });
    assert.deepEqual(index.position(4), { line: 2, column: 2 });
    assert.deepEqual(index.position(6), { line: 3, column: 1 });
    assert.equal(index.lineCount, 3);
  });

  it('treats \\r\\n as one break, and an offset between \\r and \\n as the end of that line', () => {
    const index = new LineIndex('ab\r\ncd\r\n');
    assert.deepEqual(index.position(2), { line: 1, column: 3 });
    assert.deepEqual(index.position(3), { line: 1, column: 4 });
    assert.deepEqual(index.position(4), { line: 2, column: 1 });
    assert.deepEqual(index.position(8), { line: 3, column: 1 });
    assert.equal(index.lineCount, 3);
  });

  it('treats a lone \\r as a break, also mixed with the others', () => {
    const index = new LineIndex('a\rb\r\n\rc\nd');
    assert.deepEqual(index.position(2), { line: 2, column: 1 });
    assert.deepEqual(index.position(5), { line: 3, column: 1 });
    assert.deepEqual(index.position(6), { line: 4, column: 1 });
    assert.deepEqual(index.position(8), { line: 5, column: 1 });
    assert.equal(index.lineCount, 5);
    assert.equal(index.lineStart(4), 6);
  });

  it('places the end of a last line without a newline after its last character', () => {
    const text = 'Resources:\n  Bucket';
    const index = new LineIndex(text);
    assert.deepEqual(index.span(13, text.length), { line: 2, column: 3, endLine: 2, endColumn: 9 });
  });

  it('clamps offsets outside the text, and reads an inverted range as empty', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.position(-4), { line: 1, column: 1 });
    assert.deepEqual(index.position(99), { line: 2, column: 3 });
    assert.deepEqual(index.span(4, 1), { line: 2, column: 2, endLine: 2, endColumn: 2 });
  });

  it('counts columns in UTF-16 code units: an astral character (surrogate pair) is two', () => {
    const text = 'k: "😀😀" x\n😀y';
    const index = new LineIndex(text);
    const x = text.indexOf('x');
    assert.deepEqual(index.position(x), { line: 1, column: 11 });
    assert.deepEqual(index.span(4, 8), { line: 1, column: 5, endLine: 1, endColumn: 9 });
    assert.deepEqual(index.position(text.indexOf('y')), { line: 2, column: 3 });
  });

  it('makes endColumn exclusive and lets a range span lines', () => {
    const text = 'a: [\r\n  1,\r\n  2]\r\n';
    const index = new LineIndex(text);
    assert.deepEqual(index.span(text.indexOf('['), text.indexOf(']') + 1), {
      line: 1,
      column: 4,
      endLine: 3,
      endColumn: 5,
    });
  });

  it('clamps lineStart to the lines there are', () => {
    const index = new LineIndex('a\nb');
    assert.equal(index.lineStart(0), 0);
    assert.equal(index.lineStart(2), 2);
    assert.equal(index.lineStart(9), 2);
  });

  it('agrees with a linear scan on every offset of generated texts', () => {
    const alphabet = ['a', '\n', '\r', '\r\n', '😀', ' '];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 200; round++) {
      let text = '';
      const length = next() % 30;
      for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
      const index = new LineIndex(text);
      for (let offset = 0; offset <= text.length; offset++) {
        // Between \r and \n the linear scan has not yet seen the pair's end: both call it the \r's line.
        assert.deepEqual(index.position(offset), naivePosition(text, offset), `${JSON.stringify(text)} @ ${offset}`);
      }
    }
  });
});
