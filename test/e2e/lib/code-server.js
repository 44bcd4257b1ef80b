'use strict';
// One code-server per test file: its own user data, extensions, XDG folders and temp dir under the session's
// folder, so nothing is written to ~ and no socket is left in /tmp. Spawned detached, stopped as a process group.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { userSettings } = require('./sessions');
const { waitFor } = require('./waits');

const ENTRY = require.resolve('code-server/out/node/entry.js');

/**
 * The folders of one session under `dir`, and the environment that keeps code-server and chromium inside it.
 * @param {string} dir
 */
function sessionLayout(dir) {
  const layout = {
    dir,
    userData: path.join(dir, 'ud'),
    extensions: path.join(dir, 'exts'),
    xdg: path.join(dir, 'xdg'),
    tmp: path.join(dir, 't'),
    config: path.join(dir, 'config.yaml'),
    log: path.join(dir, 'code-server.log'),
  };
  for (const folder of [layout.userData, layout.extensions, layout.xdg, layout.tmp]) {
    fs.mkdirSync(folder, { recursive: true });
  }
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: layout.xdg,
    XDG_DATA_HOME: layout.xdg,
    XDG_CACHE_HOME: layout.xdg,
    TMPDIR: layout.tmp,
  };
  return { ...layout, env };
}

/** The extension as shipped: `code-server --install-extension x.vsix` into the session's extensions folder. */
function installExtension(layout, vsix) {
  const result = spawnSync(
    process.execPath,
    [ENTRY, '--user-data-dir', layout.userData, '--extensions-dir', layout.extensions, '--install-extension', vsix],
    { env: layout.env, encoding: 'utf8', timeout: 60_000 },
  );
  if (result.status !== 0) {
    throw new Error(
      `code-server --install-extension ${vsix} failed (${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

/**
 * Starts code-server on a free port for `workspace`; resolves once /healthz answers.
 * @param {ReturnType<typeof sessionLayout>} layout
 * @param {{ workspace: string, trust?: boolean, env?: Record<string, string> }} options
 */
async function startCodeServer(layout, { workspace, trust = false, env = {} }) {
  fs.mkdirSync(path.join(layout.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(layout.userData, 'User', 'settings.json'), JSON.stringify(userSettings(trust), null, 2));
  const port = await freePort();
  const log = fs.openSync(layout.log, 'a');
  const args = [
    ENTRY,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--config',
    layout.config,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir',
    layout.userData,
    '--extensions-dir',
    layout.extensions,
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...layout.env, ...env },
  });
  fs.closeSync(log);
  let exited = false;
  const exit = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(((exited = true), code ?? signal))),
  );
  // Should the runner itself be stopped (Ctrl+C, CI's timeout), the group goes with it.
  const killOnExit = () => signalGroup(child.pid, 'SIGKILL');
  process.once('exit', killOnExit);

  /** Stops code-server and everything it started (extension host, language server): one process group. */
  async function stop() {
    process.removeListener('exit', killOnExit);
    if (exited) return;
    signalGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
    // The extension host may outlive its parent for a moment; nothing of the group may linger.
    signalGroup(child.pid, 'SIGKILL');
  }

  try {
    await waitFor(
      `code-server on port ${port} answering /healthz`,
      async () => {
        if (exited) throw new Error(`code-server exited before it was ready:\n${tail(layout.log)}`);
        return (await healthy(port)) ? true : undefined;
      },
      { timeout: 30_000, interval: 100, describe: () => tail(layout.log) },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, origin: `http://127.0.0.1:${port}`, pid: child.pid, stop, hasExited: () => exited };
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ESRCH') throw error;
  }
}

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

module.exports = { sessionLayout, installExtension, startCodeServer, tail };
