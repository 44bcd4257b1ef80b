import { detachedFix } from '../edits/changes';
import { templateOf } from '../model/adapt';
import { configAddress } from '../model/terraform-plan';
import type { Resource, Template } from '../model/template';
import { type Format, readDocument, type ReadOutcome } from '../parsing/detect';
import { DEFAULT_LIMITS, type FileProblem, type Limits } from '../parsing/errors';
import type { Report, RuleContext } from '../rules/types';
import { compareFindings, type EngineFinding } from './finding';
import { formatMessage } from './messages';
import { RuleFailures } from './rule-failures';
import type { BoundVisitor, RuleSet } from './rule-set';
import { applySuppressions } from './suppressions/apply';
import { SuppressionCatalogue } from './suppressions/catalogue';
import type { ConfigSuppression } from './suppressions/types';
import { describeSteps, sameStep, type Step } from '../model/values';

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

type ReportData = Report['data'];

const NO_STEPS: readonly Step[] = Object.freeze([]);
const NO_PENDING: readonly Pending[] = [];
const NO_DATA: NonNullable<ReportData> = {};
// Shared by every finding that has none; frozen, so that no consumer can change them for the others.
const NO_RELATED: EngineFinding['related'] = Object.freeze([]);
const NO_FIXES: EngineFinding['fixes'] = Object.freeze([]);

/** Gathers reports, merging the same finding reached along several branches. */
class FindingCollector {
  /** Template-wide facts of this lint (`RuleContext.memo`); the collector lives for one template only. */
  private readonly memos = new Map<string, unknown>();
  /** Reports in the order they came, one per distinct finding. */
  private readonly pending: Pending[] = [];
  /** The same reports by start offset, where a repeat of one is looked for. */
  private readonly byStart = new Map<number, Pending[]>();
  private readonly failures = new RuleFailures();
  /** Each visitor's context, and the resource it is visiting. */
  private readonly visitors = new Map<BoundVisitor, { current: { resource: Resource }; context: RuleContext }>();

  /** One function for every visit of the lint. */
  private readonly memo = <T>(key: string, compute: () => T): T => {
    const known = this.memos.get(key);
    if (known !== undefined || this.memos.has(key)) return known as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  };

  /**
   * What a visit sees: a plain object, so a wrapper may spread it (the RuleTester records reports that way). Visits
   * are synchronous, so each visitor keeps one context for the whole lint and only the resource it reports on moves.
   */
  context(template: Template, bound: BoundVisitor, resource: Resource): RuleContext {
    let visitor = this.visitors.get(bound);
    if (visitor === undefined) {
      const current = { resource };
      const context: RuleContext = {
        template,
        values: template.values,
        memo: this.memo,
        report: (report) => this.add(bound, current.resource, report),
      };
      this.visitors.set(bound, (visitor = { current, context }));
    }
    visitor.current.resource = resource;
    return visitor.context;
  }

  /** One finding per rule, range, message id and data (compared as their JSON would be). */
  add(bound: BoundVisitor, resource: Resource, report: Report): void {
    const ruleId = bound.rule.meta.id;
    const { start, end } = report.node;
    const here = this.byStart.get(start);
    for (const existing of here ?? NO_PENDING) {
      const known = existing.report;
      if (
        known.node.end === end &&
        known.messageId === report.messageId &&
        existing.bound.rule.meta.id === ruleId &&
        sameData(known.data, report.data)
      ) {
        existing.vias.push(report.via ?? NO_STEPS);
        return;
      }
    }
    const pending = { bound, report, resource: report.resource ?? resource, vias: [report.via ?? NO_STEPS] };
    if (here === undefined) this.byStart.set(start, [pending]);
    else here.push(pending);
    this.pending.push(pending);
  }

  ruleFailed(bound: BoundVisitor, resource: Resource, error: unknown): void {
    this.failures.add(bound, resource, error);
  }

  findings(): EngineFinding[] {
    const findings = this.failures.findings();
    for (const { bound, report, resource, vias } of this.pending) {
      const meta = bound.rule.meta;
      const format = bound.messages.get(report.messageId);
      const text =
        format === undefined
          ? formatMessage(meta.messages[report.messageId] ?? report.messageId, report.data)
          : format(report.data);
      findings.push({
        ruleId: meta.id,
        messageId: report.messageId,
        severity: bound.severity,
        theme: bound.theme,
        responsibility: meta.responsibility,
        message: withCondition(text, describeShared(vias)),
        start: report.node.start,
        end: report.node.end,
        resource: { id: resource.id, type: resource.type },
        related:
          report.related === undefined || report.related.length === 0
            ? NO_RELATED
            : report.related.map((related) => ({
                start: related.node.start,
                end: related.node.end,
                message: related.message,
              })),
        fixes: report.fixes === undefined || report.fixes.length === 0 ? NO_FIXES : report.fixes.map(detachedFix),
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

/** The steps common to every way a finding was reached, described: if it fails on both branches, no branch is named. */
function describeShared(vias: readonly (readonly Step[])[]): string {
  const first = vias[0];
  if (first === undefined || first.length === 0) return '';
  if (vias.length === 1) return describeSteps(first);
  const rest = vias.slice(1);
  const shared = first.filter((step) => rest.every((other) => other.some((candidate) => sameStep(candidate, step))));
  return describeSteps(shared);
}

/**
 * Whether two reports' data are the same finding's: equal as JSON text, which an ordered comparison of keys and
 * values decides whenever every value is a string or a finite number (as rules write them).
 */
function sameData(a: ReportData, b: ReportData): boolean {
  if (a === b) return true;
  const left = a ?? NO_DATA;
  const right = b ?? NO_DATA;
  const leftKeys = Object.keys(left);
  const rightKeys = Object.keys(right);
  if (
    leftKeys.length === rightKeys.length &&
    leftKeys.every((key, i) => key === rightKeys[i] && left[key] === right[key])
  )
    return true;
  if (plainValues(left) && plainValues(right)) return false;
  return JSON.stringify(left) === JSON.stringify(right);
}

function plainValues(data: NonNullable<ReportData>): boolean {
  return Object.values(data).every((value) => typeof value === 'string' || Number.isFinite(value));
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
