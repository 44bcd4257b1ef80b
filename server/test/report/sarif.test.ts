import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { buildReport } from '../../src/report/document';
import { FINGERPRINT_KEY, relativeUri, ruleName, toSarif } from '../../src/report/sarif';
import type { SarifLog, SarifResult } from '../../src/report/sarif-types';
import type { Finding } from '../../src/report/types';
import { makeTree, removeTree, runCli, template } from '../cli/helpers';
import { TEST_RULES } from './test-rules';

async function sarifOf(args: readonly string[], cwd?: string): Promise<{ code: number; log: SarifLog }> {
  const outcome = await runCli(['scan', '--format', 'sarif', ...args], cwd === undefined ? {} : { cwd });
  return { code: outcome.code, log: JSON.parse(outcome.stdout) as SarifLog };
}

function results(log: SarifLog): readonly SarifResult[] {
  return log.runs[0]?.results ?? [];
}

const base: Finding = {
  ruleId: 'responsibility/test-warning',
  messageId: 'marked',
  severity: 'warning',
  theme: 'responsibility',
  responsibility: 'data',
  message: 'R is marked warning',
  file: 'a.yaml',
  line: 3,
  column: 3,
  endLine: 3,
  endColumn: 4,
  resource: { id: 'R', type: 'Test::Warning' },
  fixes: [],
  references: { checkov: [], cfnNag: [], kics: [], cdkNag: [], trivy: [] },
};

describe('SARIF output', () => {
  it('describes every rule of the catalogue, and each result points at its rule by id and index', async () => {
    const { code, log } = await sarifOf(['marked', 'clean']);
    assert.equal(code, 1);
    const run = log.runs[0];
    assert.ok(run);
    assert.deepEqual(
      run.tool.driver.rules.map((rule) => rule.id),
      TEST_RULES.map((rule) => rule.meta.id).sort(),
    );
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
    assert.deepEqual(
      run.results.map((result) => [result.ruleId, result.level]),
      [
        ['responsibility/test-error', 'error'],
        ['responsibility/test-info', 'note'],
        ['responsibility/test-warning', 'warning'],
      ],
    );
    assert.deepEqual(
      [run.invocations[0]?.executionSuccessful, run.invocations[0]?.toolExecutionNotifications],
      [true, []],
    );
  });

  it('gives the same 1-based UTF-16 region as the JSON output, relative to %SRCROOT%', async () => {
    const { log } = await sarifOf(['marked/info.json']);
    assert.deepEqual(results(log)[0]?.locations[0]?.physicalLocation, {
      artifactLocation: { uri: 'marked/info.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 12 },
    });
  });

  it('lists related locations with their messages', async () => {
    const root = await makeTree({ 'a.yaml': template('Test::Related') });
    try {
      const { log } = await sarifOf([], root);
      assert.deepEqual(results(log)[0]?.relatedLocations, [
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'a.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 5 },
          },
          message: { text: 'declared here' },
        },
      ]);
    } finally {
      await removeTree(root);
    }
  });

  it('reports unlintable files as error notifications, and the run as unsuccessful', async () => {
    const { code, log } = await sarifOf(['broken', 'marked/error.yaml']);
    assert.equal(code, 2);
    const invocation = log.runs[0]?.invocations[0];
    assert.equal(invocation?.executionSuccessful, false);
    assert.deepEqual(invocation?.toolExecutionNotifications, [
      {
        level: 'error',
        message: { text: 'unexpected end of the stream within a flow collection in YAML' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'broken/stack.template', uriBaseId: '%SRCROOT%' },
              region: { startLine: 6, startColumn: 1 },
            },
          },
        ],
        properties: { code: 'parse' },
      },
    ]);
  });

  it('describes engine findings after the catalogue', async () => {
    const root = await makeTree({ 'a.yaml': template('Test::Explode') });
    try {
      const { log } = await sarifOf([], root);
      const run = log.runs[0];
      const result = run?.results[0];
      assert.equal(result?.ruleId, 'iacsec/rule-failed');
      assert.equal(result?.ruleIndex, TEST_RULES.length);
      assert.equal(run?.tool.driver.rules[TEST_RULES.length]?.name, 'RuleFailed');
    } finally {
      await removeTree(root);
    }
  });

  describe('partial fingerprints', () => {
    let root = '';
    afterEach(async () => {
      if (root !== '') await removeTree(root);
      root = '';
    });

    const fingerprints = (log: SarifLog): Record<string, string> =>
      Object.fromEntries(
        results(log).map((result) => [
          `${result.ruleId} ${result.locations[0]?.logicalLocations?.[0]?.name ?? ''}`,
          result.partialFingerprints[FINGERPRINT_KEY] ?? '',
        ]),
      );

    it('stay the same when lines move, and change when the resource or the underlined text does', async () => {
      const original = template('Test::Error', 'Test::Warning');
      root = await makeTree({ 'a.yaml': original });
      const first = fingerprints((await sarifOf([], root)).log);
      await fs.writeFile(path.join(root, 'a.yaml'), original.replace('Resources:\n', 'Resources:\n  # moved down\n\n'));
      const moved = await sarifOf([], root);
      assert.equal(results(moved.log)[0]?.locations[0]?.physicalLocation.region.startLine, 5);
      assert.deepEqual(fingerprints(moved.log), first);
      await fs.writeFile(path.join(root, 'a.yaml'), original.replace('R1:', 'Other:'));
      const renamed = fingerprints((await sarifOf([], root)).log);
      assert.equal(renamed['responsibility/test-error R0'], first['responsibility/test-error R0']);
      assert.notEqual(renamed['responsibility/test-warning Other'], first['responsibility/test-warning R1']);
      assert.match(first['responsibility/test-error R0'] ?? '', /^[0-9a-f]{32}$/);
    });

    it('tell apart findings alike in rule, resource and text by their order', () => {
      const report = buildReport({
        version: '0',
        files: 1,
        findings: [base, { ...base, line: 9, endLine: 9 }],
        errors: [],
      });
      const log = toSarif(report, { rules: TEST_RULES, source: () => 'x\n' });
      const [one, two] = results(log).map((result) => result.partialFingerprints[FINGERPRINT_KEY]);
      assert.ok(one !== undefined && two === `${one}:2`);
    });
  });

  it('marks suppressed findings: comments and metadata in the file are inSource, configuration is external', () => {
    const report = buildReport({
      version: '0',
      files: 1,
      findings: [
        { ...base, suppressed: { by: 'iacsec-ignore', reason: 'public website' } },
        { ...base, line: 5, endLine: 5, suppressed: { by: 'checkov', reason: 'accepted' } },
        { ...base, line: 7, endLine: 7, suppressed: { by: 'config', reason: 'sandbox' } },
      ],
      errors: [],
      includeSuppressed: true,
    });
    assert.deepEqual(
      results(toSarif(report, { rules: TEST_RULES })).map((result) => result.suppressions),
      [
        [{ kind: 'inSource', justification: 'public website' }],
        [{ kind: 'inSource', justification: 'accepted' }],
        [{ kind: 'external', justification: 'sandbox' }],
      ],
    );
  });

  it('names rules and encodes paths as relative URIs', () => {
    assert.equal(ruleName('encryption/s3-bucket-encryption'), 'S3BucketEncryption');
    assert.equal(relativeUri('my stacks/ü#1.yaml'), 'my%20stacks/%C3%BC%231.yaml');
    assert.equal(relativeUri('../up/a.yaml'), '../up/a.yaml');
  });
});
