'use strict';
// CloudFormation YAML in a real VS Code: diagnostics, edits, quick fixes, fix-all and hover through the vscode
// API, against the fixtures of test/lsp (fixtures/cloudformation/stacks/app.yaml is BUCKET_AND_SSH).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { before, describe, it } = require('mocha');
const vscode = require('vscode');
const {
  activateExtension,
  applyAction,
  codeActions,
  diagnosticOf,
  diagnosticsBecome,
  fixtureText,
  openCopy,
  rangeText,
} = require('./helpers');

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
const PLACEHOLDER = 'explain why this is acceptable';
const ADMIN_PORT = 'firewall/security-group-open-admin-port';

describe('CloudFormation YAML', () => {
  before(activateExtension);

  it('shows every finding of an opened template with its rule id, page, range, severity and related resource', async () => {
    const { uri } = await openCopy('stacks/app.yaml', 'findings.yaml');
    const diagnostics = await diagnosticsBecome(uri, APP);
    const ssh = diagnostics[6];
    assert.equal(ssh.source, 'iacsec');
    assert.equal(ssh.code.value, ADMIN_PORT);
    assert.equal(
      ssh.code.target.toString(true),
      'https://github.com/iacsec/iacsec/blob/main/docs/rules/firewall/security-group-open-admin-port.md',
    );
    assert.match(ssh.message, /^Ingress from 0\.0\.0\.0\/0 opens SSH to the whole internet \(tcp port 22\)\.$/);
    assert.deepEqual(
      ssh.relatedInformation.map(({ location, message }) => [
        location.uri.toString(),
        rangeText(location.range),
        message,
      ]),
      [[uri.toString(), '7:2-7:5', 'Security group Web, which this ingress opens']],
    );
  });

  it('lints the buffer after a WorkspaceEdit, without saving it', async () => {
    const { uri, document, file } = await openCopy('stacks/bastion.yaml', 'edited.yaml');
    await diagnosticsBecome(uri, BASTION);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(9, 63, 9, 72), '10.0.0.0/8');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await diagnosticsBecome(uri, []);
    assert.equal(document.isDirty, true);
    assert.equal(fs.readFileSync(file, 'utf8'), fixtureText('stacks/bastion.yaml'), 'the file on disk changed');
  });

  it('offers the safe fix as preferred and applies it as a minimal edit', async () => {
    const { uri, document } = await openCopy('stacks/app.yaml', 'safe-fix.yaml');
    await diagnosticsBecome(uri, APP);
    const target = diagnosticOf(uri, 'encryption/s3-bucket-encryption');
    const actions = await codeActions(uri, target.range, vscode.CodeActionKind.QuickFix.value);
    // The range holds four findings of the bucket, each with its actions in turn; the encryption rule's come first.
    assert.deepEqual(
      actions.slice(0, 3).map((a) => [a.title, a.kind?.value, a.isPreferred === true]),
      [
        ['Declare the default encryption (SSE-S3, AES256) explicitly', 'quickfix', true],
        ['Suppress encryption/s3-bucket-encryption here, with a reason', 'quickfix', false],
        ['Show documentation for encryption/s3-bucket-encryption', 'quickfix', false],
      ],
    );
    assert.equal(actions.at(-1)?.title, 'Fix all 2 safely fixable iacsec problems');
    const preferred = actions.filter((a) => a.isPreferred);
    assert.deepEqual(
      preferred.map((a) => a.title),
      ['Declare the default encryption (SSE-S3, AES256) explicitly'],
    );
    await applyAction(preferred[0]);
    assert.equal(
      document.getText(),
      fixtureText('stacks/app.yaml').replace(
        '      BucketName: app-data\n',
        [
          '      BucketName: app-data',
          '      BucketEncryption:',
          '        ServerSideEncryptionConfiguration:',
          '          - ServerSideEncryptionByDefault:',
          '              SSEAlgorithm: AES256',
          '',
        ].join('\n'),
      ),
    );
    await diagnosticsBecome(uri, [
      'encryption/s3-bucket-tls-only@3:2-3:6/warning',
      'responsibility/s3-access-logging@5:4-5:14/warning',
      'responsibility/s3-bucket-versioning@5:4-5:14/warning',
      'responsibility/s3-public-access-block@5:4-5:14/warning',
      'encryption/s3-bucket-customer-key@10:28-10:34/info',
      'firewall/security-group-open-egress@13:4-13:14/info',
      'firewall/security-group-open-admin-port@23:14-23:23/error',
    ]);
  });

  it('offers a suggestion, not preferred, that adds a parameter', async () => {
    const { uri, document } = await openCopy('stacks/bastion.yaml', 'suggestion.yaml');
    await diagnosticsBecome(uri, BASTION);
    const actions = await codeActions(uri, diagnosticOf(uri, ADMIN_PORT).range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred === true]),
      [
        ['Replace 0.0.0.0/0 with a new parameter AdminCidr that each deployment must set', false],
        [`Suppress ${ADMIN_PORT} here, with a reason`, false],
        [`Show documentation for ${ADMIN_PORT}`, false],
      ],
    );
    await applyAction(actions[0]);
    // In the flow mapping of the ingress, the reference is written in flow style too.
    assert.equal(
      document.getText(),
      fixtureText('stacks/bastion.yaml')
        .replace(
          'Resources:\n',
          [
            'Parameters:',
            '  AdminCidr:',
            '    Type: String',
            '    Description: The IPv4 range (CIDR) allowed to administer Bastion; no default, so each deployment must choose it.',
            '    AllowedPattern: ^((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/([1-9]|[12]\\d|3[0-2])$',
            '    ConstraintDescription: must be an IPv4 CIDR narrower than the whole internet, such as 203.0.113.0/24',
            'Resources:',
            '',
          ].join('\n'),
        )
        .replace('CidrIp: 0.0.0.0/0 }', 'CidrIp: { Ref: AdminCidr } }'),
    );
    await diagnosticsBecome(uri, []);
  });

  it('suppresses a finding with a reason and selects the placeholder reason', async () => {
    const { uri, document, editor } = await openCopy('stacks/app.yaml', 'suppress.yaml');
    await diagnosticsBecome(uri, APP);
    const actions = await codeActions(uri, diagnosticOf(uri, ADMIN_PORT).range, vscode.CodeActionKind.QuickFix.value);
    const suppress = actions.find((a) => a.title === `Suppress ${ADMIN_PORT} here, with a reason`);
    assert.ok(suppress, `no suppress action among ${JSON.stringify(actions.map((a) => a.title))}`);
    await applyAction(suppress);
    assert.equal(
      document.getText(),
      fixtureText('stacks/app.yaml').replace(
        '      CidrIp: 0.0.0.0/0\n',
        `      # iacsec-ignore ${ADMIN_PORT} -- ${PLACEHOLDER}\n      CidrIp: 0.0.0.0/0\n`,
      ),
    );
    assert.equal(rangeText(editor.selection), '19:65-19:95');
    assert.equal(document.getText(editor.selection), PLACEHOLDER);
    await diagnosticsBecome(uri, APP.slice(0, 6));
  });

  it('applies every safe fix with source.fixAll.iacsec, keeping comments and indentation', async () => {
    const { uri, document } = await openCopy('stacks/app.yaml', 'fix-all.yaml');
    await diagnosticsBecome(uri, APP);
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await codeActions(uri, whole, 'source.fixAll.iacsec');
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind?.value]),
      [['Fix all safely fixable iacsec problems', 'source.fixAll.iacsec']],
    );
    await applyAction(actions[0]);
    assert.equal(
      document.getText(),
      fixtureText('stacks/app.yaml').replace(
        '      BucketName: app-data\n',
        [
          '      BucketName: app-data',
          '      BucketEncryption:',
          '        ServerSideEncryptionConfiguration:',
          '          - ServerSideEncryptionByDefault:',
          '              SSEAlgorithm: AES256',
          '      PublicAccessBlockConfiguration:',
          '        BlockPublicAcls: true',
          '        BlockPublicPolicy: true',
          '        IgnorePublicAcls: true',
          '        RestrictPublicBuckets: true',
          '',
        ].join('\n'),
      ),
    );
    await diagnosticsBecome(uri, [
      'encryption/s3-bucket-tls-only@3:2-3:6/warning',
      'responsibility/s3-access-logging@5:4-5:14/warning',
      'responsibility/s3-bucket-versioning@5:4-5:14/warning',
      'encryption/s3-bucket-customer-key@10:28-10:34/info',
      'firewall/security-group-open-egress@18:4-18:14/info',
      'firewall/security-group-open-admin-port@28:14-28:23/error',
    ]);
  });

  it('hovers a finding with its rule, why it matters, whose job it is, the fix and the peers', async () => {
    const { uri } = await openCopy('stacks/bastion.yaml', 'hover.yaml');
    await diagnosticsBecome(uri, BASTION);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(9, 66));
    const ours = hovers.filter((h) => h.contents.some((c) => c.value.includes(`\`${ADMIN_PORT}\``)));
    assert.equal(ours.length, 1, `one iacsec hover among ${hovers.length}`);
    assert.equal(rangeText(ours[0].range), '9:63-9:72');
    const text = ours[0].contents.map((c) => c.value).join('\n');
    assert.match(
      text,
      /^\*\*Security groups do not open SSH or RDP to the whole internet\*\* · `firewall\/security-group-open-admin-port` · error\n/,
    );
    assert.match(text, /\n\*\*Why it matters\.\*\* Firewall configuration is the customer’s side/);
    assert.match(text, /\n\*\*Whose job\.\*\* The customer's: firewall configuration\./);
    assert.match(text, /\n\*\*How to fix\.\*\* Restrict CidrIp\/CidrIpv6/);
    assert.match(text, /\n\*\*Same check in other tools\.\*\* checkov `CKV_AWS_24`/);
    assert.match(
      text,
      /\[Documentation\]\(https:\/\/github\.com\/iacsec\/iacsec\/blob\/main\/docs\/rules\/firewall\/security-group-open-admin-port\.md\)$/,
    );
    const elsewhere = await vscode.commands.executeCommand(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(0, 0),
    );
    assert.deepEqual(
      elsewhere.filter((h) => h.contents.some((c) => c.value.includes('iacsec'))),
      [],
    );
  });
});
