import picomatch from 'picomatch';

/** Tests one string (a rule id, a logical id, a path) against a pattern. */
export type Matcher = (value: string) => boolean;

/**
 * A glob, with picomatch's syntax (`*`, `**`, `?`, `[…]`, `{a,b}`); a pattern with no glob characters compares
 * exactly, so the common case never compiles a regular expression. picomatch rather than node's
 * `path.matchesGlob`: on Node 20 the latter still prints an ExperimentalWarning on stderr at first use.
 */
export function globMatcher(pattern: string): Matcher {
  if (!isGlob(pattern)) return (value) => value === pattern;
  const matches = picomatch(pattern, { dot: true });
  // One argument only: picomatch's second (`returnObject`) would turn a match into an object, and Array methods
  // pass an index there.
  return (value) => matches(value);
}

/**
 * A rule-id pattern: an exact id, a glob over `<theme>/<name>` (`encryption/*`, `*\/s3-*`), or `*` alone, which
 * names every rule although `*` does not cross the `/` anywhere else.
 */
export function ruleMatcher(pattern: string): Matcher {
  return pattern === '*' ? () => true : globMatcher(pattern);
}

export function isGlob(pattern: string): boolean {
  return picomatch.scan(pattern).isGlob;
}
