/**
 * The one place offsets become lines and columns. Everything upstream speaks offsets (UTF-16 code units into
 * the text after any BOM); the CLI, reports and the language server ask a LineIndex at the very edge.
 */

/** A 1-based line and a 1-based column counted in UTF-16 code units, as the CLI contract and SARIF use. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A range of positions; `endColumn` is exclusive (one past the last character), as in SARIF. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Line starts of one text, found once, so each lookup is a binary search. Line breaks are `\n`, `\r\n` and a
 * lone `\r` — the three that YAML, JSON and the Language Server Protocol agree on.
 */
export class LineIndex {
  private readonly starts: readonly number[];
  private readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === LF) starts.push(i + 1);
      else if (code === CR) {
        if (text.charCodeAt(i + 1) === LF) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** How many lines the text has: a final line break opens one more, empty, line (as editors show it). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The offset at which a 1-based line begins (clamped to the first and last line). */
  lineStart(line: number): number {
    const index = Math.min(Math.max(line, 1), this.starts.length) - 1;
    return this.starts[index] ?? 0;
  }

  /**
   * The position of an offset. Offsets are clamped into the text, so a range ending at the end of the text
   * stays on its last line; an offset between `\r` and `\n` belongs to the line the pair ends.
   */
  position(offset: number): Position {
    const clamped = Math.min(Math.max(Math.floor(offset), 0), this.length);
    const line = this.lineOf(clamped);
    return { line: line + 1, column: clamped - (this.starts[line] ?? 0) + 1 };
  }

  /** The span of an offset range; an inverted range is treated as empty at its start. */
  span(start: number, end: number): Span {
    const from = this.position(start);
    const to = this.position(Math.max(start, end));
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }

  /** The 0-based index of the last line starting at or before the offset. */
  private lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
