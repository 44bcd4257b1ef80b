import * as fs from 'node:fs';
import * as path from 'node:path';
import { docsUrl, ENGINE_RULE_TITLES } from '../report/catalogue';
import type { Rule } from '../rules/types';

/** Rule ids are `<theme>/<name>` in lower-case kebab case; anything else can never name a page (or escape docs/). */
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type Explanation =
  { readonly kind: 'page'; readonly text: string } | { readonly kind: 'unknown'; readonly message: string };

/**
 * `iacsec explain RULE_ID`: the rule's bundled page; for a rule whose page is missing, a page made from its meta;
 * for an id no rule has, a message with the closest id when one is close.
 */
export function explain(ruleId: string, rules: readonly Rule[], from: string = __dirname): Explanation {
  const rule = rules.find((candidate) => candidate.meta.id === ruleId);
  const page = findRuleDoc(ruleId, from);
  if (page !== undefined && (rule !== undefined || ruleId in ENGINE_RULE_TITLES)) {
    return { kind: 'page', text: fs.readFileSync(page, 'utf8') };
  }
  if (rule !== undefined) return { kind: 'page', text: pageFromMeta(rule) };
  const engineTitle = ENGINE_RULE_TITLES[ruleId];
  if (engineTitle !== undefined)
    return { kind: 'page', text: `# ${engineTitle}\n\n\`${ruleId}\` is reported by iacsec itself, not by a rule.\n` };
  const known = [...rules.map((candidate) => candidate.meta.id), ...Object.keys(ENGINE_RULE_TITLES)];
  const suggestion = closest(ruleId, known);
  return {
    kind: 'unknown',
    message: `unknown rule '${ruleId}'${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`}`,
  };
}

/**
 * The bundled page of a rule, `docs/rules/<theme>/<name>.md`, found by walking up from this module to the first
 * directory that has `docs/rules`. The same walk serves every layout: the compiled module in
 * `server/out/src/cli/`, the bundle in `server/dist/`, and an installed VSIX (`extension/server/dist/` beside
 * `extension/docs/rules/`, which .vscodeignore ships).
 */
export function findRuleDoc(ruleId: string, from: string = __dirname): string | undefined {
  if (!RULE_ID.test(ruleId)) return undefined;
  const docs = rulesDocsDir(from);
  if (docs === undefined) return undefined;
  const page = path.join(docs, ...ruleId.split('/')) + '.md';
  return isFile(page) ? page : undefined;
}

export function rulesDocsDir(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const docs = path.join(dir, 'docs', 'rules');
    if (isDirectory(docs)) return docs;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function pageFromMeta(rule: Rule): string {
  const { id, title, severity, responsibility, rationale, remediation, fix } = rule.meta;
  return [
    `# ${title}`,
    '',
    `\`${id}\` · severity ${severity} · responsibility ${responsibility} · fix ${fix}`,
    '',
    '## Why',
    '',
    rationale,
    '',
    '## How to fix',
    '',
    remediation,
    '',
    `(The bundled page was not found; it is published at ${docsUrl(id)}.)`,
    '',
  ].join('\n');
}

/**
 * The known id nearest to what was typed, if it is near enough to be a typo: by edit distance over the whole
 * id, or over the name alone, so `s3-bucket-encryption` finds `encryption/s3-bucket-encryption`.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const wanted = typed.toLowerCase();
  let best: { readonly id: string; readonly distance: number } | undefined;
  for (const id of known) {
    const name = id.slice(id.indexOf('/') + 1);
    const distance = Math.min(editDistance(wanted, id), editDistance(wanted, name));
    if (best === undefined || distance < best.distance) best = { id, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(2, Math.floor(wanted.length / 4)) ? best.id : undefined;
}

/** Levenshtein distance, one row at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
