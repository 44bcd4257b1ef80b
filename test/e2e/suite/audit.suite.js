'use strict';
// "iacsec: Audit Workspace" over fixtures/cloudformation, none of whose files is open: Problems, the report view,
// the summary and the SARIF export, through the vscode API. ui/smoke.ui.js watches the same from the UI.
const assert = require('node:assert/strict');
const path = require('node:path');
const { TextDecoder, TextEncoder } = require('node:util');
const { before, describe, it } = require('mocha');
const vscode = require('vscode');
const { within } = require('../lib/waits');
const { activateExtension, summary, workspaceRoot } = require('./helpers');

const BY_FILE = {
  'stacks/app.yaml': [
    'encryption/s3-bucket-tls-only@3:2-3:6/warning',
    'encryption/s3-bucket-encryption@5:4-5:14/warning',
    'responsibility/s3-access-logging@5:4-5:14/warning',
    'responsibility/s3-bucket-versioning@5:4-5:14/warning',
    'responsibility/s3-public-access-block@5:4-5:14/warning',
    'firewall/security-group-open-egress@9:4-9:14/info',
    'firewall/security-group-open-admin-port@19:14-19:23/error',
  ],
  'stacks/bastion.yaml': ['firewall/security-group-open-admin-port@9:63-9:72/error'],
  'stacks/broken.yaml': ['parse@2:0-2:0/error'],
  'stacks/queue.json': ['encryption/sqs-queue-encryption@5:6-5:18/warning'],
  'stacks/storage.json': [
    'encryption/s3-bucket-tls-only@3:4-3:13/warning',
    'encryption/s3-bucket-encryption@5:6-5:18/warning',
    'responsibility/s3-access-logging@5:6-5:18/warning',
    'responsibility/s3-public-access-block@5:6-5:18/warning',
    'encryption/sqs-queue-encryption@12:6-12:18/warning',
  ],
  // Not here: legacy/open.yaml (ignored by .iacsec.yaml), docs/notes.yaml and ci/*.yaml (not templates).
};

/** Every file's diagnostics in the workspace, by path relative to it. */
function problemsByFile() {
  const root = workspaceRoot();
  return Object.fromEntries(
    vscode.languages
      .getDiagnostics()
      .filter(([uri, diagnostics]) => uri.scheme === 'file' && diagnostics.length > 0)
      .map(([uri, diagnostics]) => [path.relative(root, uri.fsPath), summary(diagnostics)])
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function reportTab() {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label === 'iacsec audit');
}

/** The tab model reaches the extension host after the panel is created: wait for its event. */
async function reportTabOpens() {
  let subscription;
  const opened = new Promise((resolve) => {
    subscription = vscode.window.tabGroups.onDidChangeTabs(() => reportTab() && resolve(reportTab()));
  });
  try {
    return reportTab() ?? (await within('a tab "iacsec audit"', opened, 10_000));
  } finally {
    subscription?.dispose();
  }
}

describe('Workspace audit', () => {
  before(activateExtension);

  it('fills Problems for files that are not open and opens the report view', async () => {
    const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file');
    assert.deepEqual(
      open.map((d) => d.uri.fsPath),
      [],
    );
    assert.deepEqual(problemsByFile(), {});
    await vscode.commands.executeCommand('iacsec.auditWorkspace');
    assert.deepEqual(problemsByFile(), BY_FILE);
    const tab = await reportTabOpens();
    assert.ok(tab.input instanceof vscode.TabInputWebview, 'the report is a webview');
    assert.match(tab.input.viewType, /iacsec\.audit$/);
    assert.equal(tab.isActive, true);
  });

  it('answers the server command with the summary of the audit', async () => {
    // The command the notification's progress belongs to; the UI smoke test sees the notification itself.
    assert.deepEqual(await vscode.commands.executeCommand('iacsec.server.audit'), {
      folders: 1,
      files: 5,
      findings: 14,
      errors: 1,
      bySeverity: { error: 2, warning: 11, info: 1 },
      cancelled: false,
    });
  });

  it('exports the last audit as SARIF 2.1.0 with every finding', async () => {
    const sarif = await vscode.commands.executeCommand('iacsec.server.auditReport', { format: 'sarif' });
    assert.equal(typeof sarif, 'string');
    const target = vscode.Uri.file(path.join(workspaceRoot(), 'iacsec-audit.sarif'));
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(sarif));
    const parsed = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)));
    assert.equal(parsed.version, '2.1.0');
    assert.equal(parsed.runs.length, 1);
    assert.deepEqual(
      parsed.runs[0].results.map((r) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}`),
      [
        'encryption/s3-bucket-tls-only stacks/app.yaml',
        'encryption/s3-bucket-encryption stacks/app.yaml',
        'responsibility/s3-access-logging stacks/app.yaml',
        'responsibility/s3-bucket-versioning stacks/app.yaml',
        'responsibility/s3-public-access-block stacks/app.yaml',
        'firewall/security-group-open-egress stacks/app.yaml',
        'firewall/security-group-open-admin-port stacks/app.yaml',
        'firewall/security-group-open-admin-port stacks/bastion.yaml',
        'encryption/sqs-queue-encryption stacks/queue.json',
        'encryption/s3-bucket-tls-only stacks/storage.json',
        'encryption/s3-bucket-encryption stacks/storage.json',
        'responsibility/s3-access-logging stacks/storage.json',
        'responsibility/s3-public-access-block stacks/storage.json',
        'encryption/sqs-queue-encryption stacks/storage.json',
      ],
    );
  });
});
