import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUCKET_AND_SSH, OPEN_SSH, QUEUE_JSON } from './fixtures';
import { LspClient, summary, uriOf } from './harness';

interface AuditSummary {
  folders: number;
  files: number;
  findings: number;
  errors: number;
  bySeverity: { error: number; warning: number; info: number };
  cancelled: boolean;
}

function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
}

describe('LSP over stdio: workspace audit', () => {
  let workspace: string;
  let client: LspClient;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-lsp-audit-'));
    write(workspace, {
      'stacks/app.yaml': BUCKET_AND_SSH,
      'stacks/queue.json': QUEUE_JSON,
      'stacks/bastion.yaml': OPEN_SSH,
      'stacks/broken.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: [\n',
      'ignored-by-git/open.yaml': OPEN_SSH,
      'excluded/open.yaml': OPEN_SSH,
      'skipped-by-settings/open.yaml': OPEN_SSH,
      'legacy/open.yaml': OPEN_SSH,
      'node_modules/pkg/open.yaml': OPEN_SSH,
      'docs/notes.yaml': 'title: not a template\n',
      '.gitignore': 'ignored-by-git/\n',
      '.iacsec.yaml': 'ignore:\n  - legacy/**\n',
    });
    // A repository root: .gitignore files above it are not read.
    fs.mkdirSync(path.join(workspace, '.git'));
    client = await LspClient.start({
      workspaceFolders: [workspace],
      settings: { ignore: ['skipped-by-settings/**'] },
      filesExclude: { '**/excluded': true, '**/.git': true },
    });
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('audits every IaC file with progress, fills Problems for files not open, and keeps the report', async () => {
    const open = uriOf(path.join(workspace, 'stacks/bastion.yaml'));
    await client.open(open, OPEN_SSH.replace('0.0.0.0/0', '10.0.0.0/8'));
    assert.deepEqual(await client.diagnostics(open, 1), []);
    const before = client.published.length;
    const result = await client.connection.sendRequest<AuditSummary>('workspace/executeCommand', {
      command: 'iacsec.server.audit',
      arguments: [],
      workDoneToken: 'audit-1',
    });
    assert.deepEqual(result, {
      folders: 1,
      files: 4,
      findings: 9,
      errors: 1,
      bySeverity: { error: 2, warning: 6, info: 1 },
      cancelled: false,
    });

    const progress = client.progress.filter((p) => p.token === 'audit-1').map((p) => p.value);
    assert.equal(progress[0]?.kind, 'begin');
    assert.equal(progress[0]?.kind === 'begin' && progress[0].cancellable, true);
    assert.equal(progress.at(-1)?.kind, 'end');
    const reports = progress.flatMap((p) => (p.kind === 'report' ? [p] : []));
    // Six candidate files are read (the configuration and docs/notes.yaml too); four of them are IaC.
    assert.deepEqual(
      reports.map((p) => p.message),
      ['0 of 6 files', '1 of 6 files', '2 of 6 files', '3 of 6 files', '4 of 6 files', '5 of 6 files'],
    );
    assert.deepEqual(
      reports.map((p) => p.percentage),
      [0, 16, 33, 50, 66, 83],
    );

    const published = client.published.slice(before);
    const byFile = new Map(published.map((p) => [path.relative(workspace, new URL(p.uri).pathname), p.diagnostics]));
    // The open document keeps the diagnostics of its buffer; ignored, excluded and non-IaC files get none.
    assert.deepEqual([...byFile.keys()].sort(), ['stacks/app.yaml', 'stacks/broken.yaml', 'stacks/queue.json']);
    assert.deepEqual(summary(byFile.get('stacks/app.yaml') ?? []), [
      'encryption/s3-bucket-tls-only@3:2-3:6/2',
      'encryption/s3-bucket-encryption@5:4-5:14/2',
      'responsibility/s3-access-logging@5:4-5:14/2',
      'responsibility/s3-bucket-versioning@5:4-5:14/2',
      'responsibility/s3-public-access-block@5:4-5:14/2',
      'firewall/security-group-open-egress@9:4-9:14/3',
      'firewall/security-group-open-admin-port@19:14-19:23/1',
    ]);
    assert.deepEqual(byFile.get('stacks/app.yaml')?.[6]?.relatedInformation?.[0]?.location.range, {
      start: { line: 7, character: 2 },
      end: { line: 7, character: 5 },
    });
    assert.deepEqual(summary(byFile.get('stacks/broken.yaml') ?? []), ['parse@2:0-2:0/1']);
    assert.deepEqual(summary(byFile.get('stacks/queue.json') ?? []), ['encryption/sqs-queue-encryption@5:6-5:18/2']);

    // Closing the open document puts back what the audit found on disk.
    const beforeClose = client.published.length;
    await client.close(open);
    const disk = () => client.published.slice(beforeClose).find((p) => p.uri === open && p.diagnostics.length > 0);
    await client.until('the audit diagnostics of the closed document', () => disk() !== undefined);
    assert.deepEqual(summary(disk()?.diagnostics ?? []), ['firewall/security-group-open-admin-port@9:63-9:72/1']);
  });

  it('exports the last audit as SARIF and as HTML, and renders the report view', async () => {
    const sarif = JSON.parse(
      await client.connection.sendRequest<string>('workspace/executeCommand', {
        command: 'iacsec.server.auditReport',
        arguments: [{ format: 'sarif' }],
      }),
    ) as { version: string; runs: { results: { ruleId: string; locations: unknown[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs[0]?.results.map((result) => result.ruleId),
      [
        'encryption/s3-bucket-tls-only',
        'encryption/s3-bucket-encryption',
        'responsibility/s3-access-logging',
        'responsibility/s3-bucket-versioning',
        'responsibility/s3-public-access-block',
        'firewall/security-group-open-egress',
        'firewall/security-group-open-admin-port',
        'firewall/security-group-open-admin-port',
        'encryption/sqs-queue-encryption',
      ],
    );
    const html = await client.connection.sendRequest<string>('workspace/executeCommand', {
      command: 'iacsec.server.auditReport',
      arguments: [{ format: 'html' }],
    });
    assert.match(html, /^<!DOCTYPE html>/i);
    assert.doesNotMatch(html, /<script/);
    const view = await client.connection.sendRequest<string>('workspace/executeCommand', {
      command: 'iacsec.server.auditReport',
      arguments: [{ format: 'webview', cspSource: 'vscode-webview://abc', nonce: 'n0nce' }],
    });
    assert.match(view, /script-src 'nonce-n0nce'/);
    assert.match(view, /<script nonce="n0nce">/);
    assert.match(view, /data-uri="file:\/\/[^"]*\/stacks\/app\.yaml" data-line="19" data-character="14"/);
  });

  it('shows progress of its own that the user can cancel, and reports what it linted', async () => {
    const many = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-lsp-audit-many-'));
    try {
      const files: Record<string, string> = {};
      for (let index = 0; index < 300; index++) files[`stack-${String(index).padStart(3, '0')}.yaml`] = BUCKET_AND_SSH;
      write(many, files);
      const other = await LspClient.start({ workspaceFolders: [many] });
      try {
        // No workDoneToken, as VS Code's client sends the command: the server creates the progress.
        const request = other.connection.sendRequest<AuditSummary>('workspace/executeCommand', {
          command: 'iacsec.server.audit',
          arguments: [],
        });
        await other.until('a progress report under a token the server created', () =>
          other.progress.some((p) => other.createdProgress.includes(p.token) && p.value.kind === 'report'),
        );
        const token = other.createdProgress[0] as string | number;
        await other.connection.sendNotification('window/workDoneProgress/cancel', { token });
        const result = await request;
        assert.equal(result.cancelled, true);
        assert.ok(result.files > 0 && result.files < 300, `${result.files} files linted before the cancel`);
        const own = other.progress.filter((p) => p.token === token).map((p) => p.value.kind);
        assert.equal(own[0], 'begin');
        assert.equal(own.at(-1), 'end');
        // The partial report is kept, and says it is partial.
        const html = await other.connection.sendRequest<string>('workspace/executeCommand', {
          command: 'iacsec.server.auditReport',
          arguments: [{ format: 'html' }],
        });
        assert.match(html, /cancelled/i);
      } finally {
        assert.equal(await other.stop(), 0);
      }
    } finally {
      fs.rmSync(many, { recursive: true, force: true });
    }
  });
});
