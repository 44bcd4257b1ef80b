import type { Template } from '../../model/template';
import type { Syntax } from '../../parsing/detect';
import { compareFindings, type EngineFinding, type OffsetRange } from '../finding';
import { formatMessage } from '../messages';
import {
  ENGINE_MESSAGES,
  RULE_FAILED,
  SUPPRESSION_WITHOUT_REASON,
  UNUSED_SUPPRESSION,
  type SuppressionCatalogue,
} from './catalogue';
import { inlineDirectives, mayHaveSuppressionComments } from './inline';
import { EnclosingRanges } from './enclosing';
import { metadataDirectives } from './metadata';
import { terraformDirectives } from './terraform';
import { globMatcher, ruleMatcher, type Matcher } from './patterns';
import type { Collected, ConfigSuppression, Directive, ResourceRef, Scope, Selector, SuppressionItem } from './types';

export interface SuppressionInput {
  /** The document text, after any BOM: the offsets of the template and of the findings count into it. */
  readonly text: string;
  readonly syntax: Syntax;
  readonly template: Template;
  /** Configuration's `resources` entries whose `path` matched this file. */
  readonly config: readonly ConfigSuppression[];
}

/** The order in which a finding covered more than once names its suppression: iacsec's own, configuration, peers. */
const PRECEDENCE: Readonly<Record<Directive['source'], number>> = {
  'iacsec-ignore': 0,
  config: 1,
  checkov: 2,
  cfn_nag: 2,
  cdk_nag: 2,
  'cfn-lint': 2,
  guard: 2,
  tfsec: 2,
  trivy: 2,
};

/**
 * Marks the findings that a suppression covers (`suppressed: { by, reason }`; they are kept, so a report can list
 * them on request) and adds the engine's findings about the suppressions themselves: ones that suppress nothing
 * (`iacsec/unused-suppression`) and iacsec's own without a reason (`iacsec/suppression-without-reason`).
 */
export function applySuppressions(
  reported: readonly EngineFinding[],
  input: SuppressionInput,
  catalogue: SuppressionCatalogue,
): readonly EngineFinding[] {
  const findings = withRuleFailedSetting(reported, catalogue);
  const collected: Collected = { directives: [], misfits: [] };
  if (input.syntax === 'yaml' && mayHaveSuppressionComments(input.text)) {
    inlineDirectives(input.text, input.template, collected);
  }
  if (input.template.dialect === 'terraform') terraformDirectives(input.template, input.text, collected);
  else metadataDirectives(input.template, collected);
  for (const entry of input.config) collected.directives.push(configDirective(entry));
  if (collected.directives.length === 0 && collected.misfits.length === 0) return findings;

  const directives = [...collected.directives].sort((a, b) => PRECEDENCE[a.source] - PRECEDENCE[b.source]);
  const matchers = new Matchers();
  const selects = (selector: Selector, ruleId: string): boolean =>
    selector.kind === 'peer'
      ? catalogue.equivalentsOf(selector.tool, selector.id).includes(ruleId)
      : matchers.rule(selector.pattern)(ruleId);
  const used = new Set<SuppressionItem>();
  const candidates = candidatesOf(directives);
  const marked = findings.map((finding) => {
    let suppressed: EngineFinding['suppressed'];
    for (const directive of candidates(finding)) {
      if (!inScope(directive.scope, finding, matchers)) continue;
      for (const item of directive.items) {
        if (!selects(item.selector, finding.ruleId)) continue;
        used.add(item);
        suppressed ??= { by: directive.source, reason: directive.reason };
      }
    }
    return suppressed === undefined ? finding : { ...finding, suppressed };
  });
  return [...marked, ...aboutSuppressions(collected, used, catalogue, matchers)].sort(compareFindings);
}

/** `iacsec/rule-failed` comes from the linter at its default severity; configuration may change it. */
function withRuleFailedSetting(
  findings: readonly EngineFinding[],
  catalogue: SuppressionCatalogue,
): readonly EngineFinding[] {
  const setting = catalogue.engineSetting(RULE_FAILED);
  if (setting === 'warning' || !findings.some((finding) => finding.ruleId === RULE_FAILED)) return findings;
  if (setting === 'off') return findings.filter((finding) => finding.ruleId !== RULE_FAILED);
  return findings.map((finding) => (finding.ruleId === RULE_FAILED ? { ...finding, severity: setting } : finding));
}

function configDirective(entry: ConfigSuppression): Directive {
  return {
    source: 'config',
    scope: { kind: 'resources', pattern: entry.resource },
    items: entry.rules.map((pattern) => ({ selector: { kind: 'rule', pattern }, at: undefined })),
    reason: entry.reason,
    reasonAt: undefined,
    resource: undefined,
  };
}

/** Patterns compiled once per document, as they are met. */
class Matchers {
  private readonly rules = new Map<string, Matcher>();
  private readonly globs = new Map<string, Matcher>();

  rule(pattern: string): Matcher {
    return cached(this.rules, pattern, ruleMatcher);
  }

  glob(pattern: string): Matcher {
    return cached(this.globs, pattern, globMatcher);
  }
}

function cached(cache: Map<string, Matcher>, pattern: string, compile: (pattern: string) => Matcher): Matcher {
  let matcher = cache.get(pattern);
  if (matcher === undefined) cache.set(pattern, (matcher = compile(pattern)));
  return matcher;
}

/**
 * The directives that may cover a finding, in precedence order: every document- and glob-scoped one, and of the
 * resource- and range-scoped ones those tied to the finding's resource or around its range. Most findings of a
 * large template lie outside every comment's reach, so `inScope` need not ask each directive about each finding.
 */
