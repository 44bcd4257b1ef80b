/** Characters and spans of the block-style YAML that `readBlockYaml` reads: printable ASCII and line feeds. */

export const SPACE = 0x20;
export const NEWLINE = 0x0a;
export const HASH = 0x23;
export const DASH = 0x2d;
export const COLON = 0x3a;
export const PIPE = 0x7c;
export const BANG = 0x21;
export const QUOTE = 0x27;
export const DOUBLE_QUOTE = 0x22;

export function skipSpaces(text: string, pos: number): number {
  while (text.charCodeAt(pos) === SPACE) pos++;
  return pos;
}

export function lineEnd(text: string, pos: number): number {
  const newline = text.indexOf('\n', pos);
  return newline === -1 ? text.length : newline;
}

export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return end;
}

/** A space, a line break, or past the end of the text (NaN). */
export function isBlank(c: number): boolean {
  return c === SPACE || c === NEWLINE || Number.isNaN(c);
}

/** Letters, digits and `_`: what a key starts with, besides `/` and `$`. */
export function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** Word characters and `. - / :`: what a key goes on with. */
export function isKeyChar(c: number): boolean {
  return isWordChar(c) || c === 0x2e || c === DASH || c === 0x2f || c === COLON;
}

/**
 * Whether a plain scalar may start with `c` (followed by `next`) in block context, as js-yaml's readPlainScalar
 * allows; `?` and `:`, which it reads in places of its own, are left to it.
 */
export function isPlainFirst(c: number, next: number): boolean {
  if (c === DASH) return !isBlank(next);
  switch (c) {
    case 0x3f /* ? */:
    case COLON:
    case 0x2c /* , */:
    case 0x5b /* [ */:
    case 0x5d /* ] */:
    case 0x7b /* { */:
    case 0x7d /* } */:
    case HASH:
    case 0x26 /* & */:
    case 0x2a /* * */:
    case BANG:
    case PIPE:
    case 0x3e /* > */:
    case QUOTE:
    case DOUBLE_QUOTE:
    case 0x25 /* % */:
    case 0x40 /* @ */:
    case 0x60 /* ` */:
      return false;
    default:
      return c > SPACE;
  }
}

/**
 * Whether js-yaml's CORE_SCHEMA could read the plain scalar `text[start, end)` as other than a string: numbers
 * start with a digit, a sign or a dot, null is `~` or a four-letter word, booleans are four or five letters.
 */
export function mayResolve(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === DASH || c === 0x2e || c === 0x7e) return true;
  const length = end - start;
  return (
    (length === 4 || length === 5) && (c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46)
  );
}

/** How many characters the escape at `pos` (a backslash) spans, if YAML and JSON read it alike; 0 otherwise. */
export function escapeLength(text: string, pos: number): number {
  switch (text.charCodeAt(pos + 1)) {
    case 0x6e /* n */:
    case 0x74 /* t */:
    case 0x72 /* r */:
    case 0x62 /* b */:
    case 0x66 /* f */:
    case 0x2f /* / */:
    case 0x5c /* \ */:
    case DOUBLE_QUOTE:
      return 2;
    case 0x75 /* u */:
      return /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6)) ? 6 : 0;
    default:
      return 0;
  }
}
