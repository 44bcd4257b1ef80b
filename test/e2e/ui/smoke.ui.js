'use strict';
// UI smoke tests, as a user: the VSIX as shipped, installed into a fresh code-server (`--install-extension`),
// driven by chromium. Open a template, see the squiggle and the Problems entry, apply the preferred fix with
// Ctrl+. and Enter, save; then audit the workspace from the command palette and see the report and its progress.
// Screenshots of each step: test/e2e/.test-artifacts/ui-smoke/.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, describe, it } = require('mocha');
const { artifactsFolder, openBrowser } = require('../lib/browser');
const { installExtension, sessionLayout, startCodeServer } = require('../lib/code-server');
const { copyFixtures } = require('../lib/sessions');
const { packageVsix } = require('../lib/vsix');
const { waitFor } = require('../lib/waits');
const { workbench } = require('../lib/workbench');

const QUEUE_FIXED = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Jobs": {
      "Type": "AWS::SQS::Queue",
      "Properties": {
        "QueueName": "jobs",
        "SqsManagedSseEnabled": true
      }
    }
  }
}
`;

describe('UI smoke test: the VSIX in code-server, through chromium', function () {
  this.timeout(60_000);
  /** @type {string} */
  let dir;
  /** @type {ReturnType<typeof sessionLayout>} */
  let layout;
  /** @type {string} */
  let workspace;
  /** @type {string} */
  let artifacts;
  /** @type {Awaited<ReturnType<typeof startCodeServer>> | undefined} */
  let server;
  /** @type {Awaited<ReturnType<typeof openBrowser>> | undefined} */
  let browser;
  /** @type {ReturnType<typeof workbench>} */
  let ui;

  before(async function () {
    this.timeout(240_000);
    artifacts = artifactsFolder('ui-smoke');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacsec-e2e-ui-'));
    layout = sessionLayout(dir);
    workspace = path.join(dir, 'ws');
    // The runner packages once for the whole run; alone, this file packages for itself.
    const vsix = process.env.IACSEC_E2E_VSIX || packageVsix(path.join(dir, 'iacsec.vsix'));
    installExtension(layout, vsix);
    copyFixtures('cloudformation', workspace);
    const app = fs.readFileSync(path.join(workspace, 'stacks', 'app.yaml'), 'utf8');
    fs.mkdirSync(path.join(workspace, 'bulk'));
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(workspace, 'bulk', `s${i}.yaml`), app);
    server = await startCodeServer(layout, { workspace });
    browser = await openBrowser(layout);
    ui = workbench(browser.page, artifacts);
    await browser.page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
    await ui.ready();
    await ui.screenshot('workbench');
  });

  after(async () => {
    if (browser) fs.writeFileSync(path.join(artifacts, 'console.log'), browser.consoleLines.join('\n') + '\n');
    if (layout && fs.existsSync(layout.log)) fs.copyFileSync(layout.log, path.join(artifacts, 'code-server.log'));
    await browser?.browser.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens a template with Ctrl+P and shows the squiggle and the Problems entry', async () => {
    await ui.openFile('queue.json');
    await ui.visible(ui.page.locator('.monaco-editor .squiggly-warning'), 'the warning squiggle in queue.json');
    await ui.screenshot('squiggle');
    const problems = await ui.problems();
    await ui.visible(
      problems.locator('.monaco-list-row', { hasText: 'Neither SqsManagedSseEnabled nor KmsMasterKeyId is set' }),
      'the Problems entry of encryption/sqs-queue-encryption',
    );
    assert.match(await problems.innerText(), /encryption\/sqs-queue-encryption/);
    await ui.screenshot('problems');
  });

  it('applies the preferred fix with Ctrl+. and Enter, saves it with Ctrl+S, and the problem is gone', async () => {
    const file = path.join(workspace, 'stacks', 'queue.json');
    // The finding is on the Properties key, line 6, column 7.
    await ui.goTo(6, 8);
    await ui.page.keyboard.press('Control+.');
    const menu = await ui.visible(ui.page.locator('.action-widget'), 'the quick fix menu');
    await ui.visible(
      menu.locator('.monaco-list-row.focused', {
        hasText: 'Declare the default encryption (SSE-SQS, SqsManagedSseEnabled: true) explicitly',
      }),
      'the preferred fix, focused, in the quick fix menu',
    );
    await ui.screenshot('quick-fix-menu');
    // Enter, not a click: the menu's pointer-block overlay takes clicks.
    await ui.page.keyboard.press('Enter');
    // VS Code resolves the action's edit from the server first: save once the edit is in the buffer.
    await ui.visible(
      ui.page.locator('.monaco-editor .view-lines', { hasText: '"SqsManagedSseEnabled": true' }),
      'the fix in the editor',
    );
    await ui.page.keyboard.press('Control+S');
    await waitFor(
      'the fix in queue.json on disk',
      () => (fs.readFileSync(file, 'utf8') === QUEUE_FIXED ? true : undefined),
      {
        describe: () => JSON.stringify(fs.readFileSync(file, 'utf8')),
      },
    );
    await ui.visible(
      ui.page.getByText('No problems have been detected in the workspace'),
      'the empty Problems panel after the fix',
    );
    await ui.screenshot('fixed-and-saved');
  });

  it('audits the workspace from the command palette, shows its progress, the report and the findings in Problems', async () => {
    // The audit shows its progress in a notification with a Cancel button (the server's work-done reports on the
    // client's token); with the 300 templates of bulk/ it lasts long enough to be drawn. Record every text it shows.
    await ui.page.evaluate(() => {
      const { document, MutationObserver } = globalThis;
      const seen = [];
      globalThis.iacsecProgress = seen;
      new MutationObserver(() => {
        for (const item of document.querySelectorAll('.notification-list-item')) {
          const text = item.textContent ?? '';
          if (text.includes('iacsec: auditing')) seen.push(text.replace(/\s+/g, ' ').trim());
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await ui.runCommand('iacsec: Audit Workspace');
    await ui.visible(ui.page.locator('.tab', { hasText: 'iacsec audit' }), 'the "iacsec audit" tab', 30_000);
    // The webview's page sits in an iframe inside the webview's own iframe.
    const report = ui.page.frameLocator('iframe.webview.ready').frameLocator('iframe');
    await ui.visible(report.locator('h1', { hasText: 'iacsec audit' }), 'the heading of the report');
    await ui.visible(report.getByText('305 files', { exact: true }), 'the number of audited files in the report');
    await ui.screenshot('audit-report');
    const progress = await ui.page.evaluate(() => globalThis.iacsecProgress);
    assert.ok(
      progress.some((text) => text.includes('Cancel') && /iacsec: auditing the workspace: \d+ of 308 files/.test(text)),
      `no cancellable progress of the audit in a notification among ${JSON.stringify([...new Set(progress)])}`,
    );
    const problems = await ui.problems();
    await ui.page.getByPlaceholder('Filter (e.g. text, **/*.ts, !**/node_modules/**)').fill('stacks/app.yaml');
    await ui.visible(
      problems.locator('.monaco-list-row', { hasText: /^app\.yaml\s*stacks\s*7$/ }),
      'stacks/app.yaml (not open) with its 7 findings in Problems',
    );
    await ui.screenshot('audit-problems');
  });
});
