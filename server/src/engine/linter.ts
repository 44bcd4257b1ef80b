import { templateOf } from '../model/adapt';
import { configAddress } from '../model/terraform-plan';
import type { Resource, Template } from '../model/template';
import { type Format, readDocument, type ReadOutcome } from '../parsing/detect';
import { DEFAULT_LIMITS, type FileProblem, type Limits } from '../parsing/errors';
import type { Report, RuleContext } from '../rules/types';
import { themeOf } from '../rules/types';
import { compareFindings, type EngineFinding } from './finding';
import { formatMessage } from './messages';
import type { BoundVisitor, RuleSet } from './rule-set';
import { applySuppressions } from './suppressions/apply';
import { SuppressionCatalogue } from './suppressions/catalogue';
import type { ConfigSuppression } from './suppressions/types';
import { describeSteps, stepKey, type Step } from '../model/values';

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

const RULE_FAILED = 'iacsec/rule-failed';

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
    const collector = new FindingCollector();
    for (const resource of template.resources) {
      if (isCancelled?.() === true) throw new LintCancelled();
      for (const bound of this.ruleSet.visitorsFor(template.dialect, resource.type)) {
        try {
          bound.visit(resource, collector.context(template, bound, resource));
        } catch (error) {
          collector.ruleFailed(bound, resource, error);
        }
      }
    }
    return collector.findings().sort(compareFindings);
  }
}

interface Pending {
  readonly bound: BoundVisitor;
  readonly report: Report;
  readonly resource: Resource;
  /** Every set of steps under which the same finding was reported; the message names only what they share. */
  readonly vias: (readonly Step[])[];
}

/** Gathers reports, merging the same finding reached along several branches. */
class FindingCollector {
  /** Template-wide facts of this lint (`RuleContext.memo`); the collector lives for one template only. */
  private readonly memos = new Map<string, unknown>();
  private readonly pending = new Map<string, Pending>();
  private readonly failures: EngineFinding[] = [];

  context(template: Template, bound: BoundVisitor, resource: Resource): RuleContext {
    return {
      template,
      values: template.values,
      memo: <T>(key: string, compute: () => T): T => {
        if (this.memos.has(key)) return this.memos.get(key) as T;
        const value = compute();
        this.memos.set(key, value);
        return value;
      },
      report: (report) => {
        const key = `${bound.rule.meta.id}\u0000${report.node.start}\u0000${report.node.end}\u0000${report.messageId}\u0000${JSON.stringify(report.data ?? {})}`;
        const existing = this.pending.get(key);
        if (existing === undefined)
          this.pending.set(key, { bound, report, resource: report.resource ?? resource, vias: [report.via ?? []] });
        else existing.vias.push(report.via ?? []);
      },
    };
  }

  ruleFailed(bound: BoundVisitor, resource: Resource, error: unknown): void {
    this.failures.push({
      ruleId: RULE_FAILED,
      messageId: 'failed',
      severity: 'warning',
      theme: null,
      responsibility: null,
      message: `Rule ${bound.rule.meta.id} failed on ${resource.id}, so it was not checked: ${errorText(error)}`,
      start: resource.idNode.start,
      end: resource.idNode.end,
      resource: { id: resource.id, type: resource.type },
      related: [],
      fixes: [],
    });
  }

  findings(): EngineFinding[] {
    const findings = [...this.failures];
    for (const { bound, report, resource, vias } of this.pending.values()) {
      const meta = bound.rule.meta;
      const template = meta.messages[report.messageId] ?? report.messageId;
      const shared = sharedSteps(vias);
      findings.push({
        ruleId: meta.id,
        messageId: report.messageId,
        severity: bound.severity,
        theme: themeOf(meta.id),
        responsibility: meta.responsibility,
        message: withCondition(formatMessage(template, report.data), describeSteps(shared)),
        start: report.node.start,
        end: report.node.end,
        resource: { id: resource.id, type: resource.type },
        related: (report.related ?? []).map((related) => ({
          start: related.node.start,
          end: related.node.end,
          message: related.message,
        })),
        fixes: report.fixes ?? [],
      });
    }
    return findings;
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

/** The steps common to every way a finding was reached: if it fails on both branches, no branch is named. */
function sharedSteps(vias: readonly (readonly Step[])[]): Step[] {
  const [first, ...rest] = vias;
  if (first === undefined) return [];
  return first.filter((step) => rest.every((other) => other.some((candidate) => stepKey(candidate) === stepKey(step))));
}

/** "… port 22." + "when condition C is true" → "… port 22 (when condition C is true)." */
function withCondition(message: string, condition: string): string {
  if (condition === '') return message;
  const period = message.endsWith('.') ? '.' : '';
  return `${period === '' ? message : message.slice(0, -1)} (${condition})${period}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
