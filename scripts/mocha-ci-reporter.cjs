'use strict';
// Mocha's spec reporter, plus the run's counts written as JSON to $IACSEC_TEST_SUMMARY (when set), from which
// .ci/run prints its closing `N passed, N failed` line after npm's own output.
const fs = require('node:fs');
const Mocha = require('mocha');

const { EVENT_RUN_END } = Mocha.Runner.constants;

class CiReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = process.env.IACSEC_TEST_SUMMARY;
    if (!file) return;
    runner.once(EVENT_RUN_END, () => {
      // Failures include failed hooks, which stop the tests under them from running.
      const { passes = 0, failures = 0, pending = 0, tests = 0, duration = 0 } = this.stats;
      fs.writeFileSync(file, JSON.stringify({ passes, failures, pending, tests, duration }) + '\n');
    });
  }
}

module.exports = CiReporter;
