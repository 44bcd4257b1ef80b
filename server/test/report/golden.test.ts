import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toolVersion } from '../../src/report/tool';
import { FIX_RULES } from '../cli/fix-rules';
import { runCli, SERVER_DIR } from '../cli/helpers';

/**
 * Golden files: the exact output of each format over one fixed set of inputs, linted with test-only rules so
 * that the real catalogue can grow without touching them. `UPDATE_GOLDEN=1 npm test` (or the mocha command
 * with that variable) rewrites them; review the diff before committing it. The tool's version and the absolute
 * path of the inputs are replaced by placeholders, so the goldens hold neither.
 */
const GOLDEN = path.join(SERVER_DIR, 'test', 'fixtures', 'golden');
const INPUT = path.join(GOLDEN, 'input');
const EXPECTED = path.join(GOLDEN, 'expected');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

const VERSION = '<version>';
const SRCROOT = 'file:///<input>/';

interface Case {
  readonly name: string;
  readonly argv: readonly string[];
  readonly expectedCode: number;
  /** Replaces what differs between machines and releases. */
  readonly normalise?: (output: string) => string;
}

const CASES: readonly Case[] = [
  { name: 'scan.stylish.txt', argv: ['scan'], expectedCode: 2 },
  { name: 'scan.json', argv: ['scan', '--format', 'json'], expectedCode: 2, normalise: normaliseJson },
  { name: 'scan.sarif', argv: ['scan', '--format', 'sarif'], expectedCode: 2, normalise: normaliseSarif },
  { name: 'scan.junit.xml', argv: ['scan', '--format', 'junit'], expectedCode: 2 },
  {
    name: 'scan.include-suppressed.junit.xml',
    argv: ['scan', '--format', 'junit', '--include-suppressed'],
    expectedCode: 2,
  },
  { name: 'fix.dry-run.diff', argv: ['fix', '--dry-run'], expectedCode: 2 },
  { name: 'rules.stylish.txt', argv: ['rules'], expectedCode: 0 },
];

describe('golden output (server/test/fixtures/golden)', () => {
  for (const { name, argv, expectedCode, normalise } of CASES) {
    it(`${argv.join(' ')} → ${name}`, async () => {
      // No TTY and an empty environment: no colour, no progress line, whatever runs the tests.
      const outcome = await runCli(argv, { cwd: INPUT, rules: FIX_RULES, tty: false, env: {} });
      assert.equal(outcome.code, expectedCode, outcome.stderr);
      const actual = normalise === undefined ? outcome.stdout : normalise(outcome.stdout);
      assert.equal(actual.includes(INPUT), false, 'an absolute path leaked into the output');
      const file = path.join(EXPECTED, name);
      if (UPDATE) {
        fs.mkdirSync(EXPECTED, { recursive: true });
        fs.writeFileSync(file, actual);
        return;
      }
      assert.ok(fs.existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 to write it`);
      assert.equal(
        actual,
        fs.readFileSync(file, 'utf8'),
        `${name} differs: if the change is intended, run with UPDATE_GOLDEN=1`,
      );
    });
  }
});

/** Re-serialised exactly as the CLI serialises (two-space JSON and a newline), so only the fields change. */
function normaliseJson(output: string): string {
  const report = JSON.parse(output) as { tool: { version: string } };
  assert.equal(report.tool.version, toolVersion());
  report.tool.version = VERSION;
  return `${JSON.stringify(report, null, 2)}\n`;
}

function normaliseSarif(output: string): string {
  const log = JSON.parse(output) as {
    runs: {
      tool: { driver: { version: string; semanticVersion: string } };
      originalUriBaseIds: Record<string, { uri: string }>;
    }[];
  };
  const run = log.runs[0];
  assert.ok(run);
  assert.equal(run.tool.driver.version, toolVersion());
  run.tool.driver.version = VERSION;
  run.tool.driver.semanticVersion = VERSION;
  const base = run.originalUriBaseIds['%SRCROOT%'];
  assert.equal(base?.uri, `${pathToFileURL(INPUT).href}/`);
  run.originalUriBaseIds['%SRCROOT%'] = { uri: SRCROOT };
  return `${JSON.stringify(log, null, 2)}\n`;
}
