import type {
  DiffReport,
  IamChange,
  Replacement,
  SecurityGroupChange,
  StatementChange,
  StatementTargets,
} from '../diff/types';
import type { Finding } from '../report/types';
import type { Palette } from './color';

/** One table row: its cells, and the colour of the whole row. */
interface Row {
  readonly cells: readonly string[];
  readonly colour: (text: string) => string;
}

/**
 * `iacsec diff` for a person: a section for each kind of change that there is, in the order a reviewer
 * weighs them (security changes, replacements, new findings, resolved findings), then one line that sums it
 * up, marked ✖ when the exit code is 1. Rows that give more access are red, rows that take it away green.
 */
export function formatDiffStylish(report: DiffReport, colours: Palette, failing: boolean): string {
  const sections: string[] = [];
  const { iam, securityGroups } = report.securityChanges;
  const security = [
    subsection('IAM statements', statementRows(iam, colours), colours),
    subsection('Managed policies', managedPolicyRows(iam, colours), colours),
    subsection('IAM Identity Center', identityCenterRows(iam, colours), colours),
    subsection('Security group rules', groupRows(securityGroups, colours), colours),
  ].filter((text) => text !== '');
  if (security.length > 0) sections.push(`${heading('Security changes', colours)}${security.join('')}`);
  if (report.replacements.length > 0) {
    const rows = report.replacements.map((replacement) => replacementRow(replacement, colours));
    sections.push(`${heading('Replaced resources', colours)}${table(rows, '  ')}`);
  }
  if (report.introduced.length > 0) {
    const rows = report.introduced.map((finding) => findingRow(finding, colours));
    sections.push(`${heading('New findings', colours)}${table(rows, '  ')}`);
  }
  if (report.resolved.length > 0) {
    const rows = report.resolved.map((finding) => findingRow(finding, colours));
    sections.push(`${heading('Resolved findings', colours)}${table(rows, '  ')}`);
  }
  return `${sections.map((section) => `\n${section}`).join('')}\n${summaryLine(report, colours, failing)}\n`;
}

function heading(title: string, colours: Palette): string {
  return `${colours.bold(colours.underline(title))}\n`;
}

function subsection(title: string, rows: readonly Row[], colours: Palette): string {
  return rows.length <= 1 ? '' : `  ${colours.bold(title)}\n${table(rows, '    ')}`;
}

const HEADER_SIGN = ' ';

function statementRows(changes: readonly IamChange[], colours: Palette): Row[] {
  const statements = changes.filter((change): change is StatementChange => change.kind === 'statement');
  const header = [HEADER_SIGN, 'Effect', 'Action', 'Resource', 'Principal', 'Condition'];
  return [
    { cells: header, colour: colours.dim },
    ...statements.map((change) => ({
      cells:
        change.intrinsic === null
          ? [
              sign(change.change),
              change.effect,
              targets(change.actions),
              targets(change.resources),
              targets(change.principals),
              change.condition === null ? '' : JSON.stringify(change.condition),
            ]
          : [sign(change.change), '', '', change.intrinsic, targets(change.principals), ''],
      colour: changeColour(change.broadens, colours),
    })),
  ];
}

function managedPolicyRows(changes: readonly IamChange[], colours: Palette): Row[] {
  const rows: Row[] = [{ cells: [HEADER_SIGN, 'Identity', 'Managed policy'], colour: colours.dim }];
  for (const change of changes) {
    if (change.kind !== 'managed-policy') continue;
    rows.push({
      cells: [sign(change.change), change.identity, change.policyArn],
      colour: changeColour(change.broadens, colours),
    });
  }
  return rows;
}

const IDENTITY_CENTER_KINDS: { readonly [K in IamChange['kind']]?: string } = {
  'sso-permission-set': 'permission set',
  'sso-assignment': 'assignment',
  'sso-access-control': 'access-control attributes',
};

