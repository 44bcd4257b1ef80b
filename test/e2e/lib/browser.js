'use strict';
// Debian's chromium through playwright-core (never `playwright install`), headless, with the session's XDG folders.
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A browser and one page, whose console lines (extension-host output included) are kept in `consoleLines`.
 * @param {{ env: NodeJS.ProcessEnv }} layout
 */
async function openBrowser(layout) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, env: layout.env });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  /** @type {string[]} */
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
  return { browser, page, consoleLines };
}

/**
 * Screenshots and logs of one test file, kept under test/e2e/.test-artifacts/<name>/ (gitignored).
 * @param {string} name
 */
function artifactsFolder(name) {
  const folder = path.join(__dirname, '..', '.test-artifacts', name);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

module.exports = { CHROMIUM, openBrowser, artifactsFolder };
