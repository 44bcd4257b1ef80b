'use strict';
// A CDK project in a real VS Code: the workspace folder holds cdk.json and the cdk.out that the real aws-cdk-lib
// synthesized from test/fixtures/cdk-app (lib/cdk-assembly.js). Without running anything, the extension reads the
// assembly when it starts and shows each finding on the app's source line, the .ts file in the repository (outside
// the workspace), with the template's resource as related information; the hover there says where it is.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { before, describe, it } = require('mocha');
const vscode = require('vscode');
const { activateExtension, diagnosticsBecome, rangeText, ruleOf, summary, workspaceRoot } = require('./helpers');

// Where the source maps of the synthesized app lead: its TypeScript in the repository.
const APP = path.resolve(__dirname, '../../fixtures/cdk-app');
const ADMIN_PORT = 'firewall/security-group-open-admin-port';
/** The end of the line as the server sends it, LSP's largest character: VS Code clamps it to the line when shown. */
const END = 2 ** 31 - 1;

/** Findings of the resource created at `line:character` (0-based) of a source: up to the end of that line. */
function onLine(line, character, findings) {
  return findings.map(([rule, severity]) => `${rule}@${line}:${character}-${line}:${END}/${severity}`);
}

const BUCKET = [
  ['encryption/s3-bucket-tls-only', 'warning'],
  ['encryption/s3-bucket-encryption', 'warning'],
  ['responsibility/s3-access-logging', 'warning'],
  ['responsibility/s3-bucket-versioning', 'warning'],
  ['responsibility/s3-public-access-block', 'warning'],
];
const NETWORK = onLine(14, 20, [
  ['firewall/security-group-open-egress', 'info'],
  [ADMIN_PORT, 'error'],
]);
/** Every source with findings, by path relative to the app, as test/lsp and the CLI tests see them. */
const BY_SOURCE = {
  'lib/api-stack.ts': [
    ...onLine(9, 4, [['encryption/sqs-queue-encryption', 'warning']]),
    ...onLine(14, 4, BUCKET.slice(1)),
    // The bucket's policy, which does not deny plain HTTP, was created on the same line.
    ...onLine(14, 4, BUCKET.slice(0, 1)),
  ],
  'lib/network-stack.ts': NETWORK,
  'lib/storage-stack.ts': [
    // The stack's own template (RawBucket, line 19), then the nested stack's (ArchiveBucket, line 9, versioned).
    ...onLine(18, 4, BUCKET),
    ...onLine(
      8,
      4,
      BUCKET.filter(([rule]) => rule !== 'responsibility/s3-bucket-versioning'),
    ),
  ],
};

function sourceUri(relative) {
  return vscode.Uri.file(path.join(APP, relative));
}

describe('CDK app', () => {
  before(activateExtension);

  it('shows a finding of the synthesized template on the line of the app that created the resource', async () => {
    const uri = sourceUri('lib/network-stack.ts');
    const diagnostics = await diagnosticsBecome(uri, NETWORK, 20_000);
    const admin = diagnostics[1];
    assert.equal(ruleOf(admin), ADMIN_PORT);
    assert.equal(admin.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(
      admin.code.target.toString(true),
      'https://github.com/iacsec/iacsec/blob/main/docs/rules/firewall/security-group-open-admin-port.md',
    );
    assert.equal(admin.message, 'Ingress from 0.0.0.0/0 opens SSH to the whole internet (tcp port 22).');
    const template = vscode.Uri.file(path.join(workspaceRoot(), 'cdk.out', 'Network.template.json'));
    assert.deepEqual(
      admin.relatedInformation.map(({ location, message }) => [
        location.uri.toString(),
        rangeText(location.range),
        message,
      ]),
      [[template.toString(), '15:16-15:27', 'AdminSg34EB5EC7 in Network (/Network/AdminSg/Resource)']],
    );
  });

  it('publishes the findings of every stack on the app sources only, not on the templates', async () => {
    // Published one source after another: each is awaited, then nothing else may have any.
    for (const [relative, expected] of Object.entries(BY_SOURCE))
      await diagnosticsBecome(sourceUri(relative), expected);
    const published = vscode.languages
      .getDiagnostics()
      .map(([uri, diagnostics]) => [uri, diagnostics.filter((d) => d.source === 'iacsec')])
      .filter(([, diagnostics]) => diagnostics.length > 0)
      // A template, outside the app's folder, would start with `..`.
      .map(([uri, diagnostics]) => [path.relative(APP, uri.fsPath), summary(diagnostics)])
      .sort(([a], [b]) => a.localeCompare(b));
    assert.deepEqual(Object.fromEntries(published), BY_SOURCE);
  });

  it('hovers the source line with each rule and where the resource is in the synthesized template', async () => {
    const uri = sourceUri('lib/network-stack.ts');
    await diagnosticsBecome(uri, NETWORK, 20_000);
    const hovers = await vscode.commands.executeCommand(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(14, 30),
    );
    const ours = hovers.filter((h) => h.contents.some((c) => c.value.includes(`\`${ADMIN_PORT}\``)));
    assert.equal(ours.length, 1, `one iacsec hover among ${hovers.length}`);
    // One section per finding on the line, in the order of the diagnostics; markdown escapes the message.
    const sections = ours[0].contents
      .map((c) => c.value)
      .join('\n')
      .split('\n\n---\n\n');
    assert.equal(sections.length, 2, sections.join('\n=====\n'));
    assert.match(
      sections[0],
      /^\*\*[^*]+\*\* · `firewall\/security-group-open-egress` · info\n(?:.*\n)*?In the synthesized template: `\/Network\/AdminSg\/Resource` \(Network\)\.\n/,
    );
    assert.match(
      sections[1],
      /^\*\*Security groups do not open SSH or RDP to the whole internet\*\* · `firewall\/security-group-open-admin-port` · error\n\nIngress from 0\.0\.0\.0\/0 opens SSH to the whole internet \\\(tcp port 22\\\)\.\n/,
    );
    assert.match(
      sections[1],
      /\n\nIn the synthesized template: `\/Network\/AdminSg\/Resource` \(Network\)\.\n\n\[Documentation\]\(https:\/\/github\.com\/iacsec\/iacsec\/blob\/main\/docs\/rules\/firewall\/security-group-open-admin-port\.md\)$/,
    );
    // A line of the source without findings has no iacsec hover.
    const elsewhere = await vscode.commands.executeCommand(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(18, 20),
    );
    assert.deepEqual(
      elsewhere.filter((h) => h.contents.some((c) => c.value.includes('In the synthesized template'))),
      [],
    );
  })
    // VS Code's TypeScript hover, asked too, starts tsserver on first use: seconds under load.
    .timeout(40_000);

  it('reads the assembly again when cdk synth rewrites it', async () => {
    const uri = sourceUri('lib/network-stack.ts');
    await diagnosticsBecome(uri, NETWORK, 20_000);
    const cdkOut = path.join(workspaceRoot(), 'cdk.out');
    const template = path.join(cdkOut, 'Network.template.json');
    fs.writeFileSync(template, fs.readFileSync(template, 'utf8').replaceAll('0.0.0.0/0', '10.0.0.0/8'));
    // `cdk synth` writes the manifest last; VS Code's file watcher tells the server, which watches it.
    const manifest = path.join(cdkOut, 'manifest.json');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8'));
    await diagnosticsBecome(uri, [], 20_000);
    await diagnosticsBecome(sourceUri('lib/api-stack.ts'), BY_SOURCE['lib/api-stack.ts']);
  });
});
