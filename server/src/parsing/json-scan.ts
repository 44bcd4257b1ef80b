import { raiseHint, ReadError } from './errors';

/** Keys of an object compared one by one before a set is built: most objects have fewer. */
export const DUPLICATE_SCAN_LIMIT = 8;

/**
 * The character level of the JSON reader: positions, errors, and the checks on strings, numbers and literals.
 * `skipValue` checks a whole value exactly as the reader would read it — the same errors at the same offsets,
 * duplicate keys and the depth limit included — without building it, so a caller that never looks inside a
 * subtree (most of a plan) does not pay for its nodes.
 */
export class JsonScanner {
  pos = 0;
  /** Whether the string `scanString` last passed holds an escape. */
  escaped = false;
  /** Each key of the objects `skipValue` is inside, as start, end and escaped (1 or 0): reused, never shrunk. */
  private readonly keyRanges: number[] = [];
  private keyTop = 0;

  constructor(
    readonly text: string,
    private readonly maxDepth: number,
  ) {}

  fail(message: string, at = this.pos): never {
    throw new ReadError('parse', `${message} in JSON`, Math.min(at, this.text.length));
  }

  /** The error for a character that starts no value. */
  unexpected(): never {
    if (this.pos >= this.text.length) this.fail('unexpected end of input');
    return this.fail(`unexpected character '${this.text[this.pos]}'`);
  }

  skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  enter(depth: number): void {
    if (depth > this.maxDepth) {
      throw new ReadError('limit', `nesting deeper than ${this.maxDepth} levels${raiseHint('maxDepth')}`, this.pos);
    }
  }

  /** Passes the string at `pos` (its opening quote), up to after its closing quote; sets `escaped`. */
  scanString(): void {
    const text = this.text;
    const length = text.length;
    let pos = this.pos + 1;
    let escaped = false;
    while (pos < length) {
      const c = text.charCodeAt(pos);
      // Past the backslash, no character ends or breaks a string: most take one test.
      if (c > 0x5c /* \ */) {
        pos++;
        continue;
      }
      if (c === 0x22 /* " */) {
        this.escaped = escaped;
        this.pos = pos + 1;
        return;
      }
      if (c === 0x5c) {
        escaped = true;
        pos += 2;
        continue;
      }
      if (c < 0x20) this.fail('unterminated string', pos);
      pos++;
    }
    this.fail('unterminated string', length);
  }

  /** The value of an escaped string literal spanning [start, end), quotes included. */
  unescape(start: number, end: number): string {
    try {
      return JSON.parse(this.text.slice(start, end)) as string;
    } catch {
      return this.fail('invalid escape sequence in string', start);
    }
  }

