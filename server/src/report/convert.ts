import * as path from 'node:path';
import type { ConfigMessage } from '../config/types';
import type { EngineFinding } from '../engine/finding';
import type { DocumentResult, Linter } from '../engine/linter';
import type { ErrorCode, FileProblem } from '../parsing/errors';
import { TOOLS, type Rule, type Tool } from '../rules/types';
import { LineIndex } from './positions';
import type { Finding, References, ScanError, TextResult } from './types';

/** Finds a rule's meta by id (a `RuleSet` is one); engine findings such as `iacsec/rule-failed` have none. */
export interface RuleLookup {
  rule(id: string): Rule | undefined;
}

/** A path as the contract shows it: relative to the working directory, `/`-separated. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

/** What linting one text gave, in contract objects; `iac` says whether it counts as an IaC file found. */
export interface LintedText extends TextResult {
  readonly iac: boolean;
  /** The template's resources (id and type), for an audit's inventory; empty when it could not be read. */
  readonly resources: DocumentResult['resources'];
}

/**
 * Lints one text and converts the result. `file` is handed to the engine (detection looks at its name) and
 * `shown` is the contract's path. The engine turns its own failures into problems; this catches what escapes
 * it, so one bad file is an `internal` error in the report, never a crashed scan.
 */
export function lintSource(linter: Linter, text: string, file: string, shown: string): LintedText {
  let result: DocumentResult;
  try {
    result = linter.lint(text, file);
  } catch (error) {
    const message = `iacsec failed on this file: ${error instanceof Error ? error.message : String(error)}`;
    return { iac: true, findings: [], errors: [scanError(shown, 'internal', message)], resources: [] };
  }
  return { iac: result.iac, resources: result.resources, ...convertDocument(text, result, shown, linter.ruleSet) };
}

/**
 * Turns what the engine said about one text into contract objects. `rawText` is the text as read (with any
 * BOM): the engine's offsets count from after the BOM, so the line index is built over the same text.
 */
export function convertDocument(rawText: string, result: DocumentResult, file: string, rules: RuleLookup): TextResult {
  if (result.findings.length === 0 && result.problems.length === 0) return { findings: [], errors: [] };
  const index = new LineIndex(result.bom ? rawText.slice(1) : rawText);
  return {
    findings: result.findings.map((finding) => convertFinding(finding, file, index, rules)),
    errors: result.problems.map((problem) => problemToError(file, problem, index)),
  };
}

function convertFinding(finding: EngineFinding, file: string, index: LineIndex, rules: RuleLookup): Finding {
  const converted: Finding = {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    severity: finding.severity,
    theme: finding.theme,
    responsibility: finding.responsibility,
    message: finding.message,
    file,
    ...index.span(finding.start, finding.end),
    resource: finding.resource === undefined ? null : { id: finding.resource.id, type: finding.resource.type },
    fixes: finding.fixes.map((fix) => ({ title: fix.title, safe: fix.safe })),
    references: referencesOf(rules.rule(finding.ruleId)),
  };
  const related =
    finding.related.length === 0
      ? undefined
      : finding.related.map((location) => ({ message: location.message, ...index.span(location.start, location.end) }));
  // Kept on every suppressed finding; `buildReport` drops the finding itself unless suppressed ones are asked for.
  const suppressed =
    finding.suppressed === undefined ? undefined : { by: finding.suppressed.by, reason: finding.suppressed.reason };
  if (related === undefined && suppressed === undefined) return converted;
  return {
    ...converted,
    ...(related === undefined ? {} : { related }),
    ...(suppressed === undefined ? {} : { suppressed }),
  };
}

/** Peer-tool ids by tool, in the order the rule's meta lists them; every tool key is present. */
export function referencesOf(rule: Rule | undefined): References {
  const byTool = Object.fromEntries(TOOLS.map((tool) => [tool, [] as string[]])) as Record<Tool, string[]>;
  for (const reference of rule?.meta.references ?? []) {
    const ids = byTool[reference.tool];
    if (!ids.includes(reference.id)) ids.push(reference.id);
  }
  return byTool;
}

/** An engine problem as a contract error, positioned through the index when there is one. */
export function problemToError(file: string, problem: FileProblem, index: LineIndex | undefined): ScanError {
  const position = index?.position(problem.offset) ?? { line: 1, column: 1 };
  return scanError(file, problem.code, problem.message, position);
}

export function scanError(
  file: string,
  code: ErrorCode,
  message: string,
  position = { line: 1, column: 1 },
): ScanError {
  return { file, line: position.line, column: position.column, code, message };
}

/** Where a configuration message points, as the CLI names it: `path:line:column`, the path relative to `cwd`. */
export function configLocation(issue: ConfigMessage, cwd: string): string {
  return `${displayPath(issue.file, cwd)}:${issue.line}:${issue.column}`;
}
