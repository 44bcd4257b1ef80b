'use strict';
// Driving VS Code 1.100's workbench in chromium as a user does: keys, the quick input, editors and panels. The
// selectors are those E2E.md found to work; each wait has a timeout and says what did not appear.
const path = require('node:path');

/**
 * @param {import('playwright-core').Page} page
 * @param {string} artifacts folder of the screenshots
 */
function workbench(page, artifacts) {
  let shots = 0;
  const self = {
    page,

    /** A screenshot per step, numbered in order: the best debugging aid when a step fails. */
    async screenshot(step) {
      shots += 1;
      await page.screenshot({ path: path.join(artifacts, `${String(shots).padStart(2, '0')}-${step}.png`) });
    },

    async visible(locator, what, timeout = 15_000) {
      try {
        await locator.first().waitFor({ state: 'visible', timeout });
      } catch (error) {
        await self.screenshot(`missing-${what.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
        throw new Error(`${what} did not appear within ${timeout} ms (${error.message.split('\n')[0]})`);
      }
      return locator.first();
    },

    async ready() {
      await self.visible(page.locator('.monaco-workbench'), 'the workbench', 30_000);
    },

    /** Ctrl+P, the file's name, its row, Enter; resolves once its editor shows text. */
    async openFile(name) {
      await page.keyboard.press('Control+P');
      const input = await self.visible(page.locator('.quick-input-widget input'), 'the quick open box');
      await input.fill(name);
      await self.visible(
        page.locator('.quick-input-list .monaco-list-row', { hasText: name }),
        `the quick open row of ${name}`,
      );
      await page.keyboard.press('Enter');
      await self.visible(page.locator('.tab.active', { hasText: name }), `the editor tab of ${name}`);
      await self.visible(page.locator('.monaco-editor .view-lines'), `the text of ${name}`);
    },

    /** F1, the command's title, its row, Enter. */
    async runCommand(title) {
      await page.keyboard.press('F1');
      const input = await self.visible(page.locator('.quick-input-widget input'), 'the command palette');
      await input.fill(`>${title}`);
      await self.visible(
        page.locator('.quick-input-list .monaco-list-row', { hasText: title }),
        `the command ${title}`,
      );
      await page.keyboard.press('Enter');
    },

    /** Puts the cursor at a 1-based line and column through "Go to Line" (Ctrl+G). */
    async goTo(line, column) {
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+G');
      const input = await self.visible(page.locator('.quick-input-widget input'), 'the go-to-line box');
      await input.fill(`:${line}:${column}`);
      await page.keyboard.press('Enter');
      await self.visible(
        page.locator('#status\\.editor\\.selection', { hasText: `Ln ${line}, Col ${column}` }),
        `the cursor at line ${line}, column ${column}`,
      );
    },

    /** The Problems panel (Ctrl+Shift+M). */
    async problems() {
      await page.keyboard.press('Control+Shift+M');
      return self.visible(page.locator('.markers-panel'), 'the Problems panel');
    },
  };
  return self;
}

module.exports = { workbench };
