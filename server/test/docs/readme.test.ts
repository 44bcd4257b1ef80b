import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleTable } from '../../src/report/rule-table';
import { allRules } from '../../src/rules/index';

const ROOT = path.resolve(__dirname, '../../../..');

describe('README', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('carries the generated rule table of the current catalogue (`npm run docs:rules`)', () => {
    const block = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(readme);
    assert.ok(block, 'README.md has no rules:start/rules:end block');
    assert.equal(block[1], ruleTable(allRules));
  });

  it('gives the two-command quick start', () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /\nnpm test\b/);
  });

  it('links only to docs that exist', () => {
    for (const [, target] of readme.matchAll(/\]\(((?:docs|examples)\/[^)#]+)\)/g)) {
      assert.ok(fs.existsSync(path.join(ROOT, target as string)), `README links to missing ${target}`);
    }
  });
});
