import type { Hover, MarkupContent, Position } from 'vscode-languageserver/node';
import type { EngineFinding } from '../engine/finding';
import { docsUrl, ENGINE_RULE_TITLES } from '../report/catalogue';
import type { Rule, Tool } from '../rules/types';
import { RESPONSIBILITY_LABELS } from './diagnostics';
import type { LintedDocument } from './document-linting';
import type { LintedFinding } from './worker-protocol';

const TOOL_NAMES: Readonly<Record<Tool, string>> = {
  checkov: 'checkov',
  cfnNag: 'cfn_nag',
  kics: 'KICS',
  cdkNag: 'cdk-nag',
  trivy: 'trivy',
};

/**
 * The hover on a flagged node, from the last lint: for each finding under the cursor, the rule's title, why it
 * matters, which side of the shared-responsibility model owns it, how to fix it and the same check elsewhere.
 */
export function hoverAt(linted: LintedDocument, position: Position, rules: ReadonlyMap<string, Rule>): Hover | null {
  const offset = offsetIn(linted, position);
  const shown = findingsAt(linted, offset);
  if (shown.length === 0) return null;
  const first = shown[0] as LintedFinding;
  const contents: MarkupContent = {
    kind: 'markdown',
    value: shown
      .map(
        (finding) =>
          `${describeRule(finding, rules.get(finding.ruleId))}\n\n[Documentation](${docsUrl(finding.ruleId, linted.settings.docs.baseUrl)})`,
      )
      .join('\n\n---\n\n'),
  };
  const start = linted.snapshot.positionAt(first.start + bomShift(linted));
  const end = linted.snapshot.positionAt(first.end + bomShift(linted));
  return { contents, range: { start, end } };
}

/** The unsuppressed findings shown in the editor whose range holds `offset` (an offset after any BOM). */
export function findingsAt(linted: LintedDocument, offset: number, end = offset): LintedFinding[] {
  return linted.result.findings.filter(
    (finding) =>
      finding.suppressed === undefined &&
      finding.start <= end &&
      offset <= finding.end &&
      linted.customizer.severity(finding.ruleId, finding.severity) !== 'off',
  );
}

/** Engine offsets count after a BOM; a client that keeps the BOM in its buffer counts it. */
export function bomShift(linted: LintedDocument): number {
  return linted.result.bom && linted.snapshot.getText().charCodeAt(0) === 0xfeff ? 1 : 0;
}

export function offsetIn(linted: LintedDocument, position: Position): number {
  return linted.snapshot.offsetAt(position) - bomShift(linted);
}

/** A finding explained: the rule's title, why it matters, whose job it is, how to fix it, the same check elsewhere. */
export function describeRule(
  finding: Pick<EngineFinding, 'ruleId' | 'severity' | 'message'>,
  rule: Rule | undefined,
): string {
  const severity = finding.severity;
  const lines: string[] = [];
  const title = rule?.meta.title ?? ENGINE_RULE_TITLES[finding.ruleId] ?? finding.ruleId;
  lines.push(`**${escape(title)}** · \`${finding.ruleId}\` · ${severity}`, '', escape(finding.message));
  if (rule !== undefined) {
    const duty = RESPONSIBILITY_LABELS[rule.meta.responsibility];
    lines.push(
      '',
      `**Why it matters.** ${escape(rule.meta.rationale)}`,
      '',
      `**Whose job.** The customer's: ${duty}. AWS secures the cloud itself; this is the customer's half of the shared-responsibility model.`,
      '',
      `**How to fix.** ${escape(rule.meta.remediation)}`,
    );
    const peers = rule.meta.references.map(
      (reference) =>
        `${TOOL_NAMES[reference.tool]} \`${reference.id}\`${reference.match === 'related' ? ' (related)' : ''}`,
    );
    if (peers.length > 0) lines.push('', `**Same check in other tools.** ${peers.join(' · ')}`);
  }
  return lines.join('\n');
}

/** Template text in a message (logical ids, values) must not turn into Markdown links, images or HTML. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|~]/g, (character) => `\\${character}`);
}
