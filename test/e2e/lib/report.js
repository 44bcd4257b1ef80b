'use strict';
// The e2e runners' output: in-host reports printed as mocha's spec reporter prints, and the run's counts in the
// JSON shape of scripts/mocha-ci-reporter.cjs, which .ci/run adds to those of `npm test`.
const fs = require('node:fs');

function indent(text, spaces) {
  return text.replace(/^/gm, ' '.repeat(spaces));
}

/** Adds mocha's counts (a runner's stats, or a report's) to `totals`. */
function addStats(totals, stats) {
  for (const key of ['passes', 'failures', 'pending', 'tests']) totals[key] += stats?.[key] ?? 0;
}

/**
 * Prints the results of an in-host report, and adds its counts to `totals`.
 * @param {import('../suite/reporter').Report} report
 */
function printReport(report, totals) {
  let previous = [];
  for (const result of report.results) {
    const suites = result.titlePath.slice(0, -1);
    suites.forEach((title, depth) => {
      if (previous[depth] !== title) console.log(indent(title, 4 + 2 * depth));
    });
    previous = suites;
    const depth = 4 + 2 * suites.length;
    const title = result.titlePath.at(-1);
    if (result.state === 'passed') console.log(indent(`✔ ${title} (${result.duration}ms)`, depth));
    else if (result.state === 'pending') console.log(indent(`- ${title}`, depth));
    else console.log(indent(`✗ ${title}\n${indent(result.error?.stack ?? result.error?.message ?? '', 4)}`, depth));
  }
  addStats(totals, report.stats);
}

/** Writes the counts to $IACSEC_TEST_SUMMARY, when set. */
function writeSummary(totals, started) {
  const file = process.env.IACSEC_TEST_SUMMARY;
  if (!file) return;
  const { passes, failures, pending, tests } = totals;
  fs.writeFileSync(file, JSON.stringify({ passes, failures, pending, tests, duration: Date.now() - started }) + '\n');
}

function closingLine({ passes, failures, pending }, started) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `${passes} passed, ${failures} failed${pending > 0 ? `, ${pending} skipped` : ''} (${seconds} s)`;
}

module.exports = { addStats, closingLine, indent, printReport, writeSummary };
