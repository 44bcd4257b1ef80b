import { table } from '../../bench/table';
import { lineColumn } from './corpus-files';
import type { Sweep } from './sweep';

const SAMPLES_PER_RULE = 3;

interface RuleTally {
  severity: string;
  findings: number;
  files: Set<string>;
  samples: string[];
}

/**
 * The sweep as a reader scans it for false positives: findings per rule, the totals, and a few findings of each
 * rule as `file:line:col message`, clickable in a terminal.
 */
export function formatSummary(sweep: Sweep): string {
  const tallies = new Map<string, RuleTally>();
  let templates = 0;
  let problems = 0;
  let findings = 0;
  for (const swept of sweep.files) {
    const result = swept.result;
    if (result === undefined) continue;
    if (result.iac) templates++;
    problems += result.problems.length;
    for (const finding of result.findings) {
      findings++;
      let tally = tallies.get(finding.ruleId);
      if (tally === undefined)
        tallies.set(
          finding.ruleId,
          (tally = { severity: finding.severity, findings: 0, files: new Set(), samples: [] }),
        );
      tally.findings++;
      // One sample per file, so the samples show three places rather than one template three times.
      const firstInFile = !tally.files.has(swept.file);
      tally.files.add(swept.file);
      if (firstInFile && tally.samples.length < SAMPLES_PER_RULE) {
        const { line, column } = lineColumn(swept.text, finding.start);
        tally.samples.push(`${swept.file}:${line}:${column} ${finding.message}`);
      }
    }
  }
  const sorted = [...tallies.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = sorted.map(([id, tally]) => [id, tally.severity, String(tally.findings), String(tally.files.size)]);
  const lines = [
    '',
    `corpus sweep: ${sweep.files.length} files, ${templates} templates, ${sweep.files.length - templates} not IaC, ` +
      `${problems} errors, ${findings} findings, ${Math.round(sweep.millis)} ms`,
    '',
    ...table(['rule', 'severity', 'findings', 'files'], rows.length > 0 ? rows : [['(no findings)', '', '', '']]),
  ];
  for (const [id, tally] of sorted) {
    lines.push('', `${id}:`, ...tally.samples.map((sample) => `  ${sample}`));
  }
  return lines.join('\n');
}
