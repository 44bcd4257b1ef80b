import { templateOf } from '../model/adapt';
import { configAddress } from '../model/terraform-plan';
import type { Template } from '../model/template';
import { type Format, readDocument, type ReadOutcome } from '../parsing/detect';
import { DEFAULT_LIMITS, type FileProblem, type Limits } from '../parsing/errors';
import { compareFindings, type EngineFinding } from './finding';
import { FindingCollector } from './finding-collector';
import type { RuleSet } from './rule-set';
import { applySuppressions } from './suppressions/apply';
import { SuppressionCatalogue } from './suppressions/catalogue';
import type { ConfigSuppression } from './suppressions/types';

export interface LintOptions {
  readonly limits?: Partial<Limits>;
  /**
   * `.iacsec.yaml` `resources` entries for the files this linter lints (their `path` globs already matched):
   * a configuration keeps one linter per distinct set of them.
   */
  readonly suppressions?: readonly ConfigSuppression[];
}

/** What linting one document gave. Plain data: a worker thread can post it as it is. */
export interface DocumentResult {
  /** Whether detection found IaC; when false there is nothing else. */
  readonly iac: boolean;
  /** Whether the text began with a byte-order mark; every offset counts from after it. */
  readonly bom: boolean;
  readonly findings: readonly EngineFinding[];
  readonly problems: readonly FileProblem[];
  /** Every resource of the template, in source order: what a workspace audit counts as carrying a duty. */
  readonly resources: readonly { readonly id: string; readonly type: string }[];
  /** What the document was read as, when it was read. */
  readonly format?: Format;
}

/** Per-call options: the language server cancels a lint whose text a newer edit has replaced. */
export interface LintCall {
  /** Asked between resources; when it answers true the lint stops by throwing `LintCancelled`. */
  readonly isCancelled?: () => boolean;
}

/** Thrown out of `Linter.lint` when its `isCancelled` said so: the result would have been stale. */
export class LintCancelled extends Error {
  constructor() {
    super('lint cancelled');
    this.name = 'LintCancelled';
  }
}

/**
 * The engine's facade: text in, findings out. Synchronous and pure per document; owns no state but its
 * rule set and limits, so one instance serves the CLI, the language server and tests alike.
 */
export class Linter {
  readonly limits: Limits;
  private readonly catalogue: SuppressionCatalogue;
  private readonly suppressions: readonly ConfigSuppression[];

  constructor(
    readonly ruleSet: RuleSet,
    options: LintOptions = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.catalogue = new SuppressionCatalogue(ruleSet.rules, ruleSet.settings);
    this.suppressions = options.suppressions ?? [];
  }

  lint(rawText: string, file: string, call: LintCall = {}): DocumentResult {
    const bom = rawText.charCodeAt(0) === 0xfeff;
    const text = bom ? rawText.slice(1) : rawText;
    const internal = (stage: string, error: unknown): DocumentResult => ({
      iac: true,
      bom,
      findings: [],
      problems: [{ code: 'internal', message: `iacsec failed to ${stage} this file: ${errorText(error)}`, offset: 0 }],
      resources: [],
    });
    let outcome: ReadOutcome;
    try {
      outcome = readDocument(text, file, this.limits);
    } catch (error) {
      return internal('read', error);
    }
    if (outcome.kind === 'not-iac') return { iac: false, bom, findings: [], problems: [], resources: [] };
    if (outcome.kind === 'problem') return { iac: true, bom, findings: [], problems: [outcome.problem], resources: [] };
    let template: Template;
    try {
      template = templateOf(outcome.document);
    } catch (error) {
      return internal('model', error);
    }
    const run = this.run(template, call.isCancelled);
    const findings = template.format === 'terraform-plan' ? run.map(planFinding) : run;
    const resources = template.resources.map((resource) => ({ id: resource.id, type: resource.type }));
    try {
      const { syntax } = outcome.document;
      const input = { text, syntax, template, config: this.suppressions };
      const suppressed = applySuppressions(findings, input, this.catalogue);
      return { iac: true, bom, findings: suppressed, problems: [], resources, format: template.format };
    } catch (error) {
      return internal('apply suppressions to', error);
    }
  }

  /** Runs every enabled visitor over the template's resources; a visitor that throws becomes a finding. */
  run(template: Template, isCancelled?: () => boolean): EngineFinding[] {
    const collector = new FindingCollector(template, this.ruleSet);
    for (const resource of template.resources) {
      if (isCancelled?.() === true) throw new LintCancelled();
      for (const bound of this.ruleSet.visitorsFor(template.dialect, resource.type)) {
        try {
          bound.visit(resource, collector.context(bound, resource));
        } catch (error) {
          collector.ruleFailed(bound, resource, error);
        }
      }
    }
    return collector.findings().sort(compareFindings);
  }
}

/**
 * A plan is output, not source: its findings offer no fixes, and say where the fix belongs — the resource's block
 * in the configuration the plan came from.
 */
function planFinding(finding: EngineFinding): EngineFinding {
  if (finding.resource === undefined || finding.theme === null) return finding;
  const where = configAddress(finding.resource.id);
  return {
    ...finding,
    fixes: [],
    message: `${finding.message} This is a plan: fix ${where} in the Terraform configuration and plan again.`,
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
