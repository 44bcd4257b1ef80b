import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ENGINE_RULE_TITLES } from '../../src/report/catalogue';
import { allRules } from '../../src/rules';

const ROOT = path.resolve(__dirname, '../../../..');
const VSCE = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');
const MAX_VSIX_BYTES = 6 * 1024 * 1024;
const MAX_MAP_BYTES = 1024 * 1024;

interface ZipEntry {
  readonly name: string;
  /** Uncompressed size in bytes. */
  readonly size: number;
}

/**
 * The entries of a zip from its central directory. Read here rather than through `unzip -Z1` so that the test
 * needs no unzip binary and sees each entry's size, which the `.map` check needs.
 */
function zipEntries(zip: Buffer): ZipEntry[] {
  const END_OF_DIRECTORY = 0x06054b50;
  const DIRECTORY_ENTRY = 0x02014b50;
  // The end record is 22 bytes plus a comment of at most 64 KB, so it starts within the last 65,557 bytes.
  let end = zip.length - 22;
  while (end >= Math.max(0, zip.length - 65_557) && zip.readUInt32LE(end) !== END_OF_DIRECTORY) end--;
  assert.ok(end >= 0 && zip.readUInt32LE(end) === END_OF_DIRECTORY, 'not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  assert.ok(count !== 0xffff && offset !== 0xffffffff, 'a ZIP64 archive: far larger than a VSIX should be');
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    assert.equal(zip.readUInt32LE(offset), DIRECTORY_ENTRY, `central directory entry ${index} is malformed`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const skip = nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    entries.push({
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      size: zip.readUInt32LE(offset + 24),
    });
    offset += 46 + skip;
  }
  return entries;
}

/** Files under `dir` of the repository, as VSIX entry names (`extension/<dir>/…`), sorted. */
function shippedNames(dir: string): string[] {
  const absolute = path.join(ROOT, dir);
  if (!fs.existsSync(absolute)) return [];
  return fs
    .readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map(
      (entry) => `extension/${path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`,
    )
    .sort();
}

/**
 * The extension as `npm run package` builds it: vsce with the repository's `.vscodeignore`. vsce runs
 * `vscode:prepublish` (the build) first, hence the long timeout.
 */
describe('the packaged VSIX', function () {
  this.timeout(120_000);
  let directory: string | undefined;
  let vsixBytes: number;
  let entries: ZipEntry[];
  let names: string[];

  before(async () => {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-vsix-'));
    directory = made;
    const vsix = path.join(made, 'iacsec.vsix');
    try {
      await promisify(execFile)(process.execPath, [VSCE, 'package', '--no-dependencies', '-o', vsix], {
        cwd: ROOT,
        timeout: 110_000,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const { stdout = '', stderr = '', message } = error as { stdout?: string; stderr?: string; message: string };
      assert.fail(`vsce package failed: ${message}\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
    }
    const zip = fs.readFileSync(vsix);
    vsixBytes = zip.length;
    entries = zipEntries(zip);
    names = entries.map((entry) => entry.name);
    console.log(`      iacsec.vsix: ${(vsixBytes / 1024 / 1024).toFixed(2)} MB, ${entries.length} entries`);
  });

  after(() => {
    if (directory !== undefined) fs.rmSync(directory, { recursive: true, force: true });
  });

  it(`is under ${MAX_VSIX_BYTES / 1024 / 1024} MB`, () => {
    assert.ok(vsixBytes < MAX_VSIX_BYTES, `iacsec.vsix is ${vsixBytes} bytes`);
  });

  it('holds the manifest, the client bundle, the server bundle, its lint worker and the diff library', () => {
    const required = [
      'extension/package.json',
      'extension/client/dist/extension.js',
      'extension/server/dist/server.js',
      'extension/server/dist/lint-worker.js',
      'extension/server/dist/diff.js',
    ];
    assert.deepEqual(
      required.filter((name) => !names.includes(name)),
      [],
    );
  });

  it('ships the bundles the extension runs, and neither the CLI nor the library bundle', () => {
    assert.deepEqual(names.filter((name) => /^extension\/server\/dist\/[^/]+\.js$/.test(name)).sort(), [
      'extension/server/dist/diff.js',
      'extension/server/dist/lint-worker.js',
      'extension/server/dist/server.js',
    ]);
  });

  it('holds the page of every rule and engine finding, for the editor\'s "Show documentation"', () => {
    const pages = [...allRules.map((rule) => rule.meta.id), ...Object.keys(ENGINE_RULE_TITLES)].map(
      (id) => `extension/docs/rules/${id}.md`,
    );
    assert.deepEqual(
      pages.filter((page) => !names.includes(page)),
      [],
    );
    assert.deepEqual(
      names.filter((name) => name.startsWith('extension/docs/rules/')).sort(),
      shippedNames('docs/rules'),
    );
  });

  it('holds every grammar of syntaxes/', function () {
    const grammars = shippedNames('syntaxes');
    if (grammars.length === 0) {
      console.log('      skipped: syntaxes/ holds no grammar yet, so there is nothing to ship');
      this.skip();
    }
    assert.deepEqual(names.filter((name) => name.startsWith('extension/syntaxes/')).sort(), grammars);
  });

  it('holds no node_modules, TypeScript sources or tests: the bundles are self-contained', () => {
    assert.deepEqual(
      names.filter(
        (name) =>
          /(^|\/)node_modules\//.test(name) ||
          /\.[cm]?ts$/.test(name) ||
          /(^|\/)(test|tests)\//.test(name) ||
          /\.(test|spec)\.[cm]?js$/.test(name),
      ),
      [],
    );
  });

  it('holds no source map over 1 MB', () => {
    assert.deepEqual(
      entries.filter((entry) => entry.name.endsWith('.map') && entry.size > MAX_MAP_BYTES).map((entry) => entry.name),
      [],
    );
  });
});
