// Regenerates the rule table in README.md from the compiled catalogue (run after `npm run build`).
// `--check` exits 1 when the README is out of date instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { ruleTable } = require(`${root}server/out/src/report/rule-table.js`);
const { allRules } = require(`${root}server/out/src/rules/index.js`);

const readmePath = `${root}README.md`;
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- rules:start -->';
const end = '<!-- rules:end -->';
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from === -1 || to === -1) {
  console.error(`README.md has no ${start} … ${end} block`);
  process.exit(2);
}
const updated = `${readme.slice(0, from + start.length)}\n${ruleTable(allRules)}${readme.slice(to)}`;
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md rule table is out of date: run `npm run docs:rules`');
    process.exit(1);
  }
} else {
  writeFileSync(readmePath, updated);
}
