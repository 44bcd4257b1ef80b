import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver/node';
import type { EngineFinding } from '../engine/finding';
import type { DocumentResult } from '../engine/linter';
import type { FileProblem } from '../parsing/errors';
import { DOCS_BASE_URL, docsUrl } from '../report/catalogue';
import type { Severity } from '../rules/types';

const SOURCE = 'iacsec';

/** Turns one document's lint result into LSP diagnostics: the only place the server maps offsets to positions. */
export function toDiagnostics(
  result: DocumentResult,
  document: TextDocument,
  docsBaseUrl = DOCS_BASE_URL,
): Diagnostic[] {
  if (!result.iac) return [];
  // Engine offsets count from after a BOM; VS Code strips it, but another client may keep it in the buffer.
  const shift = result.bom && document.getText().charCodeAt(0) === 0xfeff ? 1 : 0;
  const range = (start: number, end: number): Range => ({
    start: document.positionAt(start + shift),
    end: document.positionAt(end + shift),
  });
  return [
    ...result.problems.map((problem) => problemDiagnostic(problem, range(problem.offset, problem.offset))),
    // A suppressed finding is kept by the engine for reports that ask for it; the editor shows none of them.
    ...result.findings
      .filter((finding) => finding.suppressed === undefined)
      .map((finding) => findingDiagnostic(finding, document.uri, range, docsBaseUrl)),
  ];
}

function findingDiagnostic(
  finding: EngineFinding,
  uri: string,
  range: (start: number, end: number) => Range,
  docsBaseUrl: string,
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: range(finding.start, finding.end),
    severity: toSeverity(finding.severity),
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
