'use strict';
// The e2e tests' set-up (E2E.md), idempotent and quick when nothing is missing: Debian's chromium, ripgrep and
// libkrb5-dev when not installed (apt-get as root, else a message saying what to install); the cached ripgrep
// tarball that @vscode/ripgrep's postinstall takes instead of a download; `npm ci` here when node_modules is not
// the lockfile's. Run alone with `node test/e2e/setup.js`; run.js calls it first.
const { execFileSync, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const HERE = __dirname;
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev'];
const CHROMIUM = '/usr/bin/chromium';
// Written after a successful npm ci: the lockfile and Node ABI it installed (node-pty and kerberos are native).
const MARKER = path.join(HERE, 'node_modules', '.iacsec-e2e-installed.json');

function installed(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs the missing Debian packages when root; returns those still missing, with the reason. */
function aptPackages(log) {
  const missing = APT_PACKAGES.filter((name) => !installed(name));
  if (missing.length === 0) return { missing };
  if (process.getuid?.() !== 0) {
    return { missing, reason: `not root: install them with  sudo apt-get install -y ${missing.join(' ')}` };
  }
  log(`apt-get install -y ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...missing],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env, timeout: 300_000 });
    if (result.status !== 0) {
      const still = APT_PACKAGES.filter((name) => !installed(name));
      return { missing: still, reason: `apt-get ${args[0]} failed (${result.status ?? result.signal})` };
    }
  }
  return { missing: APT_PACKAGES.filter((name) => !installed(name)) };
}

/** @vscode/ripgrep@1.15.11 would download rg from GitHub; its postinstall takes this cached tarball instead. */
function ripgrepCache() {
  const cache = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const tarball = path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (fs.existsSync(tarball)) return;
  fs.mkdirSync(cache, { recursive: true });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-rg-'));
  try {
    fs.copyFileSync('/usr/bin/rg', path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    execFileSync('tar', ['czf', `${tarball}.part`, '-C', staging, 'rg']);
    fs.renameSync(`${tarball}.part`, tarball);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function installState() {
  const lock = crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(HERE, 'package-lock.json')))
    .digest('hex');
  return { lock, abi: process.versions.modules, platform: `${process.platform}-${process.arch}` };
}

function nodeModulesCurrent() {
  try {
    return JSON.stringify(JSON.parse(fs.readFileSync(MARKER, 'utf8'))) === JSON.stringify(installState());
  } catch {
    return false;
  }
}

function npmCi(log, apt) {
  if (nodeModulesCurrent()) return;
  // Only the install needs them: ripgrep for the cache below, libkrb5-dev for building kerberos.
  if (apt.missing.length > 0) throw new Error(`missing Debian packages ${apt.missing.join(', ')}: ${apt.reason}`);
  ripgrepCache();
  log('npm ci in test/e2e (code-server, playwright-core, mocha: about 300 MB, under a minute)');
  const env = {
    ...process.env,
    // code-server's postinstall, as root, wants unsafe-perm; it reads only the variable.
    npm_config_unsafe_perm: 'true',
    // node-pty's postinstall runs `npx node-gyp`, which a global `yes=false` refuses.
    npm_config_yes: 'true',
  };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: HERE,
    stdio: 'inherit',
    env,
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`npm ci in test/e2e failed (${result.status ?? result.signal})`);
  fs.writeFileSync(MARKER, JSON.stringify(installState()) + '\n');
}

/**
 * @param {(line: string) => void} log
 * @returns {{ ready: true } | { ready: false, skip: string }} not ready only when chromium is missing and
 *   cannot be installed here: the one case in which the e2e tests are skipped rather than failed.
 */
function setUp(log = (line) => console.log(`e2e set-up: ${line}`)) {
  const apt = aptPackages(log);
  if (!fs.existsSync(CHROMIUM)) {
    return { ready: false, skip: `${CHROMIUM} is missing (${apt.reason ?? 'apt-get did not install it'})` };
  }
  npmCi(log, apt);
  return { ready: true };
}

module.exports = { setUp, CHROMIUM };

if (require.main === module) {
  const result = setUp();
  console.log(result.ready ? 'e2e set-up: ready' : `e2e set-up: cannot run the e2e tests: ${result.skip}`);
}
