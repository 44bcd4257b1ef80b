'use strict';
// Runs one in-host suite file in an Extension Development Host of code-server (E2E.md, way 3): a fresh workspace
// copied from its fixtures, a fresh code-server, chromium opening the URL whose payload names the extension and
// suite/index.js; then waits for the JSON report that the suite writes, since the window stays open afterwards.
const fs = require('node:fs');
const path = require('node:path');
const { openBrowser } = require('./browser');
const { startCodeServer, tail } = require('./code-server');
const { prepareWorkspace, sessionOptions } = require('./sessions');
const { waitFor } = require('./waits');

const ROOT = path.resolve(__dirname, '../../..');
const SUITE = path.resolve(__dirname, '../suite/index.js');

/**
 * @param {string} suiteFile e.g. `cloudformation-yaml.suite.js`
 * @param {ReturnType<import('./code-server').sessionLayout>} layout the session's folders
 * @param {string} artifacts where the console log goes
 * @returns {Promise<import('../suite/reporter').Report>}
 */
async function runInHostSuite(suiteFile, layout, artifacts, { timeout = 120_000 } = {}) {
  const { trust } = sessionOptions(suiteFile);
  const workspace = await prepareWorkspace(suiteFile, path.join(layout.dir, 'ws'));
  const report = path.join(layout.dir, 'report.json');
  const server = await startCodeServer(layout, {
    workspace,
    trust,
    // code-server's environment reaches the extension host, where suite/index.js reads it.
    env: { IACSEC_E2E_REPORT: report, IACSEC_E2E_SUITES: suiteFile },
  });
  let browser;
  let consoleLines = [];
  try {
    const opened = await openBrowser(layout);
    browser = opened.browser;
    consoleLines = opened.consoleLines;
    const remote = `vscode-remote://127.0.0.1:${server.port}`;
    const payload = [
      ['extensionDevelopmentPath', `${remote}${ROOT}`],
      ['extensionTestsPath', `${remote}${SUITE}`],
    ];
    const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await opened.page.goto(url);
    await waitFor(
      `the report of ${suiteFile} (written by the extension host)`,
      () => {
        if (server.hasExited()) throw new Error(`code-server exited during ${suiteFile}:\n${tail(layout.log)}`);
        return fs.existsSync(report) ? true : undefined;
      },
      { timeout, interval: 100, describe: () => `extension host console:\n${consoleLines.slice(-15).join('\n')}` },
    );
    return JSON.parse(fs.readFileSync(report, 'utf8'));
  } finally {
    fs.writeFileSync(path.join(artifacts, 'console.log'), consoleLines.join('\n') + '\n');
    if (fs.existsSync(layout.log)) fs.copyFileSync(layout.log, path.join(artifacts, 'code-server.log'));
    await browser?.close();
    await server.stop();
  }
}

module.exports = { runInHostSuite };
