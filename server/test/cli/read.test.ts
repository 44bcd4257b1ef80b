import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { decode, invalidUtf8Offset, readSource } from '../../src/cli/read';
import { lintPaths } from '../../src/index';
import { makeTree, removeTree, scanJson, template } from './helpers';

const bytes = (...parts: readonly (string | readonly number[])[]): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

describe('reading files', () => {
  let root = '';
  afterEach(async () => {
    if (root !== '') await removeTree(root);
    root = '';
  });

  describe('strict UTF-8', () => {
    it('finds the first ill-formed sequence: stray continuation, overlong, surrogate, too high, truncated', () => {
      assert.equal(invalidUtf8Offset(bytes('ok é 😀 ✓')), undefined);
      assert.equal(invalidUtf8Offset(bytes('ab', [0x80])), 2);
      assert.equal(invalidUtf8Offset(bytes('a', [0xc0, 0xaf])), 1);
      assert.equal(invalidUtf8Offset(bytes('é', [0xe0, 0x80, 0xaf])), 2);
      assert.equal(invalidUtf8Offset(bytes([0xed, 0xa0, 0x80])), 0);
      assert.equal(invalidUtf8Offset(bytes('x', [0xf4, 0x90, 0x80, 0x80])), 1);
      assert.equal(invalidUtf8Offset(bytes('xyz', [0xe2, 0x82])), 3);
      assert.equal(invalidUtf8Offset(bytes('a', [0xe9], 'b')), 1);
    });

    it('keeps a BOM in the text, for the engine to strip and report', () => {
      assert.deepEqual(decode('a.yaml', bytes([0xef, 0xbb, 0xbf], 'x: 1')), { kind: 'text', text: '\ufeffx: 1' });
    });

    it('reports invalid UTF-8 in a template as a read error with the byte offset and its position', () => {
      const text = bytes([0xef, 0xbb, 0xbf], 'AWSTemplateFormatVersion: "2010-09-09"\nDescription: caf', [0xe9], '\n');
      assert.deepEqual(decode('stack.yaml', text), {
        kind: 'error',
        code: 'read',
        message: 'invalid UTF-8 at byte 58',
        position: { line: 2, column: 17 },
      });
    });

    it('reports it for a file with an IaC name even without a marker', () => {
      assert.equal(decode('stack.template', bytes([0xff, 0xfe, 0x00])).kind, 'error');
    });

    it('passes over invalid UTF-8 in a file that is not IaC, and binary files', () => {
      assert.deepEqual(decode('photo.json', bytes([0x89], 'PNG', [0, 0, 0xff])), { kind: 'not-iac' });
      assert.deepEqual(decode('latin1.yaml', bytes('name: caf', [0xe9], '\n')), { kind: 'not-iac' });
      assert.deepEqual(decode('blob.json', bytes([0, 0xff], 'AWSTemplateFormatVersion: x')), { kind: 'not-iac' });
    });

    it('makes an invalid template exit 2 in a scan', async () => {
      root = await makeTree({ 'a.yaml': bytes('AWSTemplateFormatVersion: "2010-09-09"\n', [0xc3, 0x28]) });
      const { code, report } = await scanJson([], { cwd: root });
      assert.equal(code, 2);
      assert.deepEqual(report.errors, [
        { file: 'a.yaml', line: 2, column: 1, code: 'read', message: 'invalid UTF-8 at byte 39' },
      ]);
    });
  });

  describe('size limits', () => {
    it('checks the size before reading: an oversized template is a limit error, anything else is passed over', async () => {
      root = await makeTree({
        'big.yaml': template('AWS::S3::Bucket') + `Description: ${'x'.repeat(200)}\n`,
        'big.template': `not even yaml: [${'z'.repeat(150)}`,
        'big-data.json': JSON.stringify({ values: 'y'.repeat(300) }),
        'small.yaml': template('AWS::S3::Bucket'),
      });
      assert.deepEqual(await readSource(path.join(root, 'big-data.json'), 100), { kind: 'not-iac' });
      assert.deepEqual(await readSource(path.join(root, 'big.yaml'), 100), {
        kind: 'error',
        code: 'limit',
        message:
          'file is 296 bytes, over the 100 bytes limit for templates; to lint it, raise limits.maxTemplateBytes in .iacsec.yaml',
        position: { line: 1, column: 1 },
      });
      const report = await lintPaths(['.'], { cwd: root, config: { limits: { maxTemplateBytes: 100 } } });
      assert.deepEqual(
        report.errors.map((error) => `${error.file} ${error.code} ${error.line}:${error.column}`),
        ['big.template limit 1:1', 'big.yaml limit 1:1'],
      );
      assert.equal(report.summary.files, 3);
    });
  });
});
