import { type ChildProcess, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';

/** The repository root: the compiled tests run from `server/out/test/security/`. */
export const ROOT = path.resolve(__dirname, '../../../..');
export const CLI = path.join(ROOT, 'server/bin/iacsec.js');
/** Not compiled: it is plain CommonJS that `node --require` loads before the product. */
export const PRELOAD = path.join(ROOT, 'server/test/security/deny-network.cjs');

/** Where a guarded process writes the calls it was denied, and the threads the guard was loaded in. */
export interface GuardFiles {
  readonly denied: string;
  readonly loaded: string;
}

export function guardFiles(dir: string): GuardFiles {
  const files = { denied: path.join(dir, 'denied.log'), loaded: path.join(dir, 'loaded.log') };
  fs.writeFileSync(files.denied, '');
  fs.writeFileSync(files.loaded, '');
  return files;
}

export function linesOf(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

function guardedEnv(files: GuardFiles): NodeJS.ProcessEnv {
  return { ...process.env, IACSEC_DENY_NETWORK_LOG: files.denied, IACSEC_DENY_NETWORK_LOADED: files.loaded };
}

/** `node --require deny-network.cjs <args>` from the repository root, to completion. */
export function runGuarded(files: GuardFiles, args: readonly string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--require', PRELOAD, ...args], {
    cwd: ROOT,
    env: guardedEnv(files),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** `node --require deny-network.cjs server/bin/iacsec.js lsp --stdio`, spoken to over its stdio pipes. */
export class GuardedServer {
  private stderr = '';

  private constructor(
    readonly connection: MessageConnection,
    private readonly child: ChildProcess,
    private readonly exited: Promise<number | null>,
  ) {}

  static start(files: GuardFiles): GuardedServer {
    const child = spawn(process.execPath, ['--require', PRELOAD, CLI, 'lsp', '--stdio'], {
      cwd: ROOT,
      env: guardedEnv(files),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const server = new GuardedServer(connection, child, exited);
    child.stderr.on('data', (chunk: Buffer) => (server.stderr += chunk.toString()));
    return server;
  }

  /** What the server wrote on stderr: part of every failure message. */
  get errors(): string {
    return this.stderr;
  }

  /** shutdown, exit, and the exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Ends a server a failed test left running, so that it cannot keep mocha alive. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}
