import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { templateOf } from '../../src/model/adapt';
import { readDocument } from '../../src/parsing/detect';
import { DEFAULT_LIMITS } from '../../src/parsing/errors';
import { readJson } from '../../src/parsing/json';
import { isMap } from '../../src/parsing/nodes';
import { allRules } from '../../src/rules';

const REPOSITORY = path.resolve(__dirname, '../../../..');
const PLANS = ['server/test/fixtures/terraform/plan.json', 'examples/terraform/plan.json'];

/**
 * A plan is read with `change.before`, `change.after`, the prior state and the like left hollow (parsing/detect.ts):
 * the plan model and the rules never look there, so every finding is the one a fully built tree gives.
 */
describe('Terraform plan read with hollow subtrees', () => {
  const linter = new Linter(new RuleSet(allRules));
  for (const file of PLANS) {
    it(`gives the findings and references of a full read: ${file}`, () => {
      const text = fs.readFileSync(path.join(REPOSITORY, file), 'utf8');
      const outcome = readDocument(text, 'plan.json', DEFAULT_LIMITS);
      assert.ok(outcome.kind === 'document' && outcome.document.format === 'terraform-plan');
      const root = readJson(text, DEFAULT_LIMITS);
      assert.ok(isMap(root));
      const hollow = templateOf(outcome.document);
      const full = templateOf({ ...outcome.document, root });
      assert.deepEqual(
        hollow.resources.map((resource) => resource.id),
        full.resources.map((resource) => resource.id),
      );
      const findings = linter.run(hollow);
      assert.ok(findings.length > 0);
      assert.deepEqual(findings, linter.run(full));
      const references = (template: typeof full): string[] =>
        template.resources.flatMap((resource) =>
          template.references
            .to(resource.id)
            .map((r) => `${r.from.id} -> ${r.to} ${r.attribute ?? ''} at ${r.path.join('.')} @${r.node.start}`),
        );
      assert.deepEqual(references(hollow), references(full));
    });
  }
});
