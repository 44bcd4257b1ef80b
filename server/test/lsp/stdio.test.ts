import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

const BIN = path.resolve(__dirname, '../../../bin/iacsec.js');

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code?: string | number;
  severity?: number;
  source?: string;
  codeDescription?: { href: string };
}

interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

const OPEN_SSH = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: SSH
      VpcId: vpc-12345678
      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }]
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
`;

/**
 * `iacsec lsp --stdio` spoken to as an editor does: a real process, a real JSON-RPC connection over its pipes.
 * Every wait is on a notification, never on time.
 */
describe('iacsec lsp --stdio', () => {
  let child: ChildProcess;
  let connection: MessageConnection;
  const published: Published[] = [];
  const waiters: { accept: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];

  function nextDiagnostics(uri: string, version: number): Promise<Published> {
    const found = published.find((p) => p.uri === uri && p.version === version);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => waiters.push({ accept: (p) => p.uri === uri && p.version === version, resolve }));
  }

  before(async () => {
    child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(
      new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
    );
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
      published.push(params);
      for (const waiter of waiters.splice(0)) {
        if (waiter.accept(params)) waiter.resolve(params);
        else waiters.push(waiter);
      }
    });
    connection.listen();
    const result = await connection.sendRequest<{ serverInfo?: { name: string } }>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    assert.equal(result.serverInfo?.name, 'iacsec');
    await connection.sendNotification('initialized', {});
  });

  after(async () => {
    await connection.sendRequest('shutdown');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
    connection.dispose();
  });

  it('publishes diagnostics for an opened buffer, with the rule id, its page and the exact range', async () => {
    const uri = 'file:///work/stacks/bastion.yaml';
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: OPEN_SSH },
    });
    const { diagnostics } = await nextDiagnostics(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => [
        d.code,
        d.severity,
        d.source,
        d.range.start.line,
        d.range.start.character,
        d.range.end.character,
      ]),
      [['firewall/security-group-open-admin-port', 1, 'iacsec', 9, 63, 72]],
    );
    assert.match(
      diagnostics[0]?.codeDescription?.href ?? '',
      /docs\/rules\/firewall\/security-group-open-admin-port\.md$/,
    );
  });

  it('lints the buffer as it changes, not the file on disk', async () => {
    const uri = 'file:///work/stacks/edited.yaml';
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: OPEN_SSH },
    });
    assert.equal((await nextDiagnostics(uri, 1)).diagnostics.length, 1);
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: OPEN_SSH.replace('0.0.0.0/0', '10.0.0.0/8') }],
    });
    assert.deepEqual((await nextDiagnostics(uri, 2)).diagnostics, []);
  });

  it('stays up after a malformed buffer and answers the next one', async () => {
    const broken = 'file:///work/stacks/broken.yaml';
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: broken,
        languageId: 'yaml',
        version: 1,
        text: 'AWSTemplateFormatVersion: "2010-09-09"\nResources: [\n',
      },
    });
    const { diagnostics } = await nextDiagnostics(broken, 1);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['parse', 1]],
    );
    const next = 'file:///work/stacks/next.yaml';
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: next, languageId: 'yaml', version: 1, text: OPEN_SSH },
    });
    assert.equal((await nextDiagnostics(next, 1)).diagnostics.length, 1);
  });

  it('gives files that are not IaC no diagnostics', async () => {
    const uri = 'file:///work/.github/workflows/ci.yml';
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: 'on: push\njobs: {}\n' },
    });
    assert.deepEqual((await nextDiagnostics(uri, 1)).diagnostics, []);
  });
});
