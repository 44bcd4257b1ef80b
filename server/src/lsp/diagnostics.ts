import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver/node';
import type { FileProblem } from '../parsing/errors';
import { DOCS_BASE_URL, docsUrl } from '../report/catalogue';
import type { Finding, ScanError } from '../report/types';
import type { Responsibility, Severity } from '../rules/types';
import { configNoteText } from './config-note';
import type { SeverityCustomizer } from './settings';
import type { ConfigNote, LintedFinding, LintedResult } from './worker-protocol';

const SOURCE = 'iacsec';

/** The customer's duty a finding leaves undone, as the hover and the audit name it. */
export const RESPONSIBILITY_LABELS: Readonly<Record<Responsibility, string>> = {
  'guest-os': 'guest operating system (updates and patches)',
  application: 'application software on the guest',
  firewall: 'firewall configuration',
  data: 'data stored on volumes',
};

export interface DiagnosticOptions {
  readonly docsBaseUrl?: string;
  readonly customizer?: SeverityCustomizer;
}

/** Turns one document's lint result into LSP diagnostics: the only place the server maps offsets to positions. */
export function toDiagnostics(
  result: LintedResult,
  document: TextDocument,
  options: DiagnosticOptions = {},
): Diagnostic[] {
  if (!result.iac) return [];
  // Engine offsets count from after a BOM; VS Code strips it, but another client may keep it in the buffer.
  const shift = result.bom && document.getText().charCodeAt(0) === 0xfeff ? 1 : 0;
  const range = (start: number, end: number): Range => ({
    start: document.positionAt(start + shift),
    end: document.positionAt(end + shift),
  });
  const diagnostics = result.problems.map((problem) =>
    problemDiagnostic(problem, range(problem.offset, problem.offset)),
  );
  for (const finding of result.findings) {
    // A suppressed finding is kept by the engine for reports that ask for it; the editor shows none of them.
    if (finding.suppressed !== undefined) continue;
    const severity = options.customizer?.severity(finding.ruleId, finding.severity) ?? finding.severity;
    if (severity === 'off') continue;
    diagnostics.push(findingDiagnostic(finding, severity, document.uri, range, options.docsBaseUrl));
  }
  return diagnostics;
}

/** The finding a diagnostic shows, found again by its rule and range (code actions receive diagnostics back). */
export function sameFinding(
  diagnostic: Diagnostic,
  finding: LintedFinding,
  range: (start: number, end: number) => Range,
): boolean {
  if (diagnostic.code !== finding.ruleId) return false;
  const own = range(finding.start, finding.end);
  return (
    own.start.line === diagnostic.range.start.line &&
    own.start.character === diagnostic.range.start.character &&
    own.end.line === diagnostic.range.end.line &&
    own.end.character === diagnostic.range.end.character
  );
}

function findingDiagnostic(
  finding: LintedFinding,
  severity: Severity,
  uri: string,
  range: (start: number, end: number) => Range,
  docsBaseUrl = DOCS_BASE_URL,
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: range(finding.start, finding.end),
    severity: toSeverity(severity),
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId, docsBaseUrl) },
    source: SOURCE,
    message: finding.message,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri, range: range(related.start, related.end) },
      message: related.message,
    }));
  }
  return diagnostic;
}

/** A detected template that could not be read: one error at the problem's position, named by its CLI error code. */
function problemDiagnostic(problem: FileProblem, range: Range): Diagnostic {
  return { range, severity: DiagnosticSeverity.Error, code: problem.code, source: SOURCE, message: problem.message };
}

/** A broken `.iacsec.yaml` governing the document: said once, at the top, while the defaults apply. */
export function configDiagnostic(note: ConfigNote): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: 'config',
    source: SOURCE,
    message: configNoteText(note),
  };
}

/**
 * Diagnostics for a file the audit linted but the editor has not opened, from the contract's 1-based lines and
 * columns (UTF-16 columns, as LSP's default position encoding).
 */
export function auditDiagnostics(
  uri: string,
  findings: readonly Finding[],
  errors: readonly ScanError[],
  options: DiagnosticOptions = {},
): Diagnostic[] {
  const at = (line: number, column: number) => ({ line: line - 1, character: column - 1 });
  const diagnostics: Diagnostic[] = errors.map((error) => ({
    range: { start: at(error.line, error.column), end: at(error.line, error.column) },
    severity: DiagnosticSeverity.Error,
    code: error.code,
    source: SOURCE,
    message: error.message,
  }));
  for (const finding of findings) {
    const severity = options.customizer?.severity(finding.ruleId, finding.severity) ?? finding.severity;
    if (severity === 'off') continue;
    const diagnostic: Diagnostic = {
      range: { start: at(finding.line, finding.column), end: at(finding.endLine, finding.endColumn) },
      severity: toSeverity(severity),
      code: finding.ruleId,
      // The synth's own findings of a CDK app (`cdk-nag/…`) have no iacsec page.
      ...(finding.theme !== null || finding.ruleId.startsWith('iacsec/')
        ? { codeDescription: { href: docsUrl(finding.ruleId, options.docsBaseUrl) } }
        : {}),
      source: SOURCE,
      message: finding.message,
    };
    if (finding.related !== undefined) {
      diagnostic.relatedInformation = finding.related.map((related) => ({
        location: {
          uri,
          range: { start: at(related.line, related.column), end: at(related.endLine, related.endColumn) },
        },
        message: related.message,
      }));
    }
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function toSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
  }
}
