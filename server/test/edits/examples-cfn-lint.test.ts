import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyFixes } from '../../src/edits/index';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { allRules } from '../../src/rules/index';

/** Tests run from server/out/test/edits; the examples are read where they are written. */
const ROOT = path.resolve(__dirname, '../../../..');

function examples(dir = path.join(ROOT, 'examples')): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return examples(full);
    // cfn-lint reads CloudFormation only; the Terraform examples are checked by their own rules' tests.
    if (full.includes(`${path.sep}terraform${path.sep}`)) return [];
    return /\.(ya?ml|json|template)$/.test(entry.name) ? [full] : [];
  });
}

interface CfnLintMatch {
  readonly Rule: { readonly Id: string };
  readonly Level: string;
  readonly Message: string;
  readonly Filename: string;
}

/** cfn-lint's errors by file name; its messages name template paths, not lines, so they compare across edits. */
function cfnLintErrors(files: readonly string[]): Map<string, string[]> {
  const run = spawnSync('cfn-lint', ['--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error !== undefined) throw run.error;
  const matches = JSON.parse(run.stdout || '[]') as CfnLintMatch[];
  const errors = new Map<string, string[]>(files.map((file) => [path.basename(file), []]));
  for (const match of matches) {
    if (match.Level === 'Error') errors.get(path.basename(match.Filename))?.push(`${match.Rule.Id} ${match.Message}`);
  }
  return errors;
}

const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const available = cfnLint.error === undefined && cfnLint.status === 0;

describe('fixed examples pass cfn-lint', () => {
  it(
    available
      ? `every fix applied to each example (suggestions too) adds no cfn-lint error (${cfnLint.stdout.trim()})`
      : 'SKIPPED: cfn-lint is not on PATH, so the fixed examples cannot be checked',
    function () {
      if (!available) this.skip();
      this.timeout(180_000);
      const linter = new Linter(new RuleSet(allRules));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-fixed-'));
      try {
        const originals: string[] = [];
        const fixed: string[] = [];
        let changed = 0;
        for (const file of examples()) {
          const text = fs.readFileSync(file, 'utf8');
          const result = applyFixes(text, file, linter.lint(text, file).findings, {
            filter: () => true,
            relint: (next) => linter.lint(next, file).findings,
          });
          if (result.applied > 0) changed++;
          const name = path.relative(ROOT, file).replace(/[\\/]/g, '__');
          const original = path.join(dir, 'original', name);
          const after = path.join(dir, 'fixed', name);
          fs.mkdirSync(path.dirname(original), { recursive: true });
          fs.mkdirSync(path.dirname(after), { recursive: true });
          fs.writeFileSync(original, text);
          fs.writeFileSync(after, result.text);
          originals.push(original);
          fixed.push(after);
          assert.deepEqual(linter.lint(result.text, file).problems, [], `${file} does not read after fixing`);
        }
        assert.ok(changed > 0, 'no example has a fix to apply');
        const before = cfnLintErrors(originals);
        const afterFix = cfnLintErrors(fixed);
        for (const [name, errors] of afterFix) {
          const known = [...(before.get(name) ?? [])];
          const added = errors.filter((error) => {
            const index = known.indexOf(error);
            if (index === -1) return true;
            known.splice(index, 1);
            return false;
          });
          assert.deepEqual(
            added,
            [],
            `cfn-lint errors the fixes added to ${name}:\n${fs.readFileSync(path.join(dir, 'fixed', name), 'utf8')}`,
          );
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
