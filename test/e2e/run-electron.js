'use strict';
// `npm run test:electron`: the in-host suites (suite/*.suite.js) under @vscode/test-electron, as on a developer's
// machine with internet: it downloads VS Code (the engines.vscode version) from Microsoft at run time, so it
// fails on a machine that reaches only the npm registry and Debian (like this project's CI, which runs the same
// suites in code-server through run.js instead). On Linux without a display, run it under xvfb-run.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { addStats, closingLine, indent, printReport, writeSummary } = require('./lib/report');
const { prepareWorkspace, sessionOptions, suiteFiles, userSettings } = require('./lib/sessions');
const { setUp } = require('./setup');

const ROOT = path.resolve(__dirname, '../..');
const SUITE = path.join(__dirname, 'suite', 'index.js');
const VSCODE_VERSION = '1.100.3';

/**
 * One suite file in a VS Code of its own, with a fresh workspace, user data and extensions folder.
 * @returns {Promise<import('./suite/reporter').Report>}
 */
async function runSuite(vscodeExecutablePath, name, dir) {
  const { runTests } = require('@vscode/test-electron');
  const { trust } = sessionOptions(name);
  const workspace = await prepareWorkspace(name, path.join(dir, 'ws'));
  const userData = path.join(dir, 'ud');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(userSettings(trust), null, 2));
  const report = path.join(dir, 'report.json');
  const env = { IACSEC_E2E_SUITES: name, IACSEC_E2E_REPORT: report };
  const launchArgs = [
    workspace,
    '--user-data-dir',
    userData,
    '--extensions-dir',
    path.join(dir, 'exts'),
    '--disable-extensions',
  ];
  /** @type {unknown} */
  let exit;
  if (!trust) {
    exit = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: SUITE,
      launchArgs,
      extensionTestsEnv: env,
      // A failed test exits VS Code non-zero; the report says which.
    }).catch((error) => error);
  } else {
    // runTests always passes --disable-workspace-trust; restricted mode needs VS Code without it.
    exit = await launchWithTrust(
      vscodeExecutablePath,
      [
        ...launchArgs,
        '--no-sandbox',
        '--disable-gpu-sandbox',
        '--disable-updates',
        '--skip-welcome',
        '--skip-release-notes',
        `--extensionTestsPath=${SUITE}`,
        `--extensionDevelopmentPath=${ROOT}`,
      ],
      env,
    );
  }
  if (!fs.existsSync(report)) throw new Error(`${name} wrote no report (VS Code ended with ${String(exit)})`);
  return JSON.parse(fs.readFileSync(report, 'utf8'));
}

function launchWithTrust(executable, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(`exit status ${code ?? signal}`));
  });
}

async function main() {
  const started = Date.now();
  const totals = { passes: 0, failures: 0, pending: 0, tests: 0 };
  try {
    // For test/e2e's node_modules (@vscode/test-electron, mocha); chromium is not needed here.
    setUp();
    require('node:child_process').execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
    let executable;
    try {
      executable = await downloadAndUnzipVSCode(VSCODE_VERSION);
    } catch (error) {
      throw new Error(
        `could not download VS Code ${VSCODE_VERSION} (${error.message}): @vscode/test-electron needs to reach ` +
          "Microsoft's servers; on a machine without, `npm run test:e2e` runs the same suites in code-server",
      );
    }
    for (const name of suiteFiles()) {
      console.log(`\n  ${name} (in-host, @vscode/test-electron)`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-electron-'));
      try {
        printReport(await runSuite(executable, name, dir), totals);
      } catch (error) {
        console.log(indent(`✗ ${name} did not run to the end\n${indent(error.stack ?? String(error), 4)}`, 4));
        addStats(totals, { failures: 1, tests: 1 });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } catch (error) {
    console.error(`\ntest:electron: ${error.message}`);
    addStats(totals, { failures: 1, tests: 1 });
  } finally {
    writeSummary(totals, started);
    console.log(`\ntest:electron: ${closingLine(totals, started)}`);
  }
  return totals.failures > 0 ? 1 : 0;
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
