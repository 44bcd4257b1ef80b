'use strict';
// What a test file's VS Code starts with, whichever runs it (code-server here, @vscode/test-electron elsewhere):
// the fixture workspace it gets a fresh copy of (with a synthesized cdk.out for a CDK app), whether workspace trust
// is on, and the user settings.
const fs = require('node:fs');
const path = require('node:path');
const { addCdkAssembly } = require('./cdk-assembly');

const SUITE_DIR = path.resolve(__dirname, '../suite');
const FIXTURES = path.resolve(__dirname, '../fixtures');

/**
 * Suite files that need more than the defaults (the `cloudformation` fixtures, trust off, no CDK assembly). A suite
 * with a workspace of its own adds a line here and a folder under fixtures/.
 * @type {Record<string, { fixtures?: string, trust?: boolean, cdkAssembly?: boolean }>}
 */
const SESSIONS = {
  // Workspace trust on and the folder not trusted: restricted mode.
  'restricted-mode.suite.js': { fixtures: 'restricted', trust: true },
  // Terraform JSON configuration and a plan.
  'terraform.suite.js': { fixtures: 'terraform' },
  // A CDK project: cdk.json, and the cdk.out of test/fixtures/cdk-app added when the workspace is laid out.
  'cdk.suite.js': { fixtures: 'cdk', cdkAssembly: true },
};

/** @returns {{ fixtures: string, trust: boolean, cdkAssembly: boolean }} */
function sessionOptions(suiteFile) {
  const { fixtures = 'cloudformation', trust = false, cdkAssembly = false } = SESSIONS[suiteFile] ?? {};
  return { fixtures, trust, cdkAssembly };
}

/** The in-host suite files, in the order they run. */
function suiteFiles() {
  return fs
    .readdirSync(SUITE_DIR)
    .filter((name) => name.endsWith('.suite.js'))
    .sort();
}

/** A fresh copy of fixtures/<name> at `target`. */
function copyFixtures(name, target) {
  fs.cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

/**
 * The workspace of `suiteFile` at `target`: a fresh copy of its fixtures, and its cdk.out when it needs one. Runs in
 * the runner's process, before VS Code starts: see cdk-assembly.js for why.
 * @returns {Promise<string>} `target`
 */
async function prepareWorkspace(suiteFile, target) {
  const { fixtures, cdkAssembly } = sessionOptions(suiteFile);
  copyFixtures(fixtures, target);
  if (cdkAssembly) await addCdkAssembly(target);
  return target;
}

/** User settings that keep the workbench quiet and offline; `trust` turns workspace trust on. */
function userSettings(trust) {
  return {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': trust,
    // With trust on, the folder then opens untrusted without a modal dialog: restricted mode.
    'security.workspace.trust.startupPrompt': 'never',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'files.autoSave': 'off',
    'workbench.tips.enabled': false,
  };
}

module.exports = { SUITE_DIR, copyFixtures, prepareWorkspace, sessionOptions, suiteFiles, userSettings };
