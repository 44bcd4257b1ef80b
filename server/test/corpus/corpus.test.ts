import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { allRules } from '../../src/rules';
import { KNOWN_TREE_PROBLEMS, NOT_TEMPLATES, UNREADABLE } from './expectations';
import { formatSummary } from './summary';
import { emptyNodeOffsets, rangeProblem, sweepCorpus, type Sweep, type SweptFile } from './sweep';

/**
 * Robustness sweep over real templates (CI: IACSEC_CORPUS=/work/shared/corpus, ~300 files of
 * aws-cloudformation-templates). Every test gathers all offending files before failing, so one run shows them all.
 */
describe('corpus sweep', function () {
  const root = process.env['IACSEC_CORPUS'];
  if (root === undefined || root === '') {
    it('IACSEC_CORPUS not set: corpus sweep skipped');
    return;
  }
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    it(`finds the corpus directory IACSEC_CORPUS=${root}`, () =>
      assert.fail(`IACSEC_CORPUS=${root} is not a directory`));
    return;
  }

  const linter = new Linter(new RuleSet(allRules));
  let sweep: Sweep = { files: [], millis: 0 };

  before(function () {
    this.timeout(30_000);
    sweep = sweepCorpus(root, linter);
  });

  after(() => {
    if (sweep.files.length > 0) console.log(formatSummary(sweep));
  });

  /** Runs `check` on every swept file and fails once, listing every file it complained about. */
  const expectNone = (what: string, check: (swept: SweptFile) => string | undefined): void => {
    assert.ok(sweep.files.length > 0, `no *.yaml, *.yml, *.json or *.template file under ${root}`);
    const failures = sweep.files.flatMap((swept) => {
      const failure = check(swept);
      return failure === undefined ? [] : [`${swept.file}: ${failure}`];
    });
    // assert.fail, not deepEqual: the list is the message, without a diff that repeats it.
    if (failures.length > 0) assert.fail(`${failures.length} file(s) ${what}:\n${failures.join('\n')}`);
  };

  it('lints every file without an exception, an internal error or a failed rule', () => {
    expectNone('broke the engine', ({ result, thrown }) => {
      if (result === undefined)
        return `threw ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`;
      const internal = result.problems.find((problem) => problem.code === 'internal');
      if (internal !== undefined) return `internal error: ${internal.message}`;
      return result.findings.find((finding) => finding.ruleId === 'iacsec/rule-failed')?.message;
    });
  });

  it('reads every template the baseline parses as a template without problems', () => {
    expectNone('parse for js-yaml or JSON.parse but not for iacsec', ({ file, baseline, result }) => {
      if (!baseline || NOT_TEMPLATES.has(file) || result === undefined) return undefined;
      if (!result.iac) return 'not detected as CloudFormation (if it is no template, list it in NOT_TEMPLATES)';
      const [first] = result.problems;
      return first === undefined ? undefined : `${first.code} problem at offset ${first.offset}: ${first.message}`;
    });
  });

  it('gives each file the baseline rejects exactly its known outcome', () => {
    expectNone('are unreadable in an unexpected way', ({ file, baseline, result }) => {
      const known = UNREADABLE.get(file);
      // A non-template may be anything (a multi-document manifest); it only has to yield nothing.
      if (NOT_TEMPLATES.has(file)) return undefined;
      if (known === undefined)
        return baseline ? undefined : 'the baseline cannot parse it: investigate, then list it in UNREADABLE';
      if (baseline) return 'listed in UNREADABLE but the baseline parses it: delete the entry';
      if (result === undefined) return undefined;
      if (known.outcome === 'not-iac')
        return result.iac ? `expected not-iac (${known.reason}), got a template` : undefined;
      const problems = result.problems.map((problem) => problem.message);
      const matches = problems.length === 1 && known.message?.test(problems[0] ?? '') === true;
      return matches
        ? undefined
        : `expected one problem ${String(known.message)} (${known.reason}), got ${JSON.stringify(problems)}`;
    });
  });

  it('yields nothing for the files that are no templates', () => {
    expectNone('are no templates but yielded something', ({ file, result }) => {
      if (!NOT_TEMPLATES.has(file) || result === undefined) return undefined;
      return result.iac || result.findings.length > 0 || result.problems.length > 0
        ? `expected nothing (${NOT_TEMPLATES.get(file)})`
        : undefined;
    });
  });

  it('finds a file for every entry of the expectation lists', () => {
    const present = new Set(sweep.files.map((swept) => swept.file));
    const stale = [...NOT_TEMPLATES.keys(), ...UNREADABLE.keys(), ...KNOWN_TREE_PROBLEMS.keys()].filter(
      (file) => !present.has(file),
    );
    if (stale.length > 0) assert.fail(`expectations name files the corpus lacks:\n${stale.join('\n')}`);
  });

  it('builds source trees whose nodes nest, keep order and start and end on text', () => {
    expectNone('have a misplaced node in their tree', ({ file, treeProblem }) => {
      const known = KNOWN_TREE_PROBLEMS.get(file);
      if (known === undefined) return treeProblem;
      if (treeProblem === undefined)
        return `listed in KNOWN_TREE_PROBLEMS (${known}) but its tree is sound: delete the entry`;
      // Only the known symptom is excused; any other broken promise in the same file still fails.
      return /starts or ends on white space$/.test(treeProblem) ? undefined : treeProblem;
    });
  });

  it('places every finding inside the text, on a non-empty range or an empty node', () => {
    expectNone('have findings out of place', (swept) => {
      let empty: Set<number> | undefined;
      const emptyNodes = (): Set<number> => (empty ??= emptyNodeOffsets(swept, linter));
      for (const finding of swept.result?.findings ?? []) {
        const problem = rangeProblem(swept, finding, emptyNodes);
        if (problem !== undefined) return `${finding.ruleId} ${problem}`;
      }
      return undefined;
    });
  });
});
