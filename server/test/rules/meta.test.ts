import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { allRules } from '../../src/rules/index';
import { SEVERITIES, TOOLS, type Tool } from '../../src/rules/types';

/** Tests run from server/out/test/rules; the sources, docs and examples are read where they are written. */
const ROOT = path.resolve(__dirname, '../../../..');
const RULES_SOURCE = path.join(ROOT, 'server/src/rules');
const THEMES = ['encryption', 'firewall', 'responsibility'];
const RESPONSIBILITIES = ['guest-os', 'application', 'firewall', 'data'];
const ids = allRules.map((rule) => rule.meta.id);

/** What a full id looks like in each tool, so a reference can be looked up there as written. */
const FULL_ID: Readonly<Record<Tool, RegExp>> = {
  checkov: /^CKV2?_AWS_\d+$/,
  cfnNag: /^[WF]\d+$/,
  kics: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  cdkNag: /^(AwsSolutions|HIPAA\.Security|NIST\.800\.53\.R[45]|PCI\.DSS\.321|Serverless)-[A-Za-z0-9]+$/,
  trivy: /^AVD-AWS-\d{4}$/,
};

/** `<theme>/<name>` of every rule file on disk: each file in a theme folder is one rule. */
function ruleFilesOnDisk(): string[] {
  const ids: string[] = [];
  for (const entry of fs.readdirSync(RULES_SOURCE, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(RULES_SOURCE, entry.name))) {
      if (file.endsWith('.ts') && file !== 'index.ts' && file !== 'types.ts')
        ids.push(`${entry.name}/${file.slice(0, -3)}`);
    }
  }
  return ids.sort();
}

function examplesOnDisk(dir = path.join(ROOT, 'examples')): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return examplesOnDisk(full);
    return /\.(ya?ml|json|template)$/.test(entry.name) ? [full] : [];
  });
}

describe('rule catalogue', () => {
  it('has unique ids, in id order', () => {
    assert.equal(new Set(ids).size, ids.length, `duplicate ids in ${ids.join(', ')}`);
    assert.deepEqual(ids, [...ids].sort());
  });

  it('holds exactly the rule files on disk, each id being its path', () => {
    assert.deepEqual([...ids].sort(), ruleFilesOnDisk());
    for (const entry of fs.readdirSync(RULES_SOURCE, { withFileTypes: true })) {
      if (entry.isDirectory())
        assert.ok(THEMES.includes(entry.name), `server/src/rules/${entry.name} is not a theme (${THEMES.join(', ')})`);
    }
  });

  for (const rule of allRules) {
    describe(rule.meta.id, () => {
      const meta = rule.meta;
      const [theme, name] = meta.id.split('/');

      it('is exported by the file its id names', async () => {
        assert.ok(theme !== undefined && THEMES.includes(theme), `theme of ${meta.id}`);
        assert.match(name ?? '', /^[a-z0-9]+(-[a-z0-9]+)*$/);
        const exports = (await import(path.join(ROOT, 'server/out/src/rules', `${meta.id}.js`))) as Record<
          string,
          unknown
        >;
        assert.ok(Object.values(exports).includes(rule), `server/src/rules/${meta.id}.ts does not export this rule`);
      });

      it('has complete meta', () => {
        for (const field of ['title', 'rationale', 'remediation'] as const)
          assert.ok(meta[field].trim().length > 0, `${field} is empty`);
        assert.ok(SEVERITIES.includes(meta.severity), `severity ${meta.severity}`);
        assert.ok(RESPONSIBILITIES.includes(meta.responsibility), `responsibility ${meta.responsibility}`);
        assert.ok(['safe', 'suggestion', 'none'].includes(meta.fix), `fix ${meta.fix}`);
        const messages = Object.entries(meta.messages);
        assert.ok(messages.length > 0, 'no messages');
        for (const [id, text] of messages)
          assert.ok(/^[a-z][A-Za-z0-9]*$/.test(id) && text.trim().length > 0, `message ${id}`);
        assert.ok(Object.keys(rule.visitors).length > 0, 'no visitors');
      });

      it('names other tools’ checks by their full ids', () => {
        assert.ok(meta.references.length > 0, 'no references');
        for (const reference of meta.references) {
          assert.ok(TOOLS.includes(reference.tool), `tool ${reference.tool}`);
          assert.match(reference.id, FULL_ID[reference.tool], `${reference.tool} id ${reference.id}`);
          assert.ok(
            reference.match === 'equivalent' || reference.match === 'related',
            `${reference.id} match ${reference.match}`,
          );
          if (reference.tool === 'trivy')
            assert.match(reference.name ?? '', /^aws-[a-z0-9]+(-[a-z0-9]+)+$/, `trivy slug of ${reference.id}`);
        }
      });

      it('has a docs page that states its id and every reference', () => {
        const page = path.join(ROOT, 'docs/rules', `${meta.id}.md`);
        assert.ok(fs.existsSync(page), `docs/rules/${meta.id}.md is missing`);
        const text = fs.readFileSync(page, 'utf8');
        assert.ok(text.includes(`\`${meta.id}\``), 'the page does not state the id');
        for (const reference of meta.references)
          assert.ok(text.includes(reference.id), `the page does not name ${reference.id}`);
      });

      it('reads Terraform, tested and documented, or its page says why not', () => {
        const page = fs.readFileSync(path.join(ROOT, 'docs/rules', `${meta.id}.md`), 'utf8');
        const visitors = rule.visitors.terraform;
        if (visitors === undefined) {
          assert.match(page, /no Terraform equivalent/i, 'no Terraform visitor, and the page does not say why');
          return;
        }
        const tests = fs.readFileSync(path.join(ROOT, 'server/test/rules', `${meta.id}.test.ts`), 'utf8');
        assert.match(tests, /\btf:/, 'the tests have no Terraform JSON case');
        for (const type of Object.keys(visitors))
          assert.ok(page.includes(`\`${type}\``), `the page does not name the Terraform type ${type}`);
      });

      it('has a test file', () => {
        assert.ok(
          fs.existsSync(path.join(ROOT, 'server/test/rules', `${meta.id}.test.ts`)),
          `server/test/rules/${meta.id}.test.ts is missing`,
        );
      });
    });
  }
});

describe('examples', () => {
  const linter = new Linter(new RuleSet(allRules));
  const results = examplesOnDisk().map((file) => ({
    file: path.relative(ROOT, file),
    result: linter.lint(fs.readFileSync(file, 'utf8'), file),
  }));

  it('are templates that read cleanly, and no rule fails on them', () => {
    assert.ok(results.length > 0, 'no examples');
    for (const { file, result } of results) {
      assert.ok(result.iac, `${file} is not detected as a template`);
      assert.deepEqual(result.problems, [], file);
      assert.deepEqual(
        result.findings.filter((finding) => !ids.includes(finding.ruleId)),
        [],
        file,
      );
    }
  });

  it('trigger every rule at least once', () => {
    const triggered = new Set(results.flatMap(({ result }) => result.findings.map((finding) => finding.ruleId)));
    for (const id of ids) assert.ok(triggered.has(id), `no example under examples/ triggers ${id}`);
  });

  it('include a clean template, with zero findings (a suppression with its reason is part of doing it right)', () => {
    assert.ok(
      results.some(({ result }) => result.iac && result.findings.every((finding) => finding.suppressed !== undefined)),
      'every example has findings',
    );
  });
});
