import { themeOf, type Rule, type RuleMeta, type Theme } from '../rules/types';

/** Where rule pages are published; the extension and reports may be pointed elsewhere (a fork, a mirror). */
export const DOCS_BASE_URL = 'https://github.com/iacsec/iacsec/blob/main/docs/rules/';

/** The page of a rule: `docs/rules/<theme>/<name>.md` under the base URL. */
export function docsUrl(ruleId: string, base: string = DOCS_BASE_URL): string {
  return `${base}${ruleId}.md`;
}

/** One entry of `iacsec rules --format json`: the rule's meta, its theme and its page. */
export interface RuleInfo extends RuleMeta {
  readonly theme: Theme | null;
  readonly docs: string;
}

/** The catalogue as `iacsec rules --format json` prints it, in id order. */
export function catalogue(rules: readonly Rule[], base: string = DOCS_BASE_URL): RuleInfo[] {
  return [...rules].sort((a, b) => compareIds(a.meta.id, b.meta.id)).map((rule) => ruleInfo(rule, base));
}

export function ruleInfo(rule: Rule, base: string = DOCS_BASE_URL): RuleInfo {
  const { id, title, severity, responsibility, messages, rationale, remediation, references, fix } = rule.meta;
  return {
    id,
    title,
    severity,
    theme: themeOf(id),
    responsibility,
    messages,
    rationale,
    remediation,
    references,
    fix,
    docs: docsUrl(id, base),
  };
}

/**
 * Findings the engine itself reports, which no rule in the catalogue describes; reports that list rules (SARIF)
 * still need a title for them.
 */
export const ENGINE_RULE_TITLES: Readonly<Record<string, string>> = {
  'iacsec/rule-failed': 'A rule failed on a resource, so the resource was not checked by it',
  'iacsec/unused-suppression': 'A suppression that suppresses nothing',
  'iacsec/suppression-without-reason': 'A suppression that gives no reason',
};

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
