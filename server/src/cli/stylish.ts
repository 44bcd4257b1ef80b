import { compareText } from '../report/document';
import type { ErrorCode, Finding, ScanError, ScanReport } from '../report/types';
import type { Palette } from './color';

interface Row {
  readonly position: string;
  readonly severity: string;
  readonly message: string;
  readonly rule: string;
  readonly colour: (text: string) => string;
}

const ERROR_LABELS: { readonly [C in ErrorCode]: string } = {
  read: 'Read error',
  parse: 'Parse error',
  limit: 'Over a limit',
  internal: 'Internal error',
};

/**
 * eslint's stylish format: each file's path, then one aligned row per problem (`line:col  severity  message
 * rule-id`), then a total. Files that could not be linted list their error in the same table, and count as
 * errors in the total, as eslint counts a fatal parse error.
 */
export function formatStylish(report: ScanReport, colours: Palette): string {
  const byFile = new Map<string, Row[]>();
  const rowsOf = (file: string): Row[] => {
    let rows = byFile.get(file);
    if (rows === undefined) byFile.set(file, (rows = []));
    return rows;
  };
  for (const error of report.errors) rowsOf(error.file).push(errorRow(error, colours));
  // A CDK finding is listed at the line of the app that made the resource, then the template's location.
  for (const finding of report.findings)
    rowsOf(finding.source?.file ?? finding.file).push(findingRow(finding, colours));

  const { summary } = report;
  const errors = summary.bySeverity.error + summary.errors;
  const total = errors + summary.bySeverity.warning + summary.bySeverity.info;
  if (byFile.size === 0) {
    const files = summary.files === 0 ? 'no IaC files found' : `${plural(summary.files, 'IaC file')} linted`;
    return `${colours.green('✔')} No problems (${files})\n`;
  }
  let out = '';
  for (const file of [...byFile.keys()].sort(compareText)) {
    out += `\n${colours.underline(file)}\n${table(byFile.get(file) ?? [], colours)}`;
  }
  const counts = `${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(summary.bySeverity.warning, 'warning')}, ${plural(summary.bySeverity.info, 'info')})`;
  const colour = errors > 0 ? colours.red : summary.bySeverity.warning > 0 ? colours.yellow : colours.blue;
  // Only suppressed findings listed (--include-suppressed): nothing counts against the scan.
  out += total === 0 ? `\n${colours.green('✔')} No problems\n` : `\n${colour(colours.bold(`✖ ${counts}`))}\n`;
  return out;
}

function findingRow(finding: Finding, colours: Palette): Row {
  const suppressed =
    finding.suppressed === undefined ? '' : ` (suppressed by ${finding.suppressed.by}: ${finding.suppressed.reason})`;
  const source = finding.source;
  const template =
    source === undefined
      ? ''
      : ` (${finding.file}:${finding.line}:${finding.column}${finding.constructPath === undefined ? '' : ` ${finding.constructPath}`}${source.approximate === true ? ', nearest construct' : ''})`;
  return {
    position: source === undefined ? `${finding.line}:${finding.column}` : `${source.line}:${source.column}`,
    severity: finding.suppressed === undefined ? finding.severity : 'off',
    message: oneLine(finding.message) + suppressed + template,
    rule: finding.ruleId,
    colour: finding.suppressed !== undefined ? colours.dim : severityColour(finding.severity, colours),
  };
}

function errorRow(error: ScanError, colours: Palette): Row {
  return {
    position: `${error.line}:${error.column}`,
    severity: 'error',
    message: `${ERROR_LABELS[error.code]}: ${oneLine(error.message)}`,
    rule: '',
    colour: colours.red,
  };
}

/** Pads each column to its widest cell before colouring, so escape codes never upset the alignment. */
function table(rows: readonly Row[], colours: Palette): string {
  const width = (pick: (row: Row) => string): number => Math.max(0, ...rows.map((row) => pick(row).length));
  const positionWidth = width((row) => row.position);
  const severityWidth = width((row) => row.severity);
  const messageWidth = width((row) => row.message);
  return rows
    .map((row) => {
      const cells = [
        colours.dim(row.position.padEnd(positionWidth)),
        row.colour(row.severity.padEnd(severityWidth)),
        row.rule === '' ? row.message : row.message.padEnd(messageWidth),
      ];
      if (row.rule !== '') cells.push(colours.dim(row.rule));
      return `  ${cells.join('  ')}\n`;
    })
    .join('');
}

function severityColour(severity: Finding['severity'], colours: Palette): (text: string) => string {
  return severity === 'error' ? colours.red : severity === 'warning' ? colours.yellow : colours.blue;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
