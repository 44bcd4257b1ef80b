import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineFinding } from '../../src/engine/finding';
import type { DocumentResult, Linter } from '../../src/engine/linter';
import { readDocument } from '../../src/parsing/detect';
import type { SourceNode } from '../../src/parsing/nodes';
import { listCorpusFiles, parsesAsBaseline } from './corpus-files';
import { treeProblem } from './tree-invariants';

/** One corpus file after linting: what the baseline said, and what the linter gave or threw. */
export interface SweptFile {
  /** Relative to the corpus root, `/`-separated. */
  readonly file: string;
  /** The text the engine's offsets count in: the file's, after any BOM. */
  readonly text: string;
  readonly baseline: boolean;
  readonly result: DocumentResult | undefined;
  readonly thrown: unknown;
  /** The first broken promise of the template's source tree (see tree-invariants.ts), if any. */
  readonly treeProblem: string | undefined;
}

export interface Sweep {
  readonly files: readonly SweptFile[];
  readonly millis: number;
}

export function sweepCorpus(root: string, linter: Linter): Sweep {
  const started = performance.now();
  const files = listCorpusFiles(root).map((file): SweptFile => {
    const raw = fs.readFileSync(path.join(root, file), 'utf8');
    const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const baseline = parsesAsBaseline(raw);
    try {
      // The absolute path, as the CLI would pass it: detection looks at the name.
      const result = linter.lint(raw, path.join(root, file));
      return {
        file,
        text,
        baseline,
        result,
        thrown: undefined,
        treeProblem: result.iac ? checkTree(text, file, linter) : undefined,
      };
    } catch (error) {
      return { file, text, baseline, result: undefined, thrown: error, treeProblem: undefined };
    }
  });
  return { files, millis: performance.now() - started };
}

/** The linter hands back no tree, so the tree check reads the text again. */
function checkTree(text: string, file: string, linter: Linter): string | undefined {
  const outcome = readDocument(text, file, linter.limits);
  return outcome.kind === 'document' ? treeProblem(text, outcome.document.root) : undefined;
}

/**
 * What is wrong with a finding's range, or undefined: it must lie inside the text, and be non-empty unless it
 * sits exactly on an empty node (`Key:` with nothing after it), the only zero-length thing a rule can report.
 * A non-empty range must also start and end on non-space text, as every node the readers build does.
 */
export function rangeProblem(
  swept: SweptFile,
  finding: EngineFinding,
  emptyNodes: () => ReadonlySet<number>,
): string | undefined {
  const { text } = swept;
  const ranges = [
    { start: finding.start, end: finding.end, what: 'range' },
    ...finding.related.map((related) => ({ ...related, what: 'related range' })),
  ];
  for (const { start, end, what } of ranges) {
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
      return `${what} [${start}, ${end}) is outside the text (length ${text.length})`;
    }
    if (start === end) {
      if (!emptyNodes().has(start)) return `${what} [${start}, ${end}) is empty and not on an empty node`;
    } else if (/\s/.test(text.charAt(start)) || /\s/.test(text.charAt(end - 1))) {
      return `${what} [${start}, ${end}) starts or ends on white space: ${JSON.stringify(text.slice(start, end))}`;
    }
  }
  return undefined;
}

/** Offsets of every zero-length node of a file's tree; read again only when a zero-length finding needs them. */
export function emptyNodeOffsets(swept: SweptFile, linter: Linter): Set<number> {
  const offsets = new Set<number>();
  const outcome = readDocument(swept.text, swept.file, linter.limits);
  if (outcome.kind !== 'document') return offsets;
  const visit = (node: SourceNode): void => {
    if (node.start === node.end) offsets.add(node.start);
    if (node.kind === 'map') {
      for (const entry of node.entries) {
        visit(entry.key);
        visit(entry.value);
      }
    } else if (node.kind === 'seq') {
      node.items.forEach(visit);
    }
  };
  visit(outcome.document.root);
  return offsets;
}
