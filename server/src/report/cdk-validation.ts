import * as path from 'node:path';
import type { CdkAssembly, CdkTemplate, ValidationFinding } from '../cdk/types';
import { VALIDATION_REPORT } from '../cdk/validation-report';
import type { Linter } from '../engine/linter';
import { templateOf } from '../model/adapt';
import { readDocument } from '../parsing/detect';
import type { Rule, Tool } from '../rules/types';
import type { CdkOrigins } from './cdk';
import { displayPath, referencesOf, type RuleLookup } from './convert';
import { LineIndex, type Span } from './positions';
import type { Finding } from './types';

/** Plugin names as the synth's report writes them, and the slug that prefixes their rule ids. */
const KNOWN_TOOLS: Readonly<Record<string, string>> = {
  'cloudformation validate': 'cfn-validate',
  'cdk-nag': 'cdk-nag',
};

/** The peer tools whose ids rules name in their references, by slug: their findings may duplicate ours. */
const PEERS: Readonly<Record<string, Tool>> = {
  'cdk-nag': 'cdkNag',
  checkov: 'checkov',
  'cfn-nag': 'cfnNag',
  kics: 'kics',
  trivy: 'trivy',
};

const MESSAGE_ID = 'validation';
const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** What linting one template of the assembly gave, for placing the synth's findings on it. */
export interface LintedTemplate {
  /** The text as linted (with any BOM). */
  readonly text: string;
  /** The template's path as the report shows it. */
  readonly shown: string;
  /** iacsec's own findings in it, suppressed ones included: a peer's duplicate of either is left out. */
  readonly findings: readonly Finding[];
  readonly linter: Pick<Linter, 'limits'> & { readonly ruleSet: RuleLookup };
}

/**
 * The findings the synth itself recorded (`validation-report.json`: CloudFormation Validate, cdk-nag) as
 * findings of severity `info`, each on its resource's logical id in its template and attributed by its rule id
 * (`cdk-nag/AwsSolutions-S1`) and message. A peer's finding that a rule of iacsec reports on the same resource
 * as an `equivalent` check is left out, so nothing is counted twice.
 */
export class CdkValidation {
  private readonly byTemplate = new Map<string, ValidationFinding[]>();
  private readonly unplaced: ValidationFinding[] = [];

  constructor(private readonly assembly: CdkAssembly) {
    for (const finding of assembly.validation) {
      const template = this.templateOf(finding);
      if (template === undefined) this.unplaced.push(finding);
      else {
        const placed = this.byTemplate.get(template.file);
        if (placed === undefined) this.byTemplate.set(template.file, [finding]);
        else placed.push(finding);
      }
    }
  }

  /** The synth's findings on `template`, placed once iacsec has linted it. */
  on(template: CdkTemplate, origins: CdkOrigins): TemplateValidation {
    return new TemplateValidation(template, origins, this.byTemplate.get(template.file) ?? []);
  }

  /** Findings that name no template of the assembly: at the start of the validation report itself. */
  unplacedFindings(cwd: string): Finding[] {
    const shown = displayPath(path.join(this.assembly.outdir, VALIDATION_REPORT), cwd);
    return this.unplaced.map((finding) => ({ ...toFinding(finding, shown, START, null), ...constructOf(finding) }));
  }

  /** By the report's template path, else by the construct path: the resource's, else its stack's. */
  private templateOf(finding: ValidationFinding): CdkTemplate | undefined {
    const { templates } = this.assembly;
    const named = templates.find((template) => template.file === finding.template);
    const constructPath = finding.constructPath;
    if (named !== undefined || constructPath === undefined) return named;
    const owner = templates.find((template) => logicalIdAt(template, constructPath) !== undefined);
    if (owner !== undefined) return owner;
    const stacks = templates.filter((template) =>
      constructPath.startsWith(`/${template.displayName.replace(/^\//, '')}/`),
    );
    return stacks.sort((a, b) => b.displayName.length - a.displayName.length)[0];
  }
}

/** The synth's findings on one template of the assembly. */
export class TemplateValidation {
  constructor(
    private readonly template: CdkTemplate,
    private readonly origins: CdkOrigins,
    private readonly found: readonly ValidationFinding[],
  ) {}

