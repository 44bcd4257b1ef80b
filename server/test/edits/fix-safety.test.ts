import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { allRules } from '../../src/rules/index';
import { cfnLintAdditions, cfnLintVersion, type CfnLintAddition, type CfnLintCase } from './cfn-lint';
import { EditorFixAll } from './editor-actions';
import { corpusInputs, corpusRoot, crlfBomVariants, localInputs, type Source } from './fix-sweep-inputs';
import { PROPERTIES, type Property } from './fix-checker';
import { sweepFile, type FileSweep } from './fix-sweep';
import { sample } from '../fuzz/seeds';

/**
 * Fixes never break a file (docs/fuzzing.md, "Fix safety"): every fix the editor offers, alone, and what
 * source.fixAll applies, on every template of examples/, the test fixtures and IACSEC_CORPUS, keep five
 * properties, and cfn-lint finds no error in a fixed CloudFormation text that its original did not have.
 * The inputs are finite, so the sweep is exhaustive rather than random; only the corpus's single fixes are
 * sampled for cfn-lint, unless IACSEC_FIX_SWEEP=full.
 */
const FULL = process.env['IACSEC_FIX_SWEEP'] === 'full';
/** Corpus single fixes cfn-lint judges in a normal run, chosen by this seed (they all keep properties 1 to 5). */
const CORPUS_CFN_LINT_SAMPLE = 60;
const SAMPLE_SEED = 20261128;
const corpus = corpusRoot();
const cfnLint = cfnLintVersion();

describe('fix safety: every fix, alone and as source.fixAll, leaves a file that reads and is only fixed', function () {
  this.timeout(600_000);
  const sweeps: FileSweep[] = [];
  let additions: CfnLintAddition[] = [];
  let cfnLintFiles = 0;

  before(async function () {
    this.timeout(600_000);
    const linter = new Linter(new RuleSet(allRules));
    const editor = new EditorFixAll();
    const local = localInputs();
    const inputs = [...local, ...crlfBomVariants(local), ...('root' in corpus ? corpusInputs(corpus.root) : [])];
    for (const input of inputs) sweeps.push(await sweepFile(input, linter, editor, input.source !== 'corpus'));
    if (cfnLint === undefined) return;
    const cases = cfnLintCases(sweeps);
    cfnLintFiles = cases.reduce((sum, entry) => sum + 1 + entry.fixed.length, 0);
    additions = await cfnLintAdditions(cases, Math.min(4, os.availableParallelism()));
  });

  after(() => {
    const read = sweeps.filter((sweep) => sweep.format !== undefined);
    const count = (pick: (sweep: FileSweep) => number): number => read.reduce((sum, sweep) => sum + pick(sweep), 0);
    console.log(
      `      fix safety: ${read.length} templates (${sweeps.length} files looked at), ` +
        `${count((sweep) => sweep.single)} fixes applied alone (${count((sweep) => sweep.refused.length)} refused), ` +
        `${count((sweep) => sweep.fixAll)} by source.fixAll, ` +
        `${count((sweep) => sweep.followUps)} follow-up findings revealed, ` +
        `cfn-lint checked ${cfnLint === undefined ? 'nothing (not on PATH)' : `${cfnLintFiles} files`}` +
        `${FULL ? ' (IACSEC_FIX_SWEEP=full)' : ''}`,
    );
  });

  const propertyTests = (sources: readonly Source[]): void => {
    const mine = (): FileSweep[] => sweeps.filter((sweep) => sources.includes(sweep.input.source));
    for (const [property, title] of Object.entries(PROPERTIES) as [Property, string][]) {
      it(title, () => {
        const failures = mine().flatMap((sweep) => sweep.violations.filter((v) => v.property === property));
        assert.deepEqual(
          failures.map((failure) => failure.message),
          [],
        );
      });
    }
    it(
      cfnLint === undefined
        ? 'SKIPPED: cfn-lint is not on PATH, so no fixed text is checked by it'
        : `6. cfn-lint (${cfnLint}) finds no error in a fixed text that its original did not have`,
      function () {
        if (cfnLint === undefined) this.skip();
        const failures = additions.filter((addition) => (sources as readonly string[]).includes(addition.group));
        assert.deepEqual(
          failures.map((failure) => `${failure.shown}: ${failure.application}: ${failure.added.join('; ')}`),
          [],
        );
      },
    );
  };

  describe('examples/ (also with CRLF line endings and a BOM) and the test fixtures', () => {
    it('sweeps every rule that offers a fix: each has a fix applied on some example or fixture', () => {
      const fixed = new Set(
        sweeps
          .filter((sweep) => sweep.input.source !== 'corpus')
          .flatMap((sweep) => sweep.fixed.flatMap((text) => (text.rule === undefined ? [] : [text.rule]))),
      );
      const fixing = allRules.filter((rule) => rule.meta.fix !== 'none').map((rule) => rule.meta.id);
      assert.deepEqual(
        fixing.filter((id) => !fixed.has(id)),
        [],
      );
    });
    propertyTests(['examples', 'fixtures']);
  });

  describe(
    'root' in corpus
      ? `IACSEC_CORPUS=${corpus.root}`
      : `${corpus.missing}: the corpus is not swept, only examples/ and the fixtures (CI sets it)`,
    () => {
      if ('root' in corpus) propertyTests(['corpus']);
      else
        it(`SKIPPED: ${corpus.missing}`, function () {
          this.skip();
        });
    },
  );
});

/**
 * What cfn-lint judges: for each CloudFormation file that a fix changed, its original and every fixed text;
 * of the corpus's single fixes, a seeded sample unless IACSEC_FIX_SWEEP=full (see CORPUS_CFN_LINT_SAMPLE).
 */
function cfnLintCases(sweeps: readonly FileSweep[]): CfnLintCase[] {
  const corpusSingles = sweeps
    .filter((sweep) => sweep.format === 'cloudformation' && sweep.input.source === 'corpus')
    .flatMap((sweep) => sweep.fixed.filter((text) => text.rule !== undefined));
  const sampled = new Set(FULL ? corpusSingles : sample(corpusSingles, CORPUS_CFN_LINT_SAMPLE, SAMPLE_SEED));
  return sweeps.flatMap((sweep) => {
    // A variant is its example with other line breaks: cfn-lint judges the example itself.
    if (sweep.format !== 'cloudformation' || sweep.input.variant !== undefined) return [];
    const fixed = sweep.fixed.filter(
      (text) => text.rule === undefined || sweep.input.source !== 'corpus' || sampled.has(text),
    );
    if (fixed.length === 0) return [];
    const { shown, text } = sweep.input;
    return [{ group: sweep.input.source, shown, extension: path.extname(sweep.input.file), original: text, fixed }];
  });
}