  /** Passes the number at `pos`. */
  scanNumber(): void {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const intStart = pos;
    while (isDigit(text.charCodeAt(pos))) pos++;
    if (pos === intStart || (text.charCodeAt(intStart) === 0x30 && pos - intStart > 1))
      this.fail('invalid number', start);
    if (text.charCodeAt(pos) === 0x2e /* . */) {
      const fracStart = ++pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === fracStart) this.fail('invalid number', start);
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 0x2b || sign === 0x2d) pos++;
      const expStart = pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === expStart) this.fail('invalid number', start);
    }
    this.pos = pos;
  }

  scanLiteral(word: string): void {
    const start = this.pos;
    if (!this.text.startsWith(word, start)) this.fail(`unexpected character '${this.text[start]}'`);
    this.pos = start + word.length;
  }

  /** Passes the ':' after a property name, and the space around it. */
  passColon(): void {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== 0x3a /* : */) this.fail("expected ':' after a property name");
    this.pos++;
    this.skipSpace();
  }

  /**
   * After a member of an object or an item of an array: passes a ',' and the space after it and answers true, or
   * passes `close` (`}` or `]`) and answers false; anything else is an error at that character.
   */
  passSeparator(close: 0x7d | 0x5d): boolean {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x2c /* , */) {
      this.pos++;
      this.skipSpace();
      return true;
    }
    if (c === close) {
      this.pos++;
      return false;
    }
    const bracket = close === 0x7d ? '}' : ']';
    return this.fail(
      Number.isNaN(c) ? `unexpected end of input, expected '${bracket}'` : `expected ',' or '${bracket}'`,
    );
  }

  /** Checks the value at `pos` as the reader reads it and passes it; builds nothing unless a key is escaped. */
  skipValue(depth: number): void {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b /* { */) this.skipObject(depth + 1);
    else if (c === 0x5b /* [ */) this.skipArray(depth + 1);
    else if (c === 0x22 /* " */) {
      const start = this.pos;
      this.scanString();
      if (this.escaped) this.unescape(start, this.pos);
    } else if (c === 0x74 /* t */) this.scanLiteral('true');
    else if (c === 0x66 /* f */) this.scanLiteral('false');
    else if (c === 0x6e /* n */) this.scanLiteral('null');
    else if (c === 0x2d || isDigit(c)) this.scanNumber();
    else this.unexpected();
  }

  private skipObject(depth: number): void {
    this.enter(depth);
    const text = this.text;
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++;
      return;
    }
    const base = this.keyTop;
    let seen: Set<string> | undefined;
    for (;;) {
      if (text.charCodeAt(this.pos) !== 0x22) this.fail('expected a property name in double quotes');
      const start = this.pos;
      this.scanString();
      const escaped = this.escaped;
      if (escaped) this.unescape(start, this.pos);
      if (this.keyTop - base < DUPLICATE_SCAN_LIMIT * 3) this.checkKey(base, start, this.pos, escaped);
      else {
        seen ??= this.keysSince(base);
        const key = this.unescapedKey(start, this.pos);
        if (seen.has(key)) this.fail(`duplicate key "${key}"`, start);
        seen.add(key);
      }
      this.passColon();
      this.skipValue(depth);
      if (this.passSeparator(0x7d /* } */)) continue;
      this.keyTop = base;
      return;
    }
  }

  /**
   * Fails on a key [start, end) that repeats one of the first keys of its object (those recorded since `base`),
   * then records it. Keys are compared in the text, so a valid subtree allocates nothing; an escaped key is
   * compared by its value.
   */
  private checkKey(base: number, start: number, end: number, escaped: boolean): void {
    const ranges = this.keyRanges;
    for (let i = base; i < this.keyTop; i += 3) {
      const otherStart = ranges[i] as number;
      const otherEnd = ranges[i + 1] as number;
      const same =
        escaped || ranges[i + 2] === 1
          ? this.unescapedKey(otherStart, otherEnd) === this.unescapedKey(start, end)
          : this.sameText(otherStart, otherEnd, start, end);
      if (same) this.fail(`duplicate key "${this.unescapedKey(start, end)}"`, start);
    }
    ranges[this.keyTop] = start;
    ranges[this.keyTop + 1] = end;
    ranges[this.keyTop + 2] = escaped ? 1 : 0;
    this.keyTop += 3;
  }

  /** The keys recorded since `base`, by value: past the first few, a set finds a repeat sooner than comparisons. */
  private keysSince(base: number): Set<string> {
    const keys = new Set<string>();
    for (let i = base; i < this.keyTop; i += 3)
      keys.add(this.unescapedKey(this.keyRanges[i] as number, this.keyRanges[i + 1] as number));
    return keys;
  }

  private unescapedKey(start: number, end: number): string {
    const raw = this.text.slice(start + 1, end - 1);
    return raw.includes('\\') ? this.unescape(start, end) : raw;
  }

  private sameText(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
    if (aEnd - aStart !== bEnd - bStart) return false;
    const text = this.text;
    for (let i = 1; i < aEnd - aStart - 1; i++)
      if (text.charCodeAt(aStart + i) !== text.charCodeAt(bStart + i)) return false;
    return true;
  }

  private skipArray(depth: number): void {
    this.enter(depth);
    const text = this.text;
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++;
      return;
    }
    do {
      this.skipValue(depth);
    } while (this.passSeparator(0x5d /* ] */));
  }
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
