import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closest, editDistance, findRuleDoc } from '../../src/cli/explain';
import { allRules } from '../../src/rules/index';
import { makeTree, removeTree, runCli, SERVER_DIR } from './helpers';

const ROOT = path.resolve(SERVER_DIR, '..');
const S3 = 'encryption/s3-bucket-encryption';
const S3_PAGE = path.join(ROOT, 'docs', 'rules', 'encryption', 's3-bucket-encryption.md');

describe('iacsec explain', () => {
  describe('finding the bundled page', () => {
    let root = '';
    afterEach(async () => {
      if (root !== '') await removeTree(root);
      root = '';
    });

    it('from the compiled module (server/out/src/cli) and from the bundle (server/dist)', () => {
      assert.equal(findRuleDoc(S3), S3_PAGE);
      assert.equal(findRuleDoc(S3, path.join(SERVER_DIR, 'out', 'src', 'cli')), S3_PAGE);
      assert.equal(findRuleDoc(S3, path.join(SERVER_DIR, 'dist')), S3_PAGE);
    });

    it('from an installed VSIX: extension/server/dist beside extension/docs/rules', async () => {
      root = await makeTree({ 'extension/docs/rules/encryption/s3-bucket-encryption.md': '# page\n' });
      const dist = path.join(root, 'extension', 'server', 'dist');
      assert.equal(
        findRuleDoc(S3, dist),
        path.join(root, 'extension', 'docs', 'rules', 'encryption', 's3-bucket-encryption.md'),
      );
      assert.equal(findRuleDoc('encryption/none-such', dist), undefined);
    });

    it('never for an id that is not <theme>/<name>, so no id can leave docs/rules', () => {
      for (const id of [
        '../README',
        'encryption/../../README',
        'encryption',
        '/etc/passwd',
        'Encryption/S3-Bucket-Encryption',
      ])
        assert.equal(findRuleDoc(id), undefined, id);
    });

    it('the bundled executable finds the pages in a VSIX layout', async function () {
      const bundle = path.join(SERVER_DIR, 'dist', 'cli.js');
      if (!fs.existsSync(bundle)) this.skip(); // built by `npm run build`, which `npm test` runs first
      root = await makeTree({});
      const extension = path.join(root, 'extension');
      fs.mkdirSync(path.join(extension, 'server', 'dist'), { recursive: true });
      fs.copyFileSync(bundle, path.join(extension, 'server', 'dist', 'cli.js'));
      fs.cpSync(path.join(ROOT, 'docs', 'rules'), path.join(extension, 'docs', 'rules'), { recursive: true });
      const outcome = spawnSync(process.execPath, [path.join(extension, 'server', 'dist', 'cli.js'), 'explain', S3], {
        cwd: root,
        encoding: 'utf8',
      });
      assert.equal(outcome.status, 0, outcome.stderr);
      assert.equal(outcome.stdout, fs.readFileSync(S3_PAGE, 'utf8'));
    });
  });

  describe('the command', () => {
    it('prints the page of a rule and exits 0', async () => {
      const outcome = await runCli(['explain', S3], { rules: allRules });
      assert.deepEqual([outcome.code, outcome.stdout, outcome.stderr], [0, fs.readFileSync(S3_PAGE, 'utf8'), '']);
    });

    it('exits 2 for an unknown id, suggesting the closest one', async () => {
      const typo = await runCli(['explain', 'encryption/s3-bucket-encrypton'], { rules: allRules });
      assert.deepEqual([typo.code, typo.stdout], [2, '']);
      assert.equal(
        typo.stderr,
        "iacsec: unknown rule 'encryption/s3-bucket-encrypton'; did you mean 'encryption/s3-bucket-encryption'?\n" +
          "Run 'iacsec rules' for the list.\n",
      );
      const far = await runCli(['explain', 'firewall/nothing-like-it'], { rules: allRules });
      assert.equal(far.code, 2);
      assert.equal(far.stderr, "iacsec: unknown rule 'firewall/nothing-like-it'\nRun 'iacsec rules' for the list.\n");
    });

    it('makes a page from the meta when a rule has none bundled', async () => {
      const outcome = await runCli(['explain', 'responsibility/test-warning']);
      assert.equal(outcome.code, 0);
      assert.match(outcome.stdout, /^# Test warning\n/);
      assert.match(outcome.stdout, /## How to fix\n\ntest\n/);
      assert.match(outcome.stdout, /docs\/rules\/responsibility\/test-warning\.md/);
    });

    it('explains the findings iacsec reports itself, from their bundled pages', async () => {
      const outcome = await runCli(['explain', 'iacsec/rule-failed']);
      assert.equal(outcome.code, 0);
      assert.match(outcome.stdout, /^# A rule failed on a resource\n/);
      assert.match(outcome.stdout, /`iacsec\/rule-failed`/);
    });

    it('exits 2 without an id, or with two', async () => {
      for (const argv of [['explain'], ['explain', S3, S3], ['explain', '--bogus', S3]]) {
        const outcome = await runCli(argv, { rules: allRules });
        assert.equal(outcome.code, 2, argv.join(' '));
        assert.match(outcome.stderr, /\nRun 'iacsec explain --help' for usage\.\n$/);
      }
    });
  });

  describe('suggestions', () => {
    const ids = allRules.map((rule) => rule.meta.id);

    it('finds a typo, a missing theme, a wrong case', () => {
      assert.equal(closest('encryption/s3-bucket-encrypton', ids), S3);
      assert.equal(closest('s3-bucket-encryption', ids), S3);
      assert.equal(closest('Encryption/S3-Bucket-Encryption', ids), S3);
      assert.equal(closest('firewall/security-group-open-admin-prt', ids), 'firewall/security-group-open-admin-port');
    });

    it('suggests nothing far away', () => {
      assert.equal(closest('network/open', ids), undefined);
      assert.equal(closest('x', []), undefined);
    });

    it('measures edit distance', () => {
      assert.deepEqual(
        [editDistance('', ''), editDistance('abc', ''), editDistance('kitten', 'sitting'), editDistance('ab', 'ba')],
        [0, 3, 3, 2],
      );
    });
  });
});
