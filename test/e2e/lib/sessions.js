'use strict';
// What a test file's VS Code starts with, whichever runs it (code-server here, @vscode/test-electron elsewhere):
// the fixture workspace it gets a fresh copy of, whether workspace trust is on, and the user settings.
const fs = require('node:fs');
const path = require('node:path');

const SUITE_DIR = path.resolve(__dirname, '../suite');
const FIXTURES = path.resolve(__dirname, '../fixtures');

/**
 * Suite files that need more than the defaults (the `cloudformation` fixtures, trust off). A Terraform JSON or
 * CDK suite with a workspace of its own adds a line here and a folder under fixtures/.
 * @type {Record<string, { fixtures?: string, trust?: boolean }>}
 */
const SESSIONS = {
  // Workspace trust on and the folder not trusted: restricted mode.
  'restricted-mode.suite.js': { fixtures: 'restricted', trust: true },
};

/** @returns {{ fixtures: string, trust: boolean }} */
function sessionOptions(suiteFile) {
  const { fixtures = 'cloudformation', trust = false } = SESSIONS[suiteFile] ?? {};
  return { fixtures, trust };
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

module.exports = { SUITE_DIR, copyFixtures, sessionOptions, suiteFiles, userSettings };
