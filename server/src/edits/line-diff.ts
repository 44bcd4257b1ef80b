/**
 * Line diffs of two texts: the common head and tail trimmed, then Myers' O(ND) algorithm on what is left. Fixes
 * change a few lines of a file, so this is all it takes, and the bundles stay free of another dependency. The
 * CLI prints them as unified diffs; the language server turns them into the few edits a fix-all made.
 */
import type { TextEdit } from './changes';

export type DiffKind = ' ' | '-' | '+';

export interface DiffOp {
  readonly kind: DiffKind;
  /** The line with its terminator (`\n`, `\r\n`), or without one when it is the last line of its text. */
  readonly line: string;
}

/** Each line keeps its `\n`, so a last line without one differs from the same line with one, as it should. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
    lines.push(text.slice(start, newline + 1));
    start = newline + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let endA = a.length;
  let endB = b.length;
  while (endA > head && endB > head && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (line: string): DiffOp => ({ kind: ' ', line });
  return [
    ...a.slice(0, head).map(same),
    ...myers(a.slice(head, endA), b.slice(head, endB)),
    ...a.slice(endA).map(same),
  ];
}

/**
 * Myers' greedy shortest edit script. `trace[d]` keeps the furthest x on diagonals -d..d as they stood before
 * step d, which is all the walk back needs (O(D²) memory rather than O(D·(N+M))).
 */
function myers(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 3);
  const at = (k: number): number => v[k + max + 1] ?? 0;
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(max + 1 - d, max + 2 + d));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? at(k + 1) : at(k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + max + 1] = x;
      if (x >= n && y >= m) return walkBack(trace, a, b);
    }
  }
  return walkBack(trace, a, b);
}

function walkBack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[]): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const before = trace[d] ?? new Int32Array(0);
    const at = (k: number): number => before[k + d] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > (down ? previousX : previousX + 1) && y > (down ? previousY + 1 : previousY)) {
      ops.push({ kind: ' ', line: a[--x] ?? '' });
      y--;
    }
    if (down) ops.push({ kind: '+', line: b[--y] ?? '' });
    else ops.push({ kind: '-', line: a[--x] ?? '' });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[--x] ?? '' });
    y--;
  }
  return ops.reverse();
}

/**
 * The edits that turn `oldText` into `newText`, one per run of changed lines, in offsets of `oldText`: what a
 * client applies so that markers, folds and the cursor outside the changed lines stay where they were.
 */
export function lineEdits(oldText: string, newText: string): TextEdit[] {
  if (oldText === newText) return [];
  const edits: TextEdit[] = [];
  let offset = 0;
  let pending: { start: number; end: number; text: string } | undefined;
  for (const op of diffLines(splitLines(oldText), splitLines(newText))) {
    if (op.kind === ' ') {
      if (pending !== undefined) edits.push(pending);
      pending = undefined;
      offset += op.line.length;
      continue;
    }
    pending ??= { start: offset, end: offset, text: '' };
    if (op.kind === '-') {
      offset += op.line.length;
      pending.end = offset;
    } else pending.text += op.line;
  }
  if (pending !== undefined) edits.push(pending);
  return edits;
}
