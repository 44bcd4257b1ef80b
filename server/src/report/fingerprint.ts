import { createHash } from 'node:crypto';
import { LineIndex } from './positions';
import type { Finding } from './types';

/** The text of a report file, by the path the report shows; undefined when it cannot be had. */
export type SourceLookup = (file: string) => string | undefined;

/**
 * Fingerprints that follow a finding across edits of its file: the rule id, the resource's id and a hash of
 * the underlined text with its whitespace collapsed — never line numbers, so adding a resource above does not
 * make every later finding look new (GitHub code scanning and other SARIF consumers track alerts by them).
 * Findings that are alike in all three are told apart by their order in the file. One instance serves one
 * report: it keeps each file's line index and the fingerprints it has handed out.
 */
export class Fingerprints {
  private readonly indexes = new Map<string, { readonly text: string; readonly lines: LineIndex } | undefined>();
  private readonly seen = new Map<string, number>();

  constructor(private readonly source: SourceLookup) {}

  of(finding: Finding): string {
    const underlined = this.underlined(finding) ?? finding.message;
    const hash = createHash('sha256')
      .update(`${finding.ruleId}\u0000${finding.resource?.id ?? ''}\u0000${underlined.replace(/\s+/g, ' ').trim()}`)
      .digest('hex')
      .slice(0, 32);
    const key = `${finding.file}\u0000${hash}`;
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    return count === 1 ? hash : `${hash}:${count}`;
  }

  private underlined(finding: Finding): string | undefined {
    const file = this.file(finding.file);
    if (file === undefined) return undefined;
    const start = file.lines.lineStart(finding.line) + finding.column - 1;
    const end = file.lines.lineStart(finding.endLine) + finding.endColumn - 1;
    return file.text.slice(start, Math.max(start, end));
  }

  private file(name: string): { readonly text: string; readonly lines: LineIndex } | undefined {
    if (this.indexes.has(name)) return this.indexes.get(name);
    const raw = this.source(name);
    // Positions count from after a BOM, as everywhere in the report.
    const text = raw === undefined ? undefined : raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const entry = text === undefined ? undefined : { text, lines: new LineIndex(text) };
    this.indexes.set(name, entry);
    return entry;
  }
}