function identityCenterRows(changes: readonly IamChange[], colours: Palette): Row[] {
  const rows: Row[] = [{ cells: [HEADER_SIGN, 'Resource', 'Kind'], colour: colours.dim }];
  for (const change of changes) {
    if (change.kind === 'statement' || change.kind === 'managed-policy') continue;
    rows.push({
      cells: [sign(change.change), change.resource ?? '?', IDENTITY_CENTER_KINDS[change.kind] ?? change.kind],
      colour: changeColour(change.broadens, colours),
    });
  }
  return rows;
}

function groupRows(changes: readonly SecurityGroupChange[], colours: Palette): Row[] {
  return [
    { cells: [HEADER_SIGN, 'Group', 'Direction', 'Protocol', 'Peer'], colour: colours.dim },
    ...changes.map((change) => ({
      cells: [sign(change.change), change.group, change.direction, change.protocolText, change.peerText],
      colour: changeColour(change.broadens, colours),
    })),
  ];
}

function replacementRow(replacement: Replacement, colours: Palette): Row {
  const certainty = replacement.impact === 'will-replace' ? 'will be replaced' : 'may be replaced';
  const because = replacement.properties.length === 0 ? '' : ` (${replacement.properties.join(', ')})`;
  return {
    cells: [
      `${replacement.file}:${replacement.line}:${replacement.column}`,
      replacement.logicalId,
      replacement.type,
      `${certainty}${because}`,
    ],
    colour: replacement.impact === 'will-replace' ? colours.yellow : (text) => text,
  };
}

function findingRow(finding: Finding, colours: Palette): Row {
  const suppressed =
    finding.suppressed === undefined
      ? ''
      : ` (now suppressed by ${finding.suppressed.by}: ${oneLine(finding.suppressed.reason)})`;
  const severityColour =
    finding.severity === 'error' ? colours.red : finding.severity === 'warning' ? colours.yellow : colours.blue;
  return {
    cells: [
      colours.dim(`${finding.file}:${finding.line}:${finding.column}`),
      severityColour(finding.severity),
      oneLine(finding.message) + suppressed,
      colours.dim(finding.ruleId),
    ],
    colour: (text) => text,
  };
}

function summaryLine(report: DiffReport, colours: Palette, failing: boolean): string {
  const { summary } = report;
  if (
    summary.securityChanges + summary.replacements + summary.introduced + summary.resolved === 0 &&
    !summary.broadened
  ) {
    return `${colours.green('✔')} No security-relevant changes`;
  }
  const { error, warning, info } = summary.bySeverity;
  const parts = [
    `${plural(summary.securityChanges, 'security change')}${summary.broadened ? ' (access broadened)' : ''}`,
    `${plural(summary.introduced, 'new finding')} (${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(info, 'info')})`,
    plural(summary.resolved, 'resolved finding'),
    `${plural(summary.replacements, 'resource')} replaced`,
  ];
  return failing ? colours.red(colours.bold(`✖ ${parts.join(', ')}`)) : `${colours.green('✔')} ${parts.join(', ')}`;
}

/**
 * Rows with each column padded to its widest cell; the last column is not padded. Cells may already hold
 * escape codes (finding rows colour cell by cell), so widths are measured without them.
 */
function table(rows: readonly Row[], indent: string): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.cells.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, visibleLength(cell))));
  }
  return rows
    .map((row) => {
      const line = row.cells
        .map((cell, column) =>
          column === row.cells.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - visibleLength(cell)),
        )
        .join('  ')
        .trimEnd();
      return `${indent}${row.colour(line)}\n`;
    })
    .join('');
}

// eslint-disable-next-line no-control-regex -- the escape codes of our own palette
const ESCAPES = /\u001b\[\d+m/g;

function visibleLength(text: string): number {
  return text.replace(ESCAPES, '').length;
}

function sign(change: 'added' | 'removed'): string {
  return change === 'added' ? '+' : '-';
}

function targets(list: StatementTargets): string {
  return `${list.not ? 'NOT ' : ''}${list.values.join(', ')}`;
}

function changeColour(broadens: boolean, colours: Palette): (text: string) => string {
  return broadens ? colours.red : colours.green;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
