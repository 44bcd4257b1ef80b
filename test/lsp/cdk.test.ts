import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, summary, uriOf } from './harness';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Synthesizes the CDK fixture app with the real aws-cdk-lib (the server tests' helper, which keeps the compiled app
 * and its source maps for as long as this process runs) and lays out a project: cdk.json and its cdk.out.
 */
async function synthesize(): Promise<string> {
  const helper = (await import(pathToFileURL(path.join(ROOT, 'server/out/test/cdk/synth.js')).href)) as {
    synthesizeApp(): Promise<{ outdir: string }>;
  };
  const { outdir } = await helper.synthesizeApp();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-lsp-cdk-'));
  fs.cpSync(outdir, path.join(work, 'cdk.out'), { recursive: true });
  fs.writeFileSync(path.join(work, 'cdk.json'), '{"app": "node bin/app.js"}\n');
  return work;
}

describe('LSP over stdio: a CDK app', function () {
  this.timeout(120_000);
  let project: string;
  let client: LspClient;

  before(async () => {
    project = await synthesize();
    client = await LspClient.start({ workspaceFolders: [project] });
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
    fs.rmSync(project, { recursive: true, force: true });
  });

  const networkSource = (): string | undefined =>
    client.published.find((p) => p.uri.endsWith('/lib/network-stack.ts') && p.diagnostics.length > 0)?.uri;

  it('shows each finding on the line of the app that created the resource, pointing at the template', async () => {
    await client.until('diagnostics on lib/network-stack.ts', () => networkSource() !== undefined);
    const uri = networkSource() as string;
    const diagnostics = client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? [];
    assert.deepEqual(
      summary(diagnostics).map((s) => s.replace(/-14:2147483647/, '-14:end')),
      [
        'firewall/security-group-open-egress@14:20-14:end/3',
        'firewall/security-group-open-admin-port@14:20-14:end/1',
      ].map((s) => s),
    );
    const related = diagnostics[1]?.relatedInformation?.[0];
    assert.equal(related?.location.uri, uriOf(path.join(project, 'cdk.out/Network.template.json')));
    assert.equal(related?.message, 'AdminSg34EB5EC7 in Network (/Network/AdminSg/Resource)');
  });

  it('hovers the source line with the rule and where the resource is in the template', async () => {
    const uri = networkSource() as string;
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 14, character: 30 },
    });
    assert.match(hover?.contents.value ?? '', /`firewall\/security-group-open-admin-port`/);
    assert.match(
      hover?.contents.value ?? '',
      /In the synthesized template: `\/Network\/AdminSg\/Resource` \(Network\)\./,
    );
  });

  it('reads the assembly again when cdk synth rewrites it', async () => {
    const template = path.join(project, 'cdk.out/Network.template.json');
    fs.writeFileSync(template, fs.readFileSync(template, 'utf8').replaceAll('0.0.0.0/0', '10.0.0.0/8'));
    const before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(path.join(project, 'cdk.out/manifest.json')), type: 2 }],
    });
    const uri = networkSource() as string;
    assert.deepEqual(await client.nextDiagnostics(uri, before), []);
  });

  it('keeps the template of the previous synth, for a security diff against it', async () => {
    const uri = uriOf(path.join(project, 'cdk.out/Network.template.json'));
    const previous = await client.connection.sendRequest<string | null>('workspace/executeCommand', {
      command: 'iacsec.server.previousTemplate',
      arguments: [uri],
    });
    assert.ok(previous?.includes('0.0.0.0/0'), 'the previous synth opened port 22 to the world');
    assert.ok(!fs.readFileSync(path.join(project, 'cdk.out/Network.template.json'), 'utf8').includes('0.0.0.0/0'));
    const other = await client.connection.sendRequest<string | null>('workspace/executeCommand', {
      command: 'iacsec.server.previousTemplate',
      arguments: [uriOf(path.join(project, 'cdk.out/Storage.template.json'))],
    });
    assert.equal(other, null);
  });
});
