import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { Linter } from '../../src/engine/linter';
import { RuleSet } from '../../src/engine/rule-set';
import { allRules } from '../../src/rules';
import { resultViolations, slowness, violations } from './check';
import { HEAP_ALLOWANCE, heapBound, MAX_HEAP_MULTIPLE, measureHeap } from './heap';
import { mutantArb, mutate } from './mutators';
import { PATHOLOGICAL } from './pathological';
import { corpusSeeds, exampleSeeds } from './seeds';

/**
 * Property-based robustness of the parsers, the engine and the fixes (docs/fuzzing.md). CI runs a few thousand
 * cases from a fixed seed; `npm run fuzz` sets IACSEC_FUZZ_RUNS=100000. A failure prints fast-check's
 * `{ seed, path }`: replay it with IACSEC_FUZZ_SEED and IACSEC_FUZZ_PATH.
 */
const RUNS = Number(process.env['IACSEC_FUZZ_RUNS'] ?? 3000);
const SEED = Number(process.env['IACSEC_FUZZ_SEED'] ?? 20261128);
const REPLAY_PATH = process.env['IACSEC_FUZZ_PATH'];
const PARAMETERS: fc.Parameters<unknown> = {
  seed: SEED,
  numRuns: RUNS,
  ...(REPLAY_PATH === undefined || REPLAY_PATH === '' ? {} : { path: REPLAY_PATH }),
};

describe('fuzz: lint and fixes on malformed input', function () {
  // Over a hundred thousand runs take as long as they take; CI's few thousand stay well under a minute.
  this.timeout(0);
  const linter = new Linter(new RuleSet(allRules));
  const seeds = [...exampleSeeds(), ...corpusSeeds(SEED)];

  it('reads every seed unmutated, keeping every property', () => {
    assert.ok(seeds.length >= 40, `only ${seeds.length} seeds under examples/`);
    for (const seed of seeds) assert.deepEqual(violations(linter, seed.text, seed.file), [], seed.file);
  });

  // Found here first: a YAML text cut off inside a quoted scalar, or right after a bare `-`, read with a position
  // one past its end (js-yaml appends a line break); regressions.test.ts keeps both inputs.
  it(`keeps every property on ${RUNS} mutants of ${seeds.length} seeds (fast-check seed ${SEED})`, () => {
    fc.assert(
      fc.property(mutantArb(seeds), ({ seed, mutations }) => {
        const text = mutations.reduce(mutate, seed.text);
        assert.deepEqual(violations(linter, text, seed.file), [], seed.file);
      }),
      PARAMETERS,
    );
  });

  it('keeps every property on the same mutants named as another format', () => {
    // A YAML text named .tf.json, a plan named .template: detection by name must not trust the content.
    const names = ['x.yaml', 'x.json', 'x.template', 'x.tf.json', 'plan.json'];
    fc.assert(
      fc.property(mutantArb(seeds), fc.constantFrom(...names), ({ seed, mutations }, file) => {
        const text = mutations.reduce(mutate, seed.text);
        assert.deepEqual(violations(linter, text, file), [], file);
      }),
      { ...PARAMETERS, numRuns: Math.max(1, Math.floor(RUNS / 3)) },
    );
  });

  describe(`pathological inputs, each within ${MAX_HEAP_MULTIPLE}× its size of heap`, () => {
    for (const input of PATHOLOGICAL) {
      it(`${input.name} (${input.file})`, () => {
        const text = input.text();
        let millis = 0;
        const { value: result, growth } = measureHeap((sample) => {
          const started = performance.now();
          const isCancelled = (): boolean => {
            sample();
            return false;
          };
          const linted = linter.lint(text, input.file, { isCancelled });
          millis = performance.now() - started;
          return linted;
        });
        assert.deepEqual([...slowness('lint', millis, text), ...resultViolations(result, text, input.file)], []);
        if (input.problems !== undefined) assert.deepEqual(result.problems, input.problems);
        const bytes = Buffer.byteLength(text, 'utf8');
        assert.ok(
          growth <= heapBound(text),
          `the heap grew by ${megabytes(growth)} MB (${(growth / bytes).toFixed(1)}×) linting ${megabytes(bytes)} MB: ` +
            `over ${MAX_HEAP_MULTIPLE}× its size + ${megabytes(HEAP_ALLOWANCE)} MB`,
        );
      });
    }
  });
});

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
