import type { SourceNode } from '../parsing/nodes';
import type { EditDocument, LineEnding } from './document';
import { isIntrinsic } from './values';

/** How a YAML file is written, so that added text reads as if its author wrote it. */
export interface YamlStyle {
  readonly eol: LineEnding;
  /** Spaces per nesting level of block maps (2 unless the file shows otherwise). */
  readonly indent: number;
  /** `Key:\n  - a` (indented) or `Key:\n- a` (flush with the key). */
  readonly sequences: 'indented' | 'flush';
  /** Whether the file writes CloudFormation functions as short-form tags (`!Ref X`) anywhere. */
  readonly shortForm: boolean;
  /** The quote the file uses most for quoted scalars; single (CloudFormation's documentation) by default. */
  readonly quote: "'" | '"';
  /** Spaces inside flow brackets: `{ a: 1 }` / `[a, b]` by default. */
  readonly padMaps: boolean;
  readonly padSeqs: boolean;
}

/** How a JSON file is written. */
export interface JsonStyle {
  readonly eol: LineEnding;
  /** One indentation step: spaces or tabs, as the file uses (two spaces by default). */
  readonly indent: string;
  /** Between a key and its value: `": "` by default. */
  readonly colon: string;
  /** Spaces inside the braces of one-line objects and arrays: `{ "a": 1 }` by default. */
  readonly padded: boolean;
  /** `{ "Ref": "X" }` on one line in multi-line files too (CloudFormation's usual JSON), unless the file breaks it. */
  readonly inlineIntrinsics: boolean;
}

/** Counts votes per answer and returns the most frequent, or the default on a tie or no votes. */
class Tally<T> {
  private readonly counts = new Map<T, number>();
  vote(answer: T): void {
    this.counts.set(answer, (this.counts.get(answer) ?? 0) + 1);
  }
  winner(fallback: T): T {
    let best = fallback;
    let bestCount = this.counts.get(fallback) ?? 0;
    for (const [answer, count] of this.counts) {
      if (count > bestCount) [best, bestCount] = [answer, count];
    }
    return best;
  }
}

export function yamlStyle(doc: EditDocument): YamlStyle {
  const indent = new Tally<number>();
  const sequences = new Tally<'indented' | 'flush'>();
  const quote = new Tally<"'" | '"'>();
  const padMaps = new Tally<boolean>();
  const padSeqs = new Tally<boolean>();
  let shortForm = false;
  walk(doc.root, (node, parentKeyStart) => {
    const first = doc.text.charAt(node.start);
    if (node.kind === 'map' && node.shortForm === true) shortForm = true;
    if (node.kind === 'scalar' && (first === "'" || first === '"')) quote.vote(first);
    if (node.kind !== 'scalar' && doc.isFlow(node) && node.end - node.start > 2 && doc.sameLine(node.start, node.end)) {
      (node.kind === 'map' ? padMaps : padSeqs).vote(doc.text.charAt(node.start + 1) === ' ');
    }
    if (parentKeyStart === undefined || doc.isFlow(node) || !doc.firstOnLine(node.start)) return;
    const step = doc.column(node.start) - doc.column(parentKeyStart);
    if (node.kind === 'map' && node.shortForm !== true && step > 0) indent.vote(step);
    if (node.kind === 'seq') sequences.vote(step > 0 ? 'indented' : 'flush');
  });
  return {
    eol: doc.eol,
    indent: indent.winner(2),
    sequences: sequences.winner('indented'),
    shortForm,
    quote: quote.winner("'"),
    padMaps: padMaps.winner(true),
    padSeqs: padSeqs.winner(false),
  };
}

export function jsonStyle(doc: EditDocument): JsonStyle {
  const indent = new Tally<string>();
  const colon = new Tally<string>();
  const padded = new Tally<boolean>();
  const inline = new Tally<boolean>();
  walk(doc.root, (node) => {
    if (node.kind === 'scalar') return;
    const oneLine = doc.sameLine(node.start, node.end);
    if (node.kind === 'map' && isIntrinsic(node)) inline.vote(oneLine);
    const children = node.kind === 'map' ? node.entries.map((entry) => entry.key) : node.items;
    if (oneLine && children.length > 0) padded.vote(doc.text.charAt(node.start + 1) === ' ');
    const first = children[0];
    if (node.kind === 'map' && node.entries[0] !== undefined) {
      const between = doc.text.slice(node.entries[0].key.end, node.entries[0].value.start);
      if (!between.includes('\n')) colon.vote(between);
    }
    if (first === undefined || oneLine || !doc.firstOnLine(first.start)) return;
    const outer = doc.indentOf(node.start);
    const inner = doc.indentOf(first.start);
    if (inner.length > outer.length && inner.startsWith(outer)) indent.vote(inner.slice(outer.length));
  });
  return {
    eol: doc.eol,
    indent: indent.winner('  '),
    colon: colon.winner(': '),
    padded: padded.winner(true),
    inlineIntrinsics: inline.winner(true),
  };
}

/**
 * Visits every node with the start of the key it is the value of: undefined for sequence items, the root, and
 * the argument of a short-form tag (whose "key" is the tag, not a column anything is indented from).
 */
function walk(
  node: SourceNode,
  visit: (node: SourceNode, parentKeyStart: number | undefined) => void,
  key?: number,
): void {
  visit(node, key);
  if (node.kind === 'map') {
    for (const entry of node.entries) walk(entry.value, visit, node.shortForm === true ? undefined : entry.key.start);
  } else if (node.kind === 'seq') {
    for (const item of node.items) walk(item, visit, undefined);
  }
}
