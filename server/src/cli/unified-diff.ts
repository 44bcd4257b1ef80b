/**
 * Unified diffs for `iacsec fix --dry-run`, in the form `git apply` and `patch -p1` read. Written here rather
 * than taken from a package: fixes change a few lines of a file, so trimming the common head and tail and running
 * Myers' O(ND) algorithm on what is left is all it takes, and the bundles stay free of another dependency.
 */

type Kind = ' ' | '-' | '+';

interface Op {
  readonly kind: Kind;
  /** The line with its terminator (`\n`, `\r\n`), or without one when it is the last line of its text. */
  readonly line: string;
}

const NO_NEWLINE = '\\ No newline at end of file\n';

/**
 * The diff of two texts of one file as `--- a/<path>`, `+++ b/<path>` and hunks with `context` lines of context;
 * an empty string when the texts are equal. Lines end at `\n` (a `\r` before it is part of the line, as in git).
 */
export function unifiedDiff(oldText: string, newText: string, file: string, context = 3): string {
  if (oldText === newText) return '';
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  // GNU patch ends a file name at a space unless a tab follows it (where diff puts a timestamp); git accepts both.
  const end = file.includes(' ') ? '\t' : '';
  let out = `--- a/${file}${end}\n+++ b/${file}${end}\n`;
  for (const hunk of hunks(ops, context)) out += hunk;
  return out;
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

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let endA = a.length;
  let endB = b.length;
  while (endA > head && endB > head && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (line: string): Op => ({ kind: ' ', line });
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
function myers(a: readonly string[], b: readonly string[]): Op[] {
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

function walkBack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[]): Op[] {
  const ops: Op[] = [];
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

/** Groups changes with their context; changes fewer than 2 × context lines apart share a hunk. */
function hunks(ops: readonly Op[], context: number): string[] {
  // Lines of each text before op i: where a hunk starting at i begins.
  const oldBefore: number[] = [];
  const newBefore: number[] = [];
  let oldLine = 0;
  let newLine = 0;
  for (const op of ops) {
    oldBefore.push(oldLine);
    newBefore.push(newLine);
    if (op.kind !== '+') oldLine++;
    if (op.kind !== '-') newLine++;
  }
  const out: string[] = [];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]?.kind === ' ') i++;
    if (i >= ops.length) break;
    let last = i;
    for (let j = i + 1; j < ops.length && j - last - 1 <= 2 * context; j++) if (ops[j]?.kind !== ' ') last = j;
    // Hunks never overlap: the next change is more than 2 × context lines after this hunk's last one.
    const start = Math.max(0, i - context);
    const end = Math.min(ops.length, last + context + 1);
    const slice = ops.slice(start, end);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    let hunk = `@@ -${range(oldBefore[start] ?? 0, oldCount)} +${range(newBefore[start] ?? 0, newCount)} @@\n`;
    for (const op of slice) hunk += op.kind + (op.line.endsWith('\n') ? op.line : `${op.line}\n${NO_NEWLINE}`);
    out.push(hunk);
    i = end;
  }
  return out;
}

/** `start,count` as GNU diff writes it: a count of 1 is left out, and an empty range names the line before it. */
function range(linesBefore: number, count: number): string {
  if (count === 0) return `${linesBefore},0`;
  return count === 1 ? `${linesBefore + 1}` : `${linesBefore + 1},${count}`;
}
