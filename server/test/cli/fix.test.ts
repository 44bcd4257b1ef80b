import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fixRefusal } from '../../src/cli/fix';
import type { ScanReport } from '../../src/report/types';
import { allRules } from '../../src/rules/index';
import { FIX_RULES } from './fix-rules';
import { makeTree, removeTree, runCli, SERVER_DIR, template, type RunOptions } from './helpers';

const EXAMPLES = path.resolve(SERVER_DIR, '..', 'examples');

/** Every file under a directory, by `/`-separated relative path. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files[path.relative(root, absolute).split(path.sep).join('/')] = await fs.readFile(absolute, 'utf8');
  }
  return files;
}

async function copyExamples(root: string, name: string): Promise<void> {
  await fs.cp(EXAMPLES, path.join(root, name), { recursive: true });
}

function safeFixable(report: ScanReport): string[] {
  return report.findings
    .filter((finding) => finding.fixes.some((fix) => fix.safe))
    .map((finding) => `${finding.file} ${finding.ruleId} ${finding.resource?.id ?? ''}`);
}

describe('iacsec fix', () => {
  let root = '';
  afterEach(async () => {
    if (root !== '') await removeTree(root);
    root = '';
  });

  describe('on a copy of examples/ with the real catalogue', () => {
    const real: RunOptions = { rules: allRules };

    it('applies every safe fix, reports what remains as a scan would, and a second run applies none', async () => {
      root = await makeTree({});
      await copyExamples(root, 'examples');
      const options = { ...real, cwd: root };
      const before = JSON.parse((await runCli(['scan', '--format', 'json', 'examples'], options)).stdout) as ScanReport;
      const fixable = safeFixable(before);
      assert.ok(fixable.length > 0, 'the examples have findings with safe fixes');

      const fixed = await runCli(['fix', '--format', 'json', 'examples'], options);
      const remaining = JSON.parse(fixed.stdout) as ScanReport;
      assert.deepEqual(safeFixable(remaining), []);
      const files = new Set(fixable.map((entry) => entry.split(' ')[0]));
      assert.match(fixed.stderr, new RegExp(`^\\d+ fix(es)? applied in ${files.size} files?\\n$`));
      assert.ok(Number(/^(\d+)/.exec(fixed.stderr)?.[1]) >= fixable.length);

      const rescan = await runCli(['scan', '--format', 'json', 'examples'], options);
      assert.equal(fixed.stdout, rescan.stdout, 'fix reports exactly what a scan of the fixed files reports');
      assert.equal(fixed.code, rescan.code);

      const afterFirst = await snapshot(root);
      const again = await runCli(['fix', 'examples'], options);
      assert.equal(again.stderr, '0 fixes applied in 0 files\n');
      assert.equal(again.code, fixed.code);
      assert.deepEqual(await snapshot(root), afterFirst, 'fixing is idempotent');
    });

    it('--dry-run writes nothing and prints a diff that git apply turns into what fix writes', async function () {
      root = await makeTree({});
      await copyExamples(root, 'dry/examples');
      await copyExamples(root, 'wet/examples');
      const untouched = await snapshot(path.join(root, 'dry'));

      const dry = await runCli(['fix', '--dry-run', 'examples'], { ...real, cwd: path.join(root, 'dry') });
      assert.deepEqual(await snapshot(path.join(root, 'dry')), untouched, '--dry-run wrote a file');
      assert.match(dry.stderr, /^\d+ fix(es)? would be applied in \d+ files? \(--dry-run: nothing written\)\n$/);
      const headers = dry.stdout.match(/^(---|\+\+\+) .*$/gm) ?? [];
      assert.ok(headers.length > 0 && headers.length % 2 === 0);
      for (let i = 0; i < headers.length; i += 2) {
        const file = headers[i]?.slice('--- a/'.length);
        // Templates and Terraform JSON are fixed; a plan, which is output, never is.
        assert.ok(file !== undefined && /^examples\/(cloudformation|terraform)\//.test(file), headers[i]);
        assert.ok(!file.endsWith('plan.json'), `${file}: a plan was edited`);
        assert.deepEqual([headers[i], headers[i + 1]], [`--- a/${file}`, `+++ b/${file}`]);
        assert.ok(file in untouched, `${file} is not a file of the copy`);
      }

      const wet = await runCli(['fix', 'examples'], { ...real, cwd: path.join(root, 'wet') });
      assert.equal(dry.code, wet.code, 'a dry run exits as the real one would');
      if (spawnSync('git', ['--version']).status !== 0) this.skip();
      const applied = spawnSync('git', ['apply', '-'], {
        cwd: path.join(root, 'dry'),
        input: dry.stdout,
        encoding: 'utf8',
      });
      assert.equal(applied.status, 0, applied.stderr);
      assert.deepEqual(await snapshot(path.join(root, 'dry')), await snapshot(path.join(root, 'wet')));
    });
  });

  describe('with test rules', () => {
    it('applies safe fixes only: a suggestion stays, and so does its finding', async () => {
      root = await makeTree({ 'a.yaml': template('Test::Fixable', 'Test::Suggest') });
      const outcome = await runCli(['fix', '--format', 'json'], { cwd: root, rules: FIX_RULES });
      assert.equal(outcome.stderr, '1 fix applied in 1 file\n');
      assert.equal(
        await fs.readFile(path.join(root, 'a.yaml'), 'utf8'),
        template('Test::Fixable', 'Test::Suggest').replace(
          '    Type: Test::Fixable\n',
          '    Type: Test::Fixable\n    Properties:\n      Marked: true\n',
        ),
      );
      const report = JSON.parse(outcome.stdout) as ScanReport;
      assert.deepEqual(
        report.findings.map((finding) => finding.ruleId),
        ['responsibility/test-suggest'],
      );
      assert.equal(outcome.code, 1);
    });

    it('leaves a finding alone when a suppression covers it', async () => {
      const text = template('Test::Fixable', 'Test::Fixable').replace(
        '  R1:\n',
        '  # iacsec-ignore responsibility/test-fixable -- managed by another team\n  R1:\n',
      );
      root = await makeTree({ 'a.yaml': text });
      const outcome = await runCli(['fix'], { cwd: root, rules: FIX_RULES });
      assert.deepEqual([outcome.code, outcome.stderr], [0, '1 fix applied in 1 file\n']);
      const fixed = await fs.readFile(path.join(root, 'a.yaml'), 'utf8');
      assert.equal(fixed.match(/Marked: true/g)?.length, 1);
      assert.ok(fixed.endsWith('  R1:\n    Type: Test::Fixable\n'), fixed);
    });

    it('exits 0 when the fixes leave nothing at or above the threshold', async () => {
      root = await makeTree({ 'a.yaml': template('Test::Fixable', 'Test::Info') });
      assert.equal((await runCli(['scan'], { cwd: root, rules: FIX_RULES })).code, 1);
      const outcome = await runCli(['fix'], { cwd: root, rules: FIX_RULES });
      assert.equal(outcome.code, 0);
      assert.match(outcome.stdout, /\n {2}7:3 {2}info {2}R1 is marked info {2}responsibility\/test-info\n/);
    });

    it('exits 1 for what remains, 0 with --exit-zero or a higher --severity, 2 for an unparseable file', async () => {
      root = await makeTree({
        'a.yaml': template('Test::Fixable', 'Test::Warning'),
        'broken/stack.template': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: [\n',
      });
      const options = { cwd: root, rules: FIX_RULES };
      assert.equal((await runCli(['fix', '--dry-run', 'a.yaml'], options)).code, 1);
      assert.equal((await runCli(['fix', '--dry-run', '--severity', 'error', 'a.yaml'], options)).code, 0);
      assert.equal((await runCli(['fix', '--dry-run', '--exit-zero', 'a.yaml', 'broken'], options)).code, 0);
      const both = await runCli(['fix', 'a.yaml', 'broken'], options);
      assert.equal(both.code, 2);
      assert.equal(both.stderr, '1 fix applied in 1 file\n');
      assert.match(await fs.readFile(path.join(root, 'a.yaml'), 'utf8'), /Marked: true/);
    });

    it('exits 2 for a usage error, writing nothing', async () => {
      root = await makeTree({ 'a.yaml': template('Test::Fixable') });
      for (const argv of [
        ['fix', '--dry-run=yes'],
        ['fix', '--format', 'xml'],
        ['fix', '--bogus'],
      ]) {
        const outcome = await runCli(argv, { cwd: root, rules: FIX_RULES });
        assert.deepEqual([outcome.code, outcome.stdout], [2, ''], argv.join(' '));
        assert.match(outcome.stderr, /\nRun 'iacsec fix --help' for usage\.\n$/);
      }
      assert.equal(await fs.readFile(path.join(root, 'a.yaml'), 'utf8'), template('Test::Fixable'));
    });

    it('keeps a byte-order mark and CRLF line endings', async () => {
      const text = `\ufeff${template('Test::Fixable').replace(/\n/g, '\r\n')}`;
      root = await makeTree({ 'a.yaml': text });
      await runCli(['fix'], { cwd: root, rules: FIX_RULES });
      const fixed = await fs.readFile(path.join(root, 'a.yaml'), 'utf8');
      assert.ok(fixed.startsWith('\ufeff'));
      assert.ok(fixed.includes('Marked: true\r\n'));
      assert.equal(fixed.replace(/\r\n/g, '').includes('\n'), false, 'a bare LF slipped in');
    });

    it('with --dry-run, prints only the diff on stdout and the report to --output', async () => {
      root = await makeTree({ 'stacks/a.yaml': template('Test::Fixable', 'Test::Warning') });
      const outcome = await runCli(['fix', '--dry-run', '--format', 'json', '--output', 'report.json', 'stacks'], {
        cwd: root,
        rules: FIX_RULES,
      });
      assert.equal(
        outcome.stdout,
        [
          '--- a/stacks/a.yaml',
          '+++ b/stacks/a.yaml',
          '@@ -2,5 +2,7 @@',
          ' Resources:',
          '   R0:',
          '     Type: Test::Fixable',
          '+    Properties:',
          '+      Marked: true',
          '   R1:',
          '     Type: Test::Warning',
          '',
        ].join('\n'),
      );
      const report = JSON.parse(await fs.readFile(path.join(root, 'report.json'), 'utf8')) as ScanReport;
      assert.deepEqual(
        report.findings.map((finding) => `${finding.line} ${finding.ruleId}`),
        ['7 responsibility/test-warning'],
      );
      assert.equal(
        await fs.readFile(path.join(root, 'stacks', 'a.yaml'), 'utf8'),
        template('Test::Fixable', 'Test::Warning'),
      );
    });

    it('never edits a template inside cdk.out: it says so on stderr and still reports it', async () => {
      root = await makeTree({
        'app/cdk.out/Stack.template.yaml': template('Test::Fixable'),
        'b.yaml': template('Test::Fixable'),
      });
      const outcome = await runCli(['fix', '--format', 'json'], { cwd: root, rules: FIX_RULES });
      assert.equal(
        outcome.stderr,
        'iacsec: app/cdk.out/Stack.template.yaml: not fixed: files inside cdk.out are generated by `cdk synth`; ' +
          'fix the CDK app instead\n1 fix applied in 1 file\n',
      );
      assert.equal(
        await fs.readFile(path.join(root, 'app', 'cdk.out', 'Stack.template.yaml'), 'utf8'),
        template('Test::Fixable'),
      );
      const report = JSON.parse(outcome.stdout) as ScanReport;
      assert.deepEqual(
        report.findings.map((finding) => finding.file),
        ['app/cdk.out/Stack.template.yaml'],
      );
      assert.equal(outcome.code, 1);
    });
  });

  it('refuses generated files: cdk.out on any platform, and Terraform plans', () => {
    assert.match(fixRefusal('/w/cdk.out/A.template.json', '{}') ?? '', /cdk synth/);
    assert.match(fixRefusal('C:\\w\\cdk.out\\A.template.json', '{}') ?? '', /cdk synth/);
    const plan = '{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{"root_module":{}}}';
    assert.match(fixRefusal('/w/plan.json', plan) ?? '', /terraform plan/);
    assert.equal(fixRefusal('/w/cdk.outside/a.yaml', 'AWSTemplateFormatVersion: x'), undefined);
  });
});
