import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unifiedDiff } from '../../src/cli/unified-diff';
import { splitLines } from '../../src/edits/line-diff';
import { makeTree, removeTree } from './helpers';

const lines = (count: number, prefix = 'line'): string =>
  Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}\n`).join('');

describe('unified diff (fix --dry-run)', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('a\n', 'a\n', 'x.yaml'), '');
  });

  it('writes a/ and b/ headers and one hunk with three lines of context', () => {
    const before = lines(10);
    const after = before.replace('line 5\n', 'line 5\n  Marked: true\n');
    assert.equal(
      unifiedDiff(before, after, 'stacks/a.yaml'),
      [
        '--- a/stacks/a.yaml',
        '+++ b/stacks/a.yaml',
        '@@ -3,6 +3,7 @@',
        ' line 3',
        ' line 4',
        ' line 5',
        '+  Marked: true',
        ' line 6',
        ' line 7',
        ' line 8',
        '',
      ].join('\n'),
    );
  });

  it('ends a name with a space with a tab, so that GNU patch reads all of it', () => {
    assert.equal(
      unifiedDiff('a\n', 'b\n', 'my stacks/a.yaml'),
      '--- a/my stacks/a.yaml\t\n+++ b/my stacks/a.yaml\t\n@@ -1 +1 @@\n-a\n+b\n',
    );
  });

  it('joins changes up to six lines apart into one hunk and splits those further apart', () => {
    const before = lines(30);
    const near = before.replace('line 5\n', 'five\n').replace('line 12\n', 'twelve\n');
    assert.deepEqual(unifiedDiff(before, near, 'a').match(/^@@.*@@$/gm), ['@@ -2,14 +2,14 @@']);
    const far = before.replace('line 5\n', 'five\n').replace('line 13\n', 'thirteen\n');
    assert.deepEqual(unifiedDiff(before, far, 'a').match(/^@@.*@@$/gm), ['@@ -2,7 +2,7 @@', '@@ -10,7 +10,7 @@']);
  });

  it('marks a last line without a newline, and a newline added at the end', () => {
    assert.equal(
      unifiedDiff('a\nb', 'a\nb\n', 'f'),
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n',
    );
  });

  it('names the line before an empty range, as GNU diff does', () => {
    assert.equal(unifiedDiff('', 'x\n', 'f'), '--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n');
    assert.equal(unifiedDiff('x\ny\n', 'y\n', 'f'), '--- a/f\n+++ b/f\n@@ -1,2 +1 @@\n-x\n y\n');
  });

  it('keeps CRLF line endings as part of each line', () => {
    assert.deepEqual(splitLines('a\r\nb\r\nc'), ['a\r\n', 'b\r\n', 'c']);
    assert.equal(unifiedDiff('a\r\nb\r\n', 'a\r\nB\r\n', 'f'), '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n');
  });

  describe('applies with git apply', function () {
    let root = '';
    before(function () {
      if (spawnSync('git', ['--version']).status !== 0) this.skip();
    });
    afterEach(async () => {
      if (root !== '') await removeTree(root);
      root = '';
    });

    it('for random edits of random texts (a fixed seed)', async () => {
      root = await makeTree({});
      let seed = 42;
      const random = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const words = ['a', 'b', 'c', 'Type: X', '  - y', ''];
      for (let round = 0; round < 40; round++) {
        const before = Array.from({ length: random(25) }, () => `${words[random(words.length)] ?? ''}\n`);
        const after = [...before];
        for (let edits = random(5); edits > 0; edits--) {
          const at = random(after.length + 1);
          const choice = random(3);
          if (choice === 0) after.splice(at, 0, `new ${round}\n`);
          else if (choice === 1) after.splice(at, 1);
          else after.splice(at, 1, `changed ${round}\n`);
        }
        const oldText = before.join('') + (round % 3 === 0 ? 'tail' : '');
        const newText = after.join('') + (round % 4 === 0 ? 'tail' : '');
        const file = path.join(root, 'f.yaml');
        fs.writeFileSync(file, oldText);
        const patch = unifiedDiff(oldText, newText, 'f.yaml');
        if (oldText === newText) {
          assert.equal(patch, '');
          continue;
        }
        const applied = spawnSync('git', ['apply', '-'], { cwd: root, input: patch, encoding: 'utf8' });
        assert.equal(applied.status, 0, `round ${round}: ${applied.stderr}\n${patch}`);
        assert.equal(fs.readFileSync(file, 'utf8'), newText, `round ${round}\n${patch}`);
      }
    });
  });
});
