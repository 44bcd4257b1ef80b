import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { ScanReport } from '../../src/report/types';
import { CLI, GuardedServer, guardFiles, type GuardFiles, linesOf, ROOT, runGuarded, uriOf } from './guarded-process';

/** Each expression tried under the guard, and the API its line in the record names. */
const PROBES: readonly (readonly [string, string])[] = [
  ["require('net').connect(1)", 'net.connect'],
  ["require('net').createConnection(1)", 'net.createConnection'],
  ["new (require('net').Socket)().connect(1)", 'net.Socket.prototype.connect'],
  ["require('net').createServer().listen(0)", 'net.Server.prototype.listen'],
  ["require('tls').connect(1)", 'tls.connect'],
  ["require('http').request('http://127.0.0.1:1')", 'http.request'],
  ["require('http').get('http://127.0.0.1:1')", 'http.get'],
  ["require('https').request('https://127.0.0.1:1')", 'https.request'],
  ["require('https').get('https://127.0.0.1:1')", 'https.get'],
  ["require('http2').connect('http://127.0.0.1:1')", 'http2.connect'],
  ["require('dgram').createSocket('udp4')", 'dgram.createSocket'],
  ["require('dns').lookup('localhost', () => {})", 'dns.lookup'],
  ["require('dns').resolve4('localhost', () => {})", 'dns.resolve4'],
  ["require('dns').reverse('127.0.0.1', () => {})", 'dns.reverse'],
  ["new (require('dns').Resolver)().resolveTxt('localhost', () => {})", 'dns.Resolver.prototype.resolveTxt'],
  ["require('dns').promises.lookup('localhost')", 'dns.promises.lookup'],
  ["require('dns/promises').resolveAny('localhost')", 'dns.promises.resolveAny'],
  ["new (require('dns').promises.Resolver)().resolve6('localhost')", 'dns.promises.Resolver.prototype.resolve6'],
  ["fetch('http://127.0.0.1:1')", 'globalThis.fetch'],
];

/** A script that tries every probe and prints the error code each one threw (`none` when it did not). */
const PROBE_SCRIPT = `const codes = [];
for (const probe of ${JSON.stringify(PROBES.map(([expression]) => `() => ${expression}`))}) {
  try { eval(probe)(); codes.push('none'); } catch (error) { codes.push(error.code); }
}
console.log(JSON.stringify(codes));
process.exit(0);`;

const EXAMPLE = path.join(ROOT, 'examples/cloudformation/security-groups.yaml');

/** `iacsec scan examples --format json` without the guard: what the guarded runs must reproduce. */
function scanUnguarded(): ScanReport {
  const outcome = spawnSync(process.execPath, [CLI, 'scan', 'examples', '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(outcome.status, 1, outcome.stderr);
  const report = JSON.parse(outcome.stdout) as ScanReport;
  assert.notDeepEqual(report.findings, [], 'examples/ is full of findings');
  return report;
}

function waitForDiagnostics(server: GuardedServer, uri: string): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no diagnostics for ${uri}; server stderr:\n${server.errors}`)),
      15000,
    );
    server.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (params.uri !== uri) return;
      clearTimeout(timer);
      resolve(params.diagnostics);
    });
  });
}

describe('nothing leaves: no network socket while scanning and serving', () => {
  let dir: string;
  let files: GuardFiles;
  let running: GuardedServer | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-no-network-'));
    files = guardFiles(dir);
  });

  afterEach(() => {
    running?.kill();
    running = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('control: the preload denies and records every way to connect, listen or resolve a name', () => {
    const outcome = runGuarded(files, ['-e', PROBE_SCRIPT]);
    assert.equal(outcome.status, 0, outcome.stderr);
    assert.deepEqual(
      JSON.parse(outcome.stdout),
      PROBES.map(() => 'ERR_IACSEC_NETWORK_DENIED'),
    );
    assert.deepEqual(
      linesOf(files.denied),
      PROBES.map(([, api]) => `${api} thread=0`),
    );
  });

  it('control: `node --require … -e "require(\'net\').connect(1)"` records a line and fails', () => {
    const outcome = runGuarded(files, ['-e', "require('net').connect(1)"]);
    assert.equal(outcome.status, 1);
    assert.match(outcome.stderr, /net\.connect is denied: this process may not use the network/);
    assert.deepEqual(linesOf(files.denied), ['net.connect thread=0']);
  });

  it('control: a worker thread inherits the preload through the default execArgv', () => {
    const worker = `new (require('worker_threads').Worker)("require('net').connect(1)", { eval: true })`;
    const outcome = runGuarded(files, ['-e', worker]);
    assert.equal(outcome.status, 1, 'the error thrown in the worker is raised in the main thread');
    assert.deepEqual(linesOf(files.denied), ['net.connect thread=1']);
    assert.deepEqual(linesOf(files.loaded), ['loaded thread=0', 'loaded thread=1']);
  });

  it('`iacsec scan examples --format json` finds what it finds without the guard, and opens nothing', () => {
    const guarded = runGuarded(files, [CLI, 'scan', 'examples', '--format', 'json']);
    assert.equal(guarded.status, 1, guarded.stderr);
    assert.equal(guarded.stderr, '');
    assert.deepEqual(JSON.parse(guarded.stdout), scanUnguarded());
    assert.equal(fs.readFileSync(files.denied, 'utf8'), '');
    assert.deepEqual(linesOf(files.loaded), ['loaded thread=0']);
  });

  it('`iacsec lsp --stdio` lints, fixes, hovers and audits examples/ with the guard in it and its workers', async () => {
    const server = GuardedServer.start(files);
    running = server;
    const { connection } = server;
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onUnhandledProgress(() => undefined);
    connection.listen();
    const examples = path.join(ROOT, 'examples');
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(examples),
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, workspaceEdit: { documentChanges: true } },
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } },
        window: { workDoneProgress: true },
      },
      workspaceFolders: [{ uri: uriOf(examples), name: 'examples' }],
    });
    await connection.sendNotification('initialized', {});

    const uri = uriOf(EXAMPLE);
    const published = waitForDiagnostics(server, uri);
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(EXAMPLE, 'utf8') },
    });
    const diagnostics = await published;
    const first = diagnostics[0];
    assert.ok(first !== undefined, server.errors);
    assert.equal(first.code, 'firewall/security-group-open-database-port');

    const actions = await connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: first.range,
      context: { diagnostics: [first] },
    });
    assert.deepEqual(
      actions.map((action) => action.title),
      [
        'Remove the default 0.0.0.0/0 of parameter ClientCidr, so each deployment must set the range',
        'Suppress firewall/security-group-open-database-port here, with a reason',
        'Show documentation for firewall/security-group-open-database-port',
      ],
    );
    const hover = await connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: first.range.start,
    });
    assert.match(JSON.stringify(hover?.contents), /security-group-open-database-port/);

    const audit = await connection.sendRequest<unknown>('workspace/executeCommand', {
      command: 'iacsec.server.audit',
      arguments: [],
    });
    const { files: audited, findings, errors, bySeverity } = scanUnguarded().summary;
    assert.deepEqual(audit, { folders: 1, files: audited, findings, errors, bySeverity, cancelled: false });
    assert.equal(await server.stop(), 0, server.errors);

    assert.equal(fs.readFileSync(files.denied, 'utf8'), '');
    // The main thread, the lint worker (diagnostics, code actions) and the audit's own worker.
    assert.deepEqual(linesOf(files.loaded), ['loaded thread=0', 'loaded thread=1', 'loaded thread=2']);
  });
});
