import type { SourceNode } from '../../src/parsing/nodes';

/**
 * The first way a source tree breaks the promises rules rely on, or undefined: every node lies inside the
 * text and inside its parent, after its previous sibling, and a non-empty node starts and ends on text (the
 * readers trim white space and comments), so a finding on any node underlines exactly what it names.
 * Aliases are checked as nodes but not entered: their content is the anchored node's, shared, placed earlier.
 */
export function treeProblem(text: string, root: SourceNode): string | undefined {
  const problemOf = (node: SourceNode, parent: { start: number; end: number }, after: number): string | undefined => {
    const { start, end } = node;
    const at = (): string => `${node.kind} [${start}, ${end}) ${JSON.stringify(clip(text.slice(start, end)))}`;
    if (!(start >= 0 && start <= end && end <= text.length)) return `${at()} lies outside the text`;
    if (start < parent.start || end > parent.end)
      return `${at()} lies outside its parent [${parent.start}, ${parent.end})`;
    if (start < after) return `${at()} starts before its previous sibling's end ${after}`;
    const children =
      text.charCodeAt(start) === 0x2a /* * */
        ? []
        : node.kind === 'map'
          ? node.entries.flatMap((entry) => [entry.key, entry.value])
          : node.kind === 'seq'
            ? node.items
            : [];
    let cursor = start;
    for (const child of children) {
      const problem = problemOf(child, node, cursor);
      if (problem !== undefined) return problem;
      cursor = child.end;
    }
    // Checked after the children: an untrimmed parent is usually the echo of an untrimmed child, the one to name.
    if (start < end && (isSpace(text.charCodeAt(start)) || isSpace(text.charCodeAt(end - 1))))
      return `${at()} starts or ends on white space`;
    return undefined;
  };
  return problemOf(root, { start: 0, end: text.length }, 0);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function clip(snippet: string): string {
  return snippet.length > 60 ? `${snippet.slice(0, 28)}…${snippet.slice(-28)}` : snippet;
}
