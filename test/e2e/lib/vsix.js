'use strict';
// The VSIX as shipped: vsce at the repository root, which builds first (vscode:prepublish), written to `file`.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../../..');

/** @param {string} file where the VSIX is written */
function packageVsix(file) {
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) {
    throw new Error(`vsce package failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
  return file;
}

module.exports = { packageVsix };
