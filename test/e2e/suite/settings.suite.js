'use strict';
// iacsec.* settings changed as a user does (workspace settings, ConfigurationTarget.Workspace), applied to open
// documents without a reload.
const assert = require('node:assert/strict');
const { afterEach, before, describe, it } = require('mocha');
const vscode = require('vscode');
const { activateExtension, diagnosticsBecome, openCopy, setWorkspaceSetting } = require('./helpers');

const APP = [
  'encryption/s3-bucket-tls-only@3:2-3:6/warning',
  'encryption/s3-bucket-encryption@5:4-5:14/warning',
  'responsibility/s3-access-logging@5:4-5:14/warning',
  'responsibility/s3-bucket-versioning@5:4-5:14/warning',
  'responsibility/s3-public-access-block@5:4-5:14/warning',
  'firewall/security-group-open-egress@9:4-9:14/info',
  'firewall/security-group-open-admin-port@19:14-19:23/error',
];
const BASTION = ['firewall/security-group-open-admin-port@9:63-9:72/error'];

describe('Settings', () => {
  before(activateExtension);

  afterEach(async () => {
    await setWorkspaceSetting('rules.customizations', undefined);
    await setWorkspaceSetting('configFile', undefined);
  });

  it('applies severity customizations to an open template without a reload', async () => {
    const { uri } = await openCopy('stacks/app.yaml', 'customized.yaml');
    await diagnosticsBecome(uri, APP);
    await setWorkspaceSetting('rules.customizations', [
      { rule: 'encryption/*', severity: 'info' },
      { rule: 'encryption/s3-bucket-tls-only', severity: 'default' },
      { rule: 'firewall/security-group-open-admin-port', severity: 'warning' },
    ]);
    assert.deepEqual(vscode.workspace.getConfiguration('iacsec').inspect('rules.customizations')?.workspaceValue, [
      { rule: 'encryption/*', severity: 'info' },
      { rule: 'encryption/s3-bucket-tls-only', severity: 'default' },
      { rule: 'firewall/security-group-open-admin-port', severity: 'warning' },
    ]);
    await diagnosticsBecome(uri, [
      'encryption/s3-bucket-tls-only@3:2-3:6/warning',
      'encryption/s3-bucket-encryption@5:4-5:14/info',
      'responsibility/s3-access-logging@5:4-5:14/warning',
      'responsibility/s3-bucket-versioning@5:4-5:14/warning',
      'responsibility/s3-public-access-block@5:4-5:14/warning',
      'firewall/security-group-open-egress@9:4-9:14/info',
      'firewall/security-group-open-admin-port@19:14-19:23/warning',
    ]);
    await setWorkspaceSetting('rules.customizations', undefined);
    await diagnosticsBecome(uri, APP);
  });

  it('hides the findings of rules turned off, and shows them again when the entry goes', async () => {
    const { uri } = await openCopy('stacks/app.yaml', 'rules-off.yaml');
    await diagnosticsBecome(uri, APP);
    await setWorkspaceSetting('rules.customizations', [
      { rule: 'responsibility/*', severity: 'off' },
      { rule: 'firewall/security-group-open-admin-port', severity: 'off' },
    ]);
    await diagnosticsBecome(uri, [
      'encryption/s3-bucket-tls-only@3:2-3:6/warning',
      'encryption/s3-bucket-encryption@5:4-5:14/warning',
      'firewall/security-group-open-egress@9:4-9:14/info',
    ]);
    await setWorkspaceSetting('rules.customizations', undefined);
    await diagnosticsBecome(uri, APP);
  });

  it('takes iacsec.configFile from the settings of a trusted workspace', async () => {
    assert.equal(vscode.workspace.isTrusted, true);
    const { uri } = await openCopy('stacks/bastion.yaml', 'config-file.yaml');
    await diagnosticsBecome(uri, BASTION);
    // ci/strict.iacsec.yaml turns firewall/* off; restricted-mode.suite.js checks that an untrusted one cannot.
    await setWorkspaceSetting('configFile', 'ci/strict.iacsec.yaml');
    await diagnosticsBecome(uri, []);
    await setWorkspaceSetting('configFile', undefined);
    await diagnosticsBecome(uri, BASTION);
  });
});
