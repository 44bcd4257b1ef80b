import { SEVERITIES, type Severity } from '../rules/types';
import type { Finding, ScanError, ScanReport, Summary } from './types';

export const TOOL_NAME = 'iacsec';

export interface ReportParts {
  readonly version: string;
  /** How many IaC files were found (see `Summary.files`). */
  readonly files: number;
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
  /** Keep suppressed findings in `findings`; they are counted in `summary.suppressed` either way. */
  readonly includeSuppressed?: boolean;
}

/** The whole JSON document, with findings and errors in the contract's deterministic order. */
export function buildReport(parts: ReportParts): ScanReport {
  const all = [...parts.findings].sort(compareFindings);
  const errors = [...parts.errors].sort(compareErrors);
  return {
    version: 1,
    tool: { name: TOOL_NAME, version: parts.version },
    findings: parts.includeSuppressed === true ? all : all.filter((finding) => finding.suppressed === undefined),
    errors,
    summary: summarise(parts.files, all, errors),
  };
}

function summarise(files: number, findings: readonly Finding[], errors: readonly ScanError[]): Summary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let suppressed = 0;
  for (const finding of findings) {
    if (finding.suppressed !== undefined) suppressed++;
    else bySeverity[finding.severity]++;
  }
  return { files, findings: findings.length - suppressed, errors: errors.length, suppressed, bySeverity };
}

/** Whether any finding no suppression covers is at or above the threshold: what exit code 1 means. */
export function hasFindingAtOrAbove(findings: readonly Finding[], threshold: Severity): boolean {
  const rank = SEVERITIES.indexOf(threshold);
  return findings.some((finding) => finding.suppressed === undefined && SEVERITIES.indexOf(finding.severity) <= rank);
}

/**
 * File, then offset, then rule id. Within one file line and column order is offset order; the sort is stable,
 * so findings equal on all three keep the engine's own order (by end, then message).
 */
export function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId);
}

export function compareErrors(a: ScanError, b: ScanError): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.message, b.message);
}

/** Code-unit order, not locale order: the same output on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
