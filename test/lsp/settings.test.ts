import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUCKET_AND_SSH, OPEN_SSH } from './fixtures';
import { LspClient, messageOf, summary, uriOf } from './harness';

const ADMIN_PORT = 'firewall/security-group-open-admin-port@9:63-9:72';

describe('LSP over stdio: settings', () => {
  let client: LspClient;
  let workspace: string;
  let next = 0;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-lsp-settings-'));
    client = await LspClient.start({ workspaceFolders: [workspace] });
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  afterEach(async () => {
    client.settings = {};
    await changeConfiguration();
  });

  function uri(name = `doc-${++next}.yaml`): string {
    return uriOf(path.join(workspace, name));
  }

  async function changeConfiguration(): Promise<void> {
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  it('asks for the settings of each document, by its URI, and registers for their changes', async () => {
    const doc = uri();
    await client.open(doc, OPEN_SSH);
    await client.diagnostics(doc, 1);
    assert.ok(
      client.configurationRequests.some((request) =>
        request.items.some((item) => item.scopeUri === doc && item.section === 'iacsec'),
      ),
    );
    await client.until('registrations', () => client.registrations.length >= 2);
    assert.deepEqual([...client.registrations].sort(), [
      'workspace/didChangeConfiguration',
      'workspace/didChangeWatchedFiles',
    ]);
  });

  it('applies severity customisations and rules turned off, without a restart', async () => {
    const doc = uri();
    await client.open(doc, BUCKET_AND_SSH);
    await client.diagnostics(doc, 1);
    client.settings = {
      rules: {
        customizations: [
          { rule: 'responsibility/*', severity: 'off' },
          { rule: 'encryption/*', severity: 'info' },
          { rule: 'encryption/s3-bucket-tls-only', severity: 'default' },
          { rule: 'firewall/security-group-open-admin-port', severity: 'warning' },
        ],
      },
    };
    const before = client.published.length;
    await changeConfiguration();
    assert.deepEqual(summary(await client.nextDiagnostics(doc, before)), [
      'encryption/s3-bucket-tls-only@3:2-3:6/2',
      'encryption/s3-bucket-encryption@5:4-5:14/3',
      'firewall/security-group-open-egress@9:4-9:14/3',
      'firewall/security-group-open-admin-port@19:14-19:23/2',
    ]);
  });

  it('lints only on open and save when run is onSave', async () => {
    client.settings = { run: 'onSave' };
    await changeConfiguration();
    const doc = uri();
    await client.open(doc, OPEN_SSH);
    assert.deepEqual(summary(await client.diagnostics(doc, 1)), [`${ADMIN_PORT}/1`]);
    await client.change(doc, 2, OPEN_SSH.replace('0.0.0.0/0', '10.0.0.0/8'));
    const before = client.published.length;
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: doc } });
    assert.deepEqual(await client.nextDiagnostics(doc, before), []);
    assert.deepEqual(
      client.published.filter((p) => p.uri === doc).map((p) => p.version),
      [1, 2],
    );
  });

  it('clears diagnostics when disabled, and for paths iacsec.ignore names', async () => {
    const doc = uri('generated/stack.yaml');
    await client.open(doc, OPEN_SSH);
    assert.equal((await client.diagnostics(doc, 1)).length, 1);
    client.settings = { ignore: ['generated/**'] };
    let before = client.published.length;
    await changeConfiguration();
    assert.deepEqual(await client.nextDiagnostics(doc, before), []);
    client.settings = { enable: false };
    const other = uri();
    await client.open(other, OPEN_SSH);
    assert.deepEqual(await client.diagnostics(other), []);
    client.settings = {};
    before = client.published.length;
    await changeConfiguration();
    assert.equal((await client.nextDiagnostics(other, before)).length, 1);
  });

  it('follows the nearest .iacsec.yaml, and lints again when it changes', async () => {
    const dir = path.join(workspace, 'team');
    fs.mkdirSync(dir, { recursive: true });
    const doc = uriOf(path.join(dir, 'stack.yaml'));
    await client.open(doc, OPEN_SSH);
    assert.equal((await client.diagnostics(doc, 1)).length, 1);
    fs.writeFileSync(path.join(dir, '.iacsec.yaml'), 'rules:\n  firewall/security-group-open-admin-port: info\n');
    let before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(path.join(dir, '.iacsec.yaml')), type: 1 }],
    });
    assert.deepEqual(summary(await client.nextDiagnostics(doc, before)), [`${ADMIN_PORT}/3`]);
    fs.writeFileSync(path.join(dir, '.iacsec.yaml'), 'rules:\n  firewall/security-group-open-admin-port: loud\n');
    before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(path.join(dir, '.iacsec.yaml')), type: 2 }],
    });
    const broken = await client.nextDiagnostics(doc, before);
    assert.deepEqual(summary(broken), ['config@0:0-0:0/2', `${ADMIN_PORT}/1`]);
    assert.match(messageOf(broken[0]), /team\/\.iacsec\.yaml:2:\d+ is invalid, so the defaults apply/);
  });

  it('takes iacsec.configFile, relative to the workspace folder', async () => {
    fs.writeFileSync(path.join(workspace, 'strict.yaml'), 'rules:\n  firewall/*: off\n');
    client.settings = { configFile: 'strict.yaml' };
    await changeConfiguration();
    const doc = uri();
    await client.open(doc, OPEN_SSH);
    assert.deepEqual(await client.diagnostics(doc, 1), []);
  });
});

describe('LSP over stdio: a client without workspace/configuration', () => {
  it('takes settings from initializationOptions and from didChangeConfiguration', async () => {
    const client = await LspClient.start({
      capabilities: {},
      initializationOptions: {
        settings: { rules: { customizations: [{ rule: 'firewall/*', severity: 'info' }] }, debounce: 0 },
      },
    });
    try {
      const doc = 'file:///work/plain/ssh.yaml';
      await client.open(doc, OPEN_SSH);
      assert.deepEqual(summary(await client.diagnostics(doc, 1)), [`${ADMIN_PORT}/3`]);
      assert.deepEqual(client.configurationRequests, []);
      const before = client.published.length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: { iacsec: { rules: { customizations: [] } } },
      });
      assert.deepEqual(summary(await client.nextDiagnostics(doc, before)), [`${ADMIN_PORT}/1`]);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
