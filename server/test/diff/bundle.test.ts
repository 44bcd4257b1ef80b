import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SERVER_DIR } from '../cli/helpers';

const DIST = path.join(SERVER_DIR, 'dist');
const FIXTURES = path.join(SERVER_DIR, 'test', 'fixtures', 'diff');

function bundle(name: string): string {
  const file = path.join(DIST, name);
  assert.ok(fs.existsSync(file), `server/dist/${name} is missing: run \`npm run build\``);
  return fs.readFileSync(file, 'utf8');
}

/**
 * The diff library and its resource specification live in server/dist/diff.js alone (scripts/bundle.mjs):
 * every other bundle stays as small as it was, and loads diff.js only when a diff runs.
 */
describe('the diff bundle (built by `npm run build`)', function () {
  this.timeout(30_000);

  it('is the only bundle with the diff library; the CLI imports it lazily, from beside itself', () => {
    for (const name of ['cli.js', 'lib.js', 'server.js', 'lint-worker.js']) {
      const text = bundle(name);
      assert.equal(text.includes('aws-service-spec'), false, `${name} holds the specification`);
      assert.equal(text.includes('@aws-cdk/cloudformation-diff'), false, `${name} holds the diff library`);
    }
    assert.ok(bundle('cli.js').includes('await import("./diff.js")'));
    const diff = bundle('diff.js');
    assert.ok(diff.includes('node_modules/@aws-cdk/cloudformation-diff/'), 'diff.js holds the library');
    // Nothing in it can reach the network: the only modules it requires are these.
    const required = [...new Set([...diff.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]))].sort();
    assert.deepEqual(required, ['ajv/dist/runtime/equal', 'assert', 'fs', 'node:zlib', 'os', 'tty', 'util', 'zlib']);
  });

  it('runs from a directory with the two bundles and nothing else: no node_modules, no files beside', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-diff-bundle-'));
    try {
      for (const name of ['cli.js', 'diff.js']) fs.copyFileSync(path.join(DIST, name), path.join(directory, name));
      for (const name of ['replace-old.json', 'replace-new.json']) {
        fs.copyFileSync(path.join(FIXTURES, name), path.join(directory, name));
      }
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['cli.js', 'diff', '--format', 'json', 'replace-old.json', 'replace-new.json'],
        { cwd: directory, env: { PATH: process.env['PATH'] ?? '' } },
      );
      const report = JSON.parse(stdout) as { replacements: { logicalId: string; properties: string[] }[] };
      assert.deepEqual(
        report.replacements.map((replacement) => `${replacement.logicalId} ${replacement.properties.join(',')}`),
        ['Database DBInstanceIdentifier', 'Assets BucketName'],
      );
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
