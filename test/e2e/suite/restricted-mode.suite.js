'use strict';
// Restricted mode: workspace trust on, the folder (fixtures/restricted) not trusted. The extension runs no code
// from the workspace, so it still lints; .iacsec.yaml is data and still applies, while iacsec.configFile from
// the workspace's .vscode/settings.json is one of restrictedConfigurations and is not applied.
const assert = require('node:assert/strict');
const { before, describe, it } = require('mocha');
const vscode = require('vscode');
const { activateExtension, diagnosticsBecome, openFile } = require('./helpers');

describe('Restricted mode', () => {
  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite needs an untrusted folder: restricted mode');
    await activateExtension();
  });

  it('ignores iacsec.configFile from the settings of the untrusted workspace', async () => {
    // .vscode/settings.json names ci/strict.iacsec.yaml, which would turn firewall/* off.
    assert.equal(vscode.workspace.getConfiguration('iacsec').get('configFile'), '');
    const { uri } = await openFile('stacks/bastion.yaml');
    await diagnosticsBecome(uri, ['firewall/security-group-open-admin-port@9:63-9:72/error']);
  });

  it('still follows .iacsec.yaml, which is data', async () => {
    // .iacsec.yaml makes the SQS finding info; a configFile in its place would have left it a warning.
    const { uri } = await openFile('stacks/queue.json');
    await diagnosticsBecome(uri, ['encryption/sqs-queue-encryption@5:6-5:18/info']);
  });

  it('audits the workspace', async () => {
    assert.deepEqual(await vscode.commands.executeCommand('iacsec.server.audit'), {
      folders: 1,
      files: 2,
      findings: 2,
      errors: 0,
      bySeverity: { error: 1, warning: 0, info: 1 },
      cancelled: false,
    });
  });
});
