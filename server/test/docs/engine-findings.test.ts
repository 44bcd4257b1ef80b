import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENGINE_RULE_TITLES } from '../../src/report/catalogue';

const ROOT = path.resolve(__dirname, '../../../..');

describe('engine findings', () => {
  for (const id of Object.keys(ENGINE_RULE_TITLES)) {
    it(`${id} has a docs page that states its id, so editor links lead somewhere`, () => {
      const page = path.join(ROOT, 'docs/rules', `${id}.md`);
      assert.ok(fs.existsSync(page), `docs/rules/${id}.md is missing`);
      assert.ok(fs.readFileSync(page, 'utf8').includes(`\`${id}\``));
    });
  }
});
