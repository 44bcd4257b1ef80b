'use strict';
// The in-host suite, in @vscode/test-electron's shape: VS Code requires this module in the extension host of an
// Extension Development Host and awaits `run()`. Under code-server the runner loads it through the URL payload;
// under @vscode/test-electron, through --extensionTestsPath. The same environment variables drive both:
//   IACSEC_E2E_SUITES  comma-separated suite files to run (default: every *.suite.js here)
//   IACSEC_E2E_REPORT  where the JSON report is written (see reporter.js)
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');
const JsonFileReporter = require('./reporter');

function suiteFiles() {
  const named = (process.env.IACSEC_E2E_SUITES ?? '').split(',').filter(Boolean);
  const names = named.length > 0 ? named : fs.readdirSync(__dirname).filter((name) => name.endsWith('.suite.js'));
  return names.sort().map((name) => path.join(__dirname, name));
}

/** @returns {Promise<void>} rejects when any test failed, so that @vscode/test-electron exits non-zero. */
function run() {
  const output = process.env.IACSEC_E2E_REPORT;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    // Each test sets its own where it needs more; a hung test must not hold the window.
    timeout: 20_000,
    reporter: JsonFileReporter,
    reporterOptions: { output },
  });
  for (const file of suiteFiles()) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} e2e tests failed`)) : resolve()));
    } catch (error) {
      // A suite file that does not load: no test ran, so the reporter wrote nothing.
      if (output) {
        JsonFileReporter.writeReport(output, {
          stats: { passes: 0, failures: 1, pending: 0, tests: 0, duration: 0 },
          results: [
            {
              titlePath: ['loading the in-host suite'],
              state: 'failed',
              duration: 0,
              error: { message: String(error?.message ?? error), stack: error?.stack },
            },
          ],
        });
      }
      reject(error);
    }
  });
}

module.exports = { run };
