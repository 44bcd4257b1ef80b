import * as assert from 'node:assert/strict';
import { parseCommand } from '../../src/cli/args';
import { HELP } from '../../src/cli/help';
import type { RuleInfo } from '../../src/report/catalogue';
import { allRules } from '../../src/rules/index';
import { runCli } from './helpers';

describe('iacsec rules', () => {
  it('prints the catalogue as a table, exit 0', async () => {
    const outcome = await runCli(['rules']);
    assert.equal(outcome.code, 0);
    assert.equal(
      outcome.stdout,
      [
        'rule                         severity  responsibility  title',
        'encryption/test-explode      error     data            Test explode',
        'firewall/test-related        warning   firewall        Test related',
        'responsibility/test-error    error     data            Test error',
        'responsibility/test-info     info      data            Test info',
        'responsibility/test-warning  warning   data            Test warning',
        '',
        "5 rules; 'iacsec explain RULE_ID' shows a rule's page",
        '',
      ].join('\n'),
    );
  });

  it('--format json prints an array of rule metas with theme and docs URL, in id order', async () => {
    const outcome = await runCli(['rules', '--format', 'json'], { rules: allRules });
    assert.equal(outcome.code, 0);
    const entries = JSON.parse(outcome.stdout) as RuleInfo[];
    assert.deepEqual(
      entries.map((entry) => entry.id),
      allRules.map((rule) => rule.meta.id).sort(),
    );
    const s3 = entries.find((entry) => entry.id === 'encryption/s3-bucket-encryption');
    assert.deepEqual(Object.keys(s3 ?? {}), [
      'id',
      'title',
      'severity',
      'theme',
      'responsibility',
      'messages',
      'rationale',
      'remediation',
      'references',
      'fix',
      'docs',
    ]);
    assert.equal(s3?.theme, 'encryption');
    assert.equal(s3?.docs, 'https://github.com/iacsec/iacsec/blob/main/docs/rules/encryption/s3-bucket-encryption.md');
    assert.ok(s3?.references.some((reference) => reference.id === 'CKV_AWS_19'));
  });

  it('exits 2 for a usage error', async () => {
    for (const argv of [
      ['rules', '--format', 'sarif'],
      ['rules', 'extra'],
      ['rules', '--bogus'],
    ]) {
      const outcome = await runCli(argv);
      assert.deepEqual([outcome.code, outcome.stdout], [2, ''], argv.join(' '));
      assert.match(outcome.stderr, /\nRun 'iacsec rules --help' for usage\.\n$/);
    }
  });
});

describe('command line', () => {
  it('reads each command with its options', () => {
    assert.deepEqual(parseCommand(['fix', '--dry-run', '-f', 'sarif', 'a', 'b']), {
      kind: 'fix',
      paths: ['a', 'b'],
      format: 'sarif',
      output: undefined,
      config: undefined,
      severity: 'warning',
      exitZero: false,
      includeSuppressed: false,
      dryRun: true,
    });
    assert.equal(parseCommand(['scan', '--format=junit']).kind, 'scan');
    assert.deepEqual(parseCommand(['rules', '-f', 'json']), { kind: 'rules', format: 'json' });
    assert.deepEqual(parseCommand(['explain', 'a/b']), { kind: 'explain', ruleId: 'a/b' });
  });

  it('refuses --dry-run on scan', () => {
    assert.throws(() => parseCommand(['scan', '--dry-run']), /unknown option '--dry-run'/);
  });

  it('has help for every command, naming each of its options', async () => {
    const options: Record<string, readonly string[]> = {
      scan: [
        '--format',
        '--output',
        '--config',
        '--severity',
        '--exit-zero',
        '--include-suppressed',
        '--help',
        '--version',
      ],
      fix: ['--dry-run', '--format', '--output', '--config', '--severity', '--exit-zero', '--include-suppressed'],
      rules: ['--format', '--help', '--version'],
      explain: ['--help', '--version'],
    };
    for (const [command, names] of Object.entries(options)) {
      for (const argv of [
        ['help', command],
        [command, '--help'],
      ]) {
        const outcome = await runCli(argv);
        assert.deepEqual([outcome.code, outcome.stdout], [0, HELP[command as keyof typeof HELP]], argv.join(' '));
        for (const name of names) assert.ok(outcome.stdout.includes(name), `${name} in ${argv.join(' ')}`);
      }
      assert.ok(HELP.iacsec.includes(`iacsec ${command}`), `${command} in the general help`);
    }
  });

  it('lists sarif and junit among the formats', async () => {
    for (const format of ['stylish', 'json', 'sarif', 'junit']) {
      assert.equal((await runCli(['scan', '--format', format, 'clean'])).code, 0, format);
    }
    const unknown = await runCli(['scan', '--format', 'xml']);
    assert.match(unknown.stderr, /unknown format 'xml'; use stylish, json, sarif or junit\n/);
  });
});
