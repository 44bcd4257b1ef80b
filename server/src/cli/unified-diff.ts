// Unified diffs for `iacsec fix --dry-run`, in the form `git apply` and `patch -p1` read.
import { diffLines, splitLines, type DiffOp } from '../edits/line-diff';

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

/** Groups changes with their context; changes fewer than 2 × context lines apart share a hunk. */
function hunks(ops: readonly DiffOp[], context: number): string[] {
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
