// Where a rule's page lies inside the extension. No vscode import, so the mapping reads the same in a unit test.

// A rule id is `<theme>/<name>` in lower-case words; anything else (a `..`, a slash too many) names no page.
const RULE_ID = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/**
 * The path segments, under the extension's root, of the page bundled for a rule: `docs/rules/<theme>/<name>.md`
 * (engine rules `iacsec/<name>` included). Undefined for a string that is not a rule id.
 */
export function rulePageSegments(ruleId: string): readonly string[] | undefined {
  const match = RULE_ID.exec(ruleId);
  if (!match) return undefined;
  const [, theme, name] = match;
  return theme !== undefined && name !== undefined ? ['docs', 'rules', theme, `${name}.md`] : undefined;
}

/** An `http(s)` address to open in the browser, or undefined for anything else (`command:`, `file:`, junk). */
export function webAddress(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
