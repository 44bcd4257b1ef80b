import * as assert from 'node:assert/strict';
import { BUCKET_AND_SSH, OPEN_SSH, QUEUE_JSON } from './fixtures';
import { LspClient, summary } from './harness';

describe('LSP over stdio: diagnostics', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('declares what it serves', () => {
    const capabilities = client.initializeResult?.capabilities;
    assert.equal(client.initializeResult?.serverInfo?.name, 'iacsec');
    assert.deepEqual(capabilities?.codeActionProvider, {
      codeActionKinds: ['quickfix', 'source.fixAll.iacsec'],
      resolveProvider: true,
    });
    assert.equal(capabilities?.hoverProvider, true);
    assert.deepEqual(capabilities?.executeCommandProvider?.commands, [
      'iacsec.server.audit',
      'iacsec.server.auditReport',
      'iacsec.showDocumentation',
      'iacsec.server.securityDiff',
      'iacsec.server.previousTemplate',
    ]);
  });

  it('publishes every finding of an opened buffer with its rule, severity, range, page and related resource', async () => {
    const uri = 'file:///work/stacks/app.yaml';
    await client.open(uri, BUCKET_AND_SSH);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(summary(diagnostics), [
      'encryption/s3-bucket-tls-only@3:2-3:6/2',
      'encryption/s3-bucket-encryption@5:4-5:14/2',
      'responsibility/s3-access-logging@5:4-5:14/2',
      'responsibility/s3-bucket-versioning@5:4-5:14/2',
      'responsibility/s3-public-access-block@5:4-5:14/2',
      'firewall/security-group-open-egress@9:4-9:14/3',
      'firewall/security-group-open-admin-port@19:14-19:23/1',
    ]);
    assert.ok(diagnostics.every((d) => d.source === 'iacsec'));
    const ssh = diagnostics[6];
    assert.equal(
      ssh?.codeDescription?.href,
      'https://github.com/iacsec/iacsec/blob/main/docs/rules/firewall/security-group-open-admin-port.md',
    );
    assert.deepEqual(ssh?.relatedInformation, [
      {
        location: { uri, range: { start: { line: 7, character: 2 }, end: { line: 7, character: 5 } } },
        message: 'Security group Web, which this ingress opens',
      },
    ]);
  });

  it('lints the buffer as it changes, not the file on disk', async () => {
    const uri = 'file:///work/stacks/edited.yaml';
    await client.open(uri, OPEN_SSH);
    assert.deepEqual(summary(await client.diagnostics(uri, 1)), [
      'firewall/security-group-open-admin-port@9:63-9:72/1',
    ]);
    await client.change(uri, 2, OPEN_SSH.replace('0.0.0.0/0', '10.0.0.0/8'));
    assert.deepEqual(await client.diagnostics(uri, 2), []);
  });

  it('lints a burst of edits once, at its final text', async () => {
    const uri = 'file:///work/stacks/burst.yaml';
    await client.open(uri, OPEN_SSH);
    await client.diagnostics(uri, 1);
    for (let version = 2; version <= 21; version++) {
      const cidr = version === 21 ? '10.0.0.0/8' : `0.0.0.0/${version % 2 === 0 ? 0 : 0}`;
      await client.change(uri, version, OPEN_SSH.replace('0.0.0.0/0', cidr));
    }
    assert.deepEqual(await client.diagnostics(uri, 21), []);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [1, 21]);
  });

  it('lints JSON and unsaved buffers, which have no file on disk', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, QUEUE_JSON, 'json');
    assert.deepEqual(summary(await client.diagnostics(uri, 1)), ['encryption/sqs-queue-encryption@5:6-5:18/2']);
  });

  it('gives files that are not IaC no diagnostics', async () => {
    const uri = 'file:///work/.github/workflows/ci.yml';
    await client.open(uri, 'on: push\njobs: {}\n');
    assert.deepEqual(await client.diagnostics(uri, 1), []);
  });

  it('clears the diagnostics of a document when it is closed', async () => {
    const uri = 'file:///work/stacks/closing.yaml';
    await client.open(uri, OPEN_SSH);
    await client.diagnostics(uri, 1);
    const before = client.published.length;
    await client.close(uri);
    assert.deepEqual(await client.nextDiagnostics(uri, before), []);
  });

  it('hovers a flagged node with the rule, why it matters, whose job it is, the fix and the peers', async () => {
    const uri = 'file:///work/stacks/hover.yaml';
    await client.open(uri, OPEN_SSH);
    await client.diagnostics(uri, 1);
    const hover = await client.connection.sendRequest<{
      contents: { kind: string; value: string };
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
    } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 66 } });
    assert.ok(hover !== null);
    assert.equal(hover.contents.kind, 'markdown');
    assert.deepEqual(hover.range, { start: { line: 9, character: 63 }, end: { line: 9, character: 72 } });
    const text = hover.contents.value;
    assert.match(text, /^\*\*[^*]+\*\* · `firewall\/security-group-open-admin-port` · error/);
    assert.match(text, /\*\*Why it matters\.\*\* /);
    assert.match(text, /\*\*Whose job\.\*\* The customer's: firewall configuration\./);
    assert.match(text, /\*\*How to fix\.\*\* /);
    assert.match(text, /\*\*Same check in other tools\.\*\* .*checkov `CKV_AWS_24`/);
    const nothing = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 0 },
    });
    assert.equal(nothing, null);
  });
});

describe('LSP over stdio: the bundle the extension starts', () => {
  it('serves the same diagnostics from server/dist/server.js --stdio', async () => {
    const client = await LspClient.start({ entry: 'server' });
    try {
      const uri = 'file:///work/stacks/bundle.yaml';
      await client.open(uri, OPEN_SSH);
      assert.deepEqual(summary(await client.diagnostics(uri, 1)), [
        'firewall/security-group-open-admin-port@9:63-9:72/1',
      ]);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
