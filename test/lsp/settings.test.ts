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

  it('applies lowered iacsec.limits as one limit diagnostic, unless .iacsec.yaml sets that limit', async () => {
    const doc = uri('limited/stack.yaml');
    await client.open(doc, OPEN_SSH);
    assert.deepEqual(summary(await client.diagnostics(doc, 1)), [`${ADMIN_PORT}/1`]);
    client.settings = { limits: { maxTemplateBytes: 100 } };
    let before = client.published.length;
    await changeConfiguration();
    const tooLarge = await client.nextDiagnostics(doc, before);
    assert.deepEqual(summary(tooLarge), ['limit@0:0-0:0/1']);
    assert.equal(
      messageOf(tooLarge[0]),
      'file is 365 bytes, over the 100 bytes limit for templates; to lint it, raise limits.maxTemplateBytes in .iacsec.yaml',
    );
    // Resources holds Bastion's map, Properties, the ingress list and the rule's map: it is what crosses 4 levels.
    client.settings = { limits: { maxDepth: 4 } };
    before = client.published.length;
    await changeConfiguration();
    const tooDeep = await client.nextDiagnostics(doc, before);
    assert.deepEqual(summary(tooDeep), ['limit@2:2-2:2/1']);
    assert.equal(
      messageOf(tooDeep[0]),
      'nesting deeper than 4 levels; to lint it, raise limits.maxDepth in .iacsec.yaml',
    );
    // A limit the project's configuration sets wins: the CLI and CI lint this file, so the editor does too.
    fs.mkdirSync(path.join(workspace, 'limited'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'limited', '.iacsec.yaml'), 'limits:\n  maxDepth: 50\n');
    before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(path.join(workspace, 'limited', '.iacsec.yaml')), type: 1 }],
    });
    assert.deepEqual(summary(await client.nextDiagnostics(doc, before)), [`${ADMIN_PORT}/1`]);
  });

  it('keeps the default for a limit of the wrong type or out of bounds', async () => {
    client.settings = { limits: { maxDepth: '5', maxTemplateBytes: 0, maxAliases: 2.5, maxPlanBytes: 1e12 } };
    await changeConfiguration();
    const doc = uri();
    await client.open(doc, OPEN_SSH);
    assert.deepEqual(summary(await client.diagnostics(doc, 1)), [`${ADMIN_PORT}/1`]);
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
