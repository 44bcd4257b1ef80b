'use strict';
// `npm run test:e2e`: the set-up (setup.js), the VSIX as shipped, then every test file with a code-server of its
// own, one at a time: each in-host suite (suite/*.suite.js) in an Extension Development Host, then the UI smoke
// tests (ui/*.ui.js) against the installed VSIX. Prints each result, and writes the run's counts as JSON
// ({passes, failures, pending, tests, duration}) to $IACSEC_TEST_SUMMARY when set, as .ci/run expects.
// Arguments filter the test files by name: `npm run test:e2e -- audit smoke`.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { addStats, closingLine, indent, printReport, writeSummary } = require('./lib/report');
const { SUITE_DIR, suiteFiles } = require('./lib/sessions');
const { setUp } = require('./setup');

const UI_DIR = path.join(__dirname, 'ui');

function uiFiles() {
  return fs
    .readdirSync(UI_DIR)
    .filter((name) => name.endsWith('.ui.js'))
    .sort();
}

function selected(names, filters) {
  return filters.length === 0 ? names : names.filter((name) => filters.some((filter) => name.includes(filter)));
}

async function runInHostSuites(names, totals) {
  const { sessionLayout } = require('./lib/code-server');
  const { runInHostSuite } = require('./lib/in-host-session');
  const { artifactsFolder } = require('./lib/browser');
  for (const name of names) {
    const started = Date.now();
    console.log(`\n  ${name} (in-host, code-server)`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-e2e-'));
    try {
      const report = await runInHostSuite(name, sessionLayout(dir), artifactsFolder(name.replace(/\.js$/, '')));
      printReport(report, totals);
    } catch (error) {
      // The session itself failed (code-server, the window, a suite that never reported): one failure.
      console.log(indent(`✗ ${name} did not run to the end\n${indent(error.stack ?? String(error), 4)}`, 4));
      addStats(totals, { failures: 1, tests: 1 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      console.log(indent(`(${((Date.now() - started) / 1000).toFixed(1)} s)`, 4));
    }
  }
}

async function runUiTests(names, totals) {
  const Mocha = require('mocha');
  const mocha = new Mocha({ timeout: 60_000, reporter: 'spec' });
  for (const name of names) mocha.addFile(path.join(UI_DIR, name));
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  addStats(totals, stats);
}

async function main(filters) {
  const started = Date.now();
  const totals = { passes: 0, failures: 0, pending: 0, tests: 0 };
  const suites = selected(suiteFiles(), filters);
  const uis = selected(uiFiles(), filters);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    // Interrupted (Ctrl+C, CI's timeout): the counts so far and one failure; process.exit then runs the 'exit'
    // handlers that stop every code-server still running.
    process.once(signal, () => {
      console.log(`\ne2e: interrupted by ${signal}`);
      addStats(totals, { failures: 1, tests: 1 });
      writeSummary(totals, started);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  try {
    const setup = setUp();
    if (!setup.ready) {
      const { listTests } = require('./lib/list-tests');
      const files = [
        ...suites.map((name) => path.join(SUITE_DIR, name)),
        ...uis.map((name) => path.join(UI_DIR, name)),
      ];
      const titles = await listTests(files);
      console.log(`\ne2e: SKIPPED, ${titles.length} tests: ${setup.skip}. They need Debian's chromium.`);
      for (const title of titles) console.log(`  - ${title.join(' › ')}`);
      addStats(totals, { pending: titles.length, tests: titles.length });
      return 0;
    }
    const { packageVsix } = require('./lib/vsix');
    const vsixDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-e2e-vsix-'));
    try {
      if (uis.length > 0) {
        const packaging = Date.now();
        process.env.IACSEC_E2E_VSIX = packageVsix(path.join(vsixDir, 'iacsec.vsix'));
        console.log(`e2e: packaged the VSIX in ${((Date.now() - packaging) / 1000).toFixed(1)} s`);
      } else {
        // The in-host suites load the extension from the repository: build it as the VSIX would.
        require('node:child_process').execFileSync('npm', ['run', 'build'], {
          cwd: path.resolve(__dirname, '../..'),
          stdio: 'inherit',
        });
      }
      await runInHostSuites(suites, totals);
      if (uis.length > 0) await runUiTests(uis, totals);
    } finally {
      fs.rmSync(vsixDir, { recursive: true, force: true });
    }
    return totals.failures > 0 ? 1 : 0;
  } catch (error) {
    console.error(`e2e: ${error.stack ?? error}`);
    addStats(totals, { failures: 1, tests: 1 });
    return 1;
  } finally {
    writeSummary(totals, started);
    console.log(`\ne2e: ${closingLine(totals, started)}`);
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