function candidatesOf(directives: readonly Directive[]): (finding: EngineFinding) => readonly Directive[] {
  const everywhere: number[] = [];
  const tied = new Map<string, number[]>();
  const ranged: { readonly index: number; readonly start: number; readonly end: number; readonly id?: string }[] = [];
  directives.forEach((directive, index) => {
    const scope = directive.scope;
    if (scope.kind === 'document' || scope.kind === 'resources') everywhere.push(index);
    else if (scope.kind === 'range') ranged.push({ index, start: scope.start, end: scope.end });
    else {
      const same = tied.get(scope.id);
      if (same === undefined) tied.set(scope.id, [index]);
      else same.push(index);
      ranged.push({ index, start: scope.start, end: scope.end, id: scope.id });
    }
  });
  if (ranged.length === 0) return () => directives;
  const pick = (indices: readonly number[]): Directive[] => indices.map((index) => directives[index] as Directive);
  const sorted = (indices: readonly number[]): number[] => [...new Set(indices)].sort((a, b) => a - b);
  // Each resource's own directives with the document-wide ones, merged once rather than per finding.
  const byResource = new Map([...tied].map(([id, indices]) => [id, sorted([...everywhere, ...indices])] as const));
  const always = pick(everywhere);
  const lists = new Map([...byResource].map(([id, indices]) => [id, pick(indices)] as const));
  const enclosing = new EnclosingRanges(ranged);
  return (finding) => {
    const id = finding.resource?.id;
    let extra: number[] | undefined;
    // A resource's directives lie in its own range: the ones of the finding's resource are counted already.
    enclosing.forEachAround(finding, (range) => {
      if (range.id === undefined || range.id !== id) (extra ??= []).push(range.index);
    });
    const own = id === undefined ? undefined : byResource.get(id);
    if (extra === undefined) return (id === undefined ? undefined : lists.get(id)) ?? always;
    return pick(sorted([...(own ?? everywhere), ...extra]));
  };
}

function inScope(scope: Scope, finding: EngineFinding, matchers: Matchers): boolean {
  switch (scope.kind) {
    case 'document':
      return true;
    case 'resource':
      return finding.resource?.id === scope.id || within(finding, scope);
    case 'range':
      return within(finding, scope);
    case 'resources':
      return (
        scope.pattern === '*' || (finding.resource !== undefined && matchers.glob(scope.pattern)(finding.resource.id))
      );
  }
}

function within(finding: OffsetRange, range: OffsetRange): boolean {
  return finding.start >= range.start && finding.end <= range.end;
}

/**
 * Findings about suppressions. An unused one is reported only when it could have suppressed something: it names
 * a rule that is on (a rule turned off by configuration suppresses nothing through no fault of the comment), or
 * a peer check that some enabled rule is equivalent to (a peer's suppression of a check iacsec does not have is
 * that tool's business).
 */
function aboutSuppressions(
  collected: Collected,
  used: ReadonlySet<SuppressionItem>,
  catalogue: SuppressionCatalogue,
  matchers: Matchers,
): EngineFinding[] {
  const out: EngineFinding[] = [];
  const report = (
    ruleId: string,
    messageId: string,
    at: OffsetRange,
    resource: ResourceRef | undefined,
    data: Record<string, string>,
  ): void => {
    const severity = catalogue.engineSetting(ruleId);
    if (severity === 'off') return;
    const messages: Readonly<Record<string, string>> = ENGINE_MESSAGES[ruleId as keyof typeof ENGINE_MESSAGES];
    out.push({
      ruleId,
      messageId,
      severity,
      theme: null,
      responsibility: null,
      message: formatMessage(messages[messageId] ?? messageId, data),
      start: at.start,
      end: at.end,
      resource,
      related: [],
      fixes: [],
    });
  };
  for (const misfit of collected.misfits)
    report(UNUSED_SUPPRESSION, misfit.messageId, misfit, misfit.resource, misfit.data);
  for (const directive of collected.directives) {
    for (const item of directive.items) {
      if (used.has(item) || item.at === undefined) continue;
      const unused = unusedMessage(item.selector, catalogue, matchers);
      if (unused !== undefined) report(UNUSED_SUPPRESSION, unused.messageId, item.at, directive.resource, unused.data);
    }
    if (directive.reasonAt !== undefined && directive.reason === '') {
      const rules = directive.items.map((item) =>
        item.selector.kind === 'rule' ? item.selector.pattern : item.selector.id,
      );
      report(SUPPRESSION_WITHOUT_REASON, 'missingReason', directive.reasonAt, directive.resource, {
        rules: rules.join(', '),
        how: directive.reasonAt.how,
      });
    }
  }
  return out;
}

function unusedMessage(
  selector: Selector,
  catalogue: SuppressionCatalogue,
  matchers: Matchers,
): { messageId: string; data: Record<string, string> } | undefined {
  if (selector.kind === 'rule') {
    const named = catalogue.ruleIds.filter(matchers.rule(selector.pattern));
    if (named.length === 0) return { messageId: 'unknownRule', data: { rule: selector.pattern } };
    return named.some((id) => catalogue.isEnabled(id))
      ? { messageId: 'unused', data: { rule: selector.pattern } }
      : undefined;
  }
  // A peer's suppression serves that peer first: its check may reach where the equivalent rule deliberately does
  // not (checkov's CKV_AWS_18 on a log bucket, which s3-access-logging exempts), so telling the user to remove it
  // would break the peer. Only iacsec's own suppressions are reported as unused.
  return undefined;
}