  /** Each on its resource's logical id, unless an equivalent rule of iacsec reported the same resource. */
  findings(linted: LintedTemplate): Finding[] {
    if (this.found.length === 0) return [];
    const keys = logicalIdKeys(linted);
    const findings: Finding[] = [];
    for (const finding of this.found) {
      const id = finding.logicalId ?? this.logicalIdOf(finding);
      const key = id === undefined ? undefined : keys.get(id);
      if (key !== undefined && id !== undefined && duplicated(finding, id, linted)) continue;
      const resource = key === undefined || id === undefined ? null : { id, type: key.type };
      findings.push(this.annotate(finding, toFinding(finding, linted.shown, key?.span ?? START, resource)));
    }
    return findings;
  }

  /** When the template could not be linted: every finding at its start. */
  atStart(shown: string): Finding[] {
    return this.found.map((finding) => this.annotate(finding, toFinding(finding, shown, START, null)));
  }

  private logicalIdOf(finding: ValidationFinding): string | undefined {
    return finding.constructPath === undefined ? undefined : logicalIdAt(this.template, finding.constructPath);
  }

  /** The stack, construct path and app's line, as iacsec's CDK findings have them; else the report's construct path. */
  private annotate(finding: ValidationFinding, converted: Finding): Finding {
    const annotated = this.origins.annotate(converted);
    return annotated.constructPath === undefined ? { ...annotated, ...constructOf(finding) } : annotated;
  }
}

function toFinding(finding: ValidationFinding, file: string, span: Span, resource: Finding['resource']): Finding {
  const tool = toolSlug(finding.tool);
  return {
    ruleId: `${tool}/${finding.ruleId}`,
    messageId: MESSAGE_ID,
    severity: 'info',
    theme: null,
    responsibility: null,
    message: `${tool} reports: ${finding.message}`,
    file,
    ...span,
    resource,
    fixes: [],
    references: referencesOf(undefined),
  };
}

function constructOf(finding: ValidationFinding): Pick<Finding, 'constructPath'> {
  return finding.constructPath === undefined ? {} : { constructPath: finding.constructPath };
}

/** A short, stable name for the plugin: `cfn-validate`, `cdk-nag`, else its name in lower-case words joined by `-`. */
export function toolSlug(plugin: string): string {
  const name = plugin.trim().toLowerCase();
  const slug = KNOWN_TOOLS[name] ?? name.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'unknown' : slug;
}

/** Whether iacsec reported the same resource by a rule whose references call this check `equivalent`. */
function duplicated(finding: ValidationFinding, logicalId: string, linted: LintedTemplate): boolean {
  const peer = PEERS[toolSlug(finding.tool)];
  if (peer === undefined) return false;
  // cdk-nag writes a granular finding as `AwsSolutions-IAM5[Action::s3:*]`; the rule is the part before.
  const check = finding.ruleId.replace(/\[.*\]$/, '');
  return linted.findings.some(
    (ours) => ours.resource?.id === logicalId && equivalent(linted.linter.ruleSet.rule(ours.ruleId), peer, check),
  );
}

function equivalent(rule: Rule | undefined, tool: Tool, id: string): boolean {
  return (rule?.meta.references ?? []).some(
    (reference) => reference.tool === tool && reference.id === id && reference.match === 'equivalent',
  );
}

function logicalIdAt(template: CdkTemplate, constructPath: string): string | undefined {
  for (const [id, origin] of template.origins) if (origin.constructPath === constructPath) return id;
  return undefined;
}

/** Each resource's logical id key and type, read with the linter's own reader; empty when it cannot be read. */
function logicalIdKeys(linted: LintedTemplate): Map<string, { readonly span: Span; readonly type: string }> {
  const text = linted.text.charCodeAt(0) === 0xfeff ? linted.text.slice(1) : linted.text;
  const keys = new Map<string, { span: Span; type: string }>();
  try {
    const outcome = readDocument(text, linted.shown, linted.linter.limits);
    if (outcome.kind !== 'document') return keys;
    const index = new LineIndex(text);
    for (const resource of templateOf(outcome.document).resources) {
      if (!keys.has(resource.id))
        keys.set(resource.id, { span: index.span(resource.idNode.start, resource.idNode.end), type: resource.type });
    }
  } catch {
    // The lint read this text already and reported whatever failed; the synth's findings then go to the start.
  }
  return keys;
}
