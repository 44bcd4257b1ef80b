'use strict';
// Mocha's spec reporter (the extension host's console), plus every result written as JSON to the file named by
// the `output` reporter option: the runner outside VS Code waits for that file, since the window stays open.
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

/**
 * @typedef {{ titlePath: string[], state: 'passed' | 'failed' | 'pending', duration: number,
 *   error?: { message: string, stack?: string } }} Result
 * @typedef {{ stats: { passes: number, failures: number, pending: number, tests: number, duration: number },
 *   results: Result[] }} Report
 */

class JsonFileReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const output = options?.reporterOption?.output;
    /** @type {Result[]} */
    const results = [];
    const record = (state) => (test, error) =>
      results.push({
        titlePath: test.titlePath(),
        state,
        duration: test.duration ?? 0,
        ...(error ? { error: { message: String(error.message ?? error), stack: error.stack } } : {}),
      });
    runner.on(EVENT_TEST_PASS, record('passed'));
    // Failed hooks too: they stop the tests under them.
    runner.on(EVENT_TEST_FAIL, record('failed'));
    runner.on(EVENT_TEST_PENDING, record('pending'));
    runner.once(EVENT_RUN_END, () => {
      if (!output) return;
      const { passes = 0, failures = 0, pending = 0, tests = 0, duration = 0 } = this.stats;
      writeReport(output, { stats: { passes, failures, pending, tests, duration }, results });
    });
  }
}

/**
 * Written whole, then renamed into place, so that the waiting runner never reads half a report.
 * @param {string} file
 * @param {Report} report
 */
function writeReport(file, report) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.part`, JSON.stringify(report, null, 2));
  fs.renameSync(`${file}.part`, file);
}

module.exports = JsonFileReporter;
module.exports.writeReport = writeReport;
