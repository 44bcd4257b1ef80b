'use strict';
// The titles of the e2e tests without running them (mocha's dry run), for the one case in which they are
// reported as skipped: chromium cannot be installed. Suite files need `vscode`, and the UI tests playwright-core
// and code-server, none of which loads here, so any package that cannot be found is a stand-in while listing.
const Module = require('node:module');

const STAND_IN_PREFIX = '\0iacsec-e2e-stand-in:';

/** A value that is every property, function and constructor at once. */
function standIn() {
  const target = function () {};
  const proxy = new Proxy(target, {
    get: (_, key) => (key === Symbol.toPrimitive ? () => '' : proxy),
    apply: () => proxy,
    construct: () => proxy,
  });
  return proxy;
}

/**
 * @param {string[]} files absolute paths of mocha files
 * @returns {Promise<string[][]>} the title path of each test
 */
async function listTests(files) {
  const original = Module._resolveFilename;
  Module._resolveFilename = function resolve(request, ...rest) {
    try {
      return original.call(this, request, ...rest);
    } catch (error) {
      if (request.startsWith('.') || request.startsWith('/')) throw error;
      const id = `${STAND_IN_PREFIX}${request}`;
      if (!require.cache[id]) {
        const module = new Module(id);
        module.exports = standIn();
        module.loaded = true;
        require.cache[id] = module;
      }
      return id;
    }
  };
  try {
    const Mocha = require('mocha');
    const mocha = new Mocha({ dryRun: true, reporter: class Silent {} });
    for (const file of files) mocha.addFile(file);
    const titles = [];
    await new Promise((resolve) => {
      const runner = mocha.run(() => resolve(undefined));
      runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test) => titles.push(test.titlePath()));
      runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test) => titles.push(test.titlePath()));
    });
    return titles;
  } finally {
    Module._resolveFilename = original;
  }
}

module.exports = { listTests };
