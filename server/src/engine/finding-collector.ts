import { detachedFix } from '../edits/changes';
import type { Resource, Template } from '../model/template';
import { describeSteps, sameStep, type Step } from '../model/values';
import type { Report, RuleContext } from '../rules/types';
import type { EngineFinding } from './finding';
import { formatMessage, withCondition } from './messages';
import { RuleFailures } from './rule-failures';
import type { BoundVisitor, RuleSet } from './rule-set';

/**
 * One distinct finding, as its first report came. The finding itself (message, detached fixes) is built once every
 * visit is done: made then, the output is not yet alive when the run's young collections copy what survives
 * (measured: built as the reports came, what each of them copies grows by about half).
 */
interface Pending {
  readonly bound: BoundVisitor;
  readonly report: Report;
  /** The report's range and resource, read while the report is at hand: its node is cold by the end of the lint. */
  readonly start: number;
  readonly end: number;
  readonly resource: FindingResource;
  /** Every set of steps under which the same finding was reported, once there is more than one. */
  vias: (readonly Step[])[] | undefined;
  /** The next distinct finding that starts at the same offset: where a repeat of one is looked for. */
  sameStart: Pending | undefined;
}

/** Each visitor's context for the lint, and the resource it is visiting. */
interface Visit {
  resource: Resource;
  readonly context: RuleContext;
}

type ReportData = Report['data'];
type FindingResource = NonNullable<EngineFinding['resource']>;

const NO_STEPS: readonly Step[] = Object.freeze([]);
const NO_DATA: NonNullable<ReportData> = {};
// Shared by every finding that has none; frozen, so that no consumer can change them for the others.
const NO_RELATED: EngineFinding['related'] = Object.freeze([]);
const NO_FIXES: EngineFinding['fixes'] = Object.freeze([]);

/** Gathers one template's reports, merging the same finding reached along several branches. */
export class FindingCollector {
  /** Template-wide facts of this lint (`RuleContext.memo`); the collector lives for one template only. */
  private readonly memos = new Map<string, unknown>();
  /** Reports in the order they came, one per distinct finding. */
  private readonly pending: Pending[] = [];
  /** The first distinct finding at each start offset; the others hang off it through `sameStart`. */
  private readonly byStart = new Map<number, Pending>();
  private readonly failures = new RuleFailures();
  private readonly summaries = new Map<Resource, FindingResource>();
  /** By visitor slot: an array rather than a map, since every visit of the lint looks its visitor up. */
  private readonly visits: (Visit | undefined)[];

  constructor(
    private readonly template: Template,
    ruleSet: RuleSet,
  ) {
    this.visits = new Array<Visit | undefined>(ruleSet.visitorCount).fill(undefined);
  }

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
  context(bound: BoundVisitor, resource: Resource): RuleContext {
    const visit = this.visits[bound.slot] ?? this.firstVisit(bound);
    visit.resource = resource;
    return visit.context;
  }

  /**
   * A visitor's context, made on its first visit. Kept out of `context`, which runs on every visit: V8 allocates the
   * scope of a function whose parameters a closure captures on every call, made or not (~2 MB per 2,000 resources).
   */
  private firstVisit(bound: BoundVisitor): Visit {
    const template = this.template;
    const visit: Visit = {
      resource: undefined as unknown as Resource,
      context: {
        template,
        values: template.values,
        memo: this.memo,
        report: (report) => this.add(bound, visit.resource, report),
      },
    };
    this.visits[bound.slot] = visit;
    return visit;
  }

  /** One finding per rule, range, message id and data (compared as their JSON would be). */
  add(bound: BoundVisitor, resource: Resource, report: Report): void {
    const { start, end } = report.node;
    const first = this.byStart.get(start);
    for (let existing = first; existing !== undefined; existing = existing.sameStart) {
      const known = existing.report;
      if (
        existing.end === end &&
        known.messageId === report.messageId &&
        (existing.bound.rule === bound.rule || existing.bound.rule.meta.id === bound.rule.meta.id) &&
        sameData(known.data, report.data)
      ) {
        (existing.vias ??= [known.via ?? NO_STEPS]).push(report.via ?? NO_STEPS);
        return;
      }
    }
    const pending: Pending = {
      bound,
      report,
      start,
      end,
      resource: this.summary(report.resource ?? resource),
      vias: undefined,
      sameStart: undefined,
    };
    if (first === undefined) this.byStart.set(start, pending);
    else {
      let last = first;
      while (last.sameStart !== undefined) last = last.sameStart;
      last.sameStart = pending;
    }
    this.pending.push(pending);
  }

  /** One `{ id, type }` per resource, shared by its findings: they are plain data that nobody changes. */
  private summary(resource: Resource): FindingResource {
    let summary = this.summaries.get(resource);
    if (summary === undefined) this.summaries.set(resource, (summary = { id: resource.id, type: resource.type }));
    return summary;
  }

  ruleFailed(bound: BoundVisitor, resource: Resource, error: unknown): void {
    this.failures.add(bound, resource, error);
  }

  /** The findings, in the order they were first reported, after the failures of rules that threw. */
  findings(): EngineFinding[] {
    // `map` sizes the list once; pushing thousands of findings would regrow it a dozen times.
    const findings = this.pending.map(({ bound, report, start, end, resource, vias }): EngineFinding => {
      const meta = bound.rule.meta;
      const format = bound.messages.get(report.messageId);
      const steps = vias === undefined ? describeSteps(report.via ?? NO_STEPS) : describeShared(vias);
      const message =
        format === undefined
          ? withCondition(formatMessage(meta.messages[report.messageId] ?? report.messageId, report.data), steps)
          : format(report.data, steps);
      return {
        ruleId: meta.id,
        messageId: report.messageId,
        severity: bound.severity,
        theme: bound.theme,
        responsibility: meta.responsibility,
        message,
        start,
        end,
        resource,
        related:
          report.related === undefined || report.related.length === 0
            ? NO_RELATED
            : report.related.map((related) => ({
                start: related.node.start,
                end: related.node.end,
                message: related.message,
              })),
        fixes: report.fixes === undefined || report.fixes.length === 0 ? NO_FIXES : report.fixes.map(detachedFix),
      };
    });
    const failures = this.failures.findings();
    return failures.length === 0 ? findings : [...failures, ...findings];
  }
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
