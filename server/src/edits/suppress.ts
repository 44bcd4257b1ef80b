import type { EngineFinding, OffsetRange } from '../engine/finding';
import { anchorOnLine, insideScalar } from '../engine/suppressions/tree';
import { readDocument } from '../parsing/detect';
import { DEFAULT_LIMITS, type Limits } from '../parsing/errors';
import { templateOf } from '../model/adapt';
import { entryOf, isMap, isSeq, type MapEntry, type MapNode, type SeqNode } from '../parsing/nodes';
import { applyEdits } from './apply';
import type { Change, JsonValue, TextEdit } from './changes';
import { EditDocument, EditError } from './document';
import { FixEditor } from './editor';
import { entryEnd } from './flow-edits';
import { JsonRenderer } from './render-json';
import { jsonStyle } from './style';

/** A finding, whatever form its fixes take: a suppression needs only its rule, range and resource. */
type FindingToSuppress = Omit<EngineFinding, 'fixes'>;

/** The reason written into a new suppression; the editor selects it so that the user types the real one. */
export const SUPPRESSION_REASON_PLACEHOLDER = 'explain why this is acceptable';

export interface SuppressionEdit {
  /** Offsets into the text the finding counts in (after any BOM). */
  readonly edits: readonly TextEdit[];
  /** Where the placeholder reason is in the text after the edits are applied. */
  readonly placeholder: { readonly start: number; readonly end: number };
}

/** The engine's own findings (`iacsec/unused-suppression`, …) cannot be suppressed in a template. */
const ENGINE_RULE_PREFIX = 'iacsec/';

/**
 * The edits that suppress exactly one rule on one finding, with a placeholder reason: in YAML a
 * `# iacsec-ignore` comment on a line of its own above the finding (or above the logical id, when a comment
 * there would not cover it), in JSON an entry in the resource's `Metadata.iacsec.ignore`, in Terraform JSON a
 * `"//"` entry in the resource's body. None in a plan (it is output). Undefined when the
 * finding cannot be suppressed this way: an engine finding, one without a resource, or a template shaped so
 * that neither form fits.
 */
export function suppressionEdit(
  text: string,
  file: string,
  finding: FindingToSuppress,
  limits: Limits = DEFAULT_LIMITS,
): SuppressionEdit | undefined {
  if (finding.ruleId.startsWith(ENGINE_RULE_PREFIX) || finding.resource === undefined) return undefined;
  if (finding.end > text.length) return undefined;
  let edits: readonly TextEdit[] | undefined;
  try {
    const outcome = readDocument(text, file, limits);
    if (outcome.kind !== 'document' || outcome.document.format === 'terraform-plan') return undefined;
    const doc = new EditDocument(text, file, limits);
    if (outcome.document.format === 'terraform') {
      const body = templateOf(outcome.document).resource(finding.resource.id)?.node;
      edits = body === undefined ? undefined : terraformEdits(doc, file, finding.ruleId, body, limits);
      return settle(text, file, edits, limits);
    }
    const resources = entryOf(doc.root, 'Resources')?.value;
    const id = finding.resource.id;
    // Logical ids are compared as the model reads them: a key written as a number names the resource `String(key)`.
    const resource = isMap(resources) ? resources.entries.find((entry) => String(entry.key.value) === id) : undefined;
    if (resource === undefined) return undefined;
    edits =
      doc.syntax === 'yaml'
        ? commentEdits(doc, finding, resource)
        : metadataEdits(doc, file, finding.ruleId, resource, limits);
  } catch (error) {
    if (error instanceof EditError) return undefined;
    throw error;
  }
  return settle(text, file, edits, limits);
}

/** The edits with their placeholder, when there are edits and the result still reads as a template. */
function settle(
  text: string,
  file: string,
  edits: readonly TextEdit[] | undefined,
  limits: Limits,
): SuppressionEdit | undefined {
  if (edits === undefined) return undefined;
  const placeholder = placeholderAfter(edits);
  if (placeholder === undefined || readDocument(applyEdits(text, edits), file, limits).kind !== 'document') {
    return undefined;
  }
  return { edits, placeholder };
}

/**
 * `# iacsec-ignore <rule> -- <placeholder>` on its own line directly above the finding's line, indented like
 * that line, when the key or item that line starts (what inline suppressions anchor an own-line comment to)
 * covers the finding without reaching outside its resource; else above the logical id, covering the resource.
 */
function commentEdits(doc: EditDocument, finding: FindingToSuppress, resource: MapEntry): TextEdit[] | undefined {
  const resourceRange = { start: resource.key.start, end: entryEnd(resource) };
  // A finding outside its resource's text (on a parameter's default, say) is covered by its resource id only.
  const lines = within(finding, resourceRange) ? [finding.start, resource.key.start] : [resource.key.start];
  for (const offset of lines) {
    const lineStart = doc.lineStart(offset);
    if (!anchorCovers(doc, lineStart, finding, resource, resourceRange)) continue;
    const indent = doc.indentOf(doc.lineEnd(lineStart));
    const comment = `# iacsec-ignore ${finding.ruleId} -- ${SUPPRESSION_REASON_PLACEHOLDER}`;
    return [{ start: lineStart, end: lineStart, text: `${indent}${comment}${doc.eol}` }];
  }
  return undefined;
}

/** Whether an own-line comment inserted at `lineStart` would cover the finding, and only within its resource. */
function anchorCovers(
  doc: EditDocument,
  lineStart: number,
  finding: FindingToSuppress,
  resource: MapEntry,
  resourceRange: OffsetRange,
): boolean {
  // A line that starts inside a scalar (a quoted or plain one across lines) would take the comment as its text.
  if (insideScalar(doc.root, lineStart)) return false;
  const anchor = anchorOnLine(doc.root, lineStart, doc.lineEnd(lineStart));
  if (anchor === undefined) return false;
  // On the logical id the comment covers the whole resource, findings it is named by included.
  if (anchor.key?.start === resource.key.start) return true;
  return within(anchor, resourceRange) && within(finding, anchor);
}

/**
 * Terraform JSON has comments only as `"//"` keys: the suppression is a `"//"` in the resource's body, or joins the
 * one already there (a string becomes a list of strings, a list gains an item).
 */
function terraformEdits(
  doc: EditDocument,
  file: string,
  ruleId: string,
  body: MapNode,
  limits: Limits,
): readonly TextEdit[] | undefined {
  const comment = `iacsec-ignore ${ruleId} -- ${SUPPRESSION_REASON_PLACEHOLDER}`;
  const existing = entryOf(body, '//')?.value;
  const editor = (change: Change): TextEdit[] =>
    new FixEditor(doc.text, file, limits).edits({ title: 'suppress', safe: false, changes: [change] });
  if (existing === undefined) return editor({ kind: 'set', map: body, path: ['//'], value: comment });
  if (isSeq(existing)) return appendJsonItem(doc, new JsonRenderer(jsonStyle(doc)), existing, comment);
  if (existing.kind === 'scalar' && typeof existing.value === 'string')
    return editor({ kind: 'replace', node: existing, value: [existing.value, comment] });
  return undefined;
}

/**
 * `{ rule, reason }` appended to the resource's `Metadata.iacsec.ignore`, creating whatever of `Metadata`,
 * `iacsec` and `ignore` is missing; undefined when one of them exists but is not what metadata suppressions read.
 */
function metadataEdits(
  doc: EditDocument,
  file: string,
  ruleId: string,
  resource: MapEntry,
  limits: Limits,
): readonly TextEdit[] | undefined {
  const body = resource.value;
  if (!isMap(body)) return undefined;
  const entry = { rule: ruleId, reason: SUPPRESSION_REASON_PLACEHOLDER };
  const metadata = entryOf(body, 'Metadata')?.value;
  const iacsec = isMap(metadata) ? entryOf(metadata, 'iacsec')?.value : undefined;
  const ignore = isMap(iacsec) ? entryOf(iacsec, 'ignore')?.value : undefined;
  if (ignore === undefined) {
    // The edit builder creates the missing maps, and refuses a `Metadata` or `iacsec` that is not a plain map.
    const changes = [{ kind: 'set', map: body, path: ['Metadata', 'iacsec', 'ignore'], value: [entry] }] as const;
    return new FixEditor(doc.text, file, limits).edits({ title: 'suppress', safe: false, changes });
  }
  return isSeq(ignore) ? appendJsonItem(doc, new JsonRenderer(jsonStyle(doc)), ignore, entry) : undefined;
}

/**
 * Adds an item after the last one of a JSON array, laid out as that item is: on the same line in a one-line
 * array, else on a line of its own at the items' indentation (or after `}, ` when items share lines with their
 * brackets). An empty array opens across lines when what holds it spans lines, as JSON formatters write it.
 */
function appendJsonItem(doc: EditDocument, json: JsonRenderer, seq: SeqNode, item: JsonValue): TextEdit[] {
  const last = seq.items.at(-1);
  if (last === undefined) {
    const parent = doc.parentOf(seq);
    const holder = parent.kind === 'entry' ? parent.map : parent.kind === 'item' ? parent.seq : undefined;
    const multiline = holder !== undefined && !doc.sameLine(holder.start, holder.end);
    return [{ start: seq.start, end: seq.end, text: json.value([item], doc.indentOf(seq.start), multiline) }];
  }
  if (doc.sameLine(seq.start, seq.end)) return [{ start: last.end, end: last.end, text: `, ${json.inline(item)}` }];
  const indent = doc.indentOf(last.start);
  const value = json.value(item, indent, !doc.sameLine(last.start, last.end));
  const text = doc.firstOnLine(last.start) ? `,${doc.eol}${indent}${value}` : `, ${value}`;
  return [{ start: last.end, end: last.end, text }];
}

/** Where the placeholder lands once the edits are applied: its offset in its edit, moved by the edits before it. */
function placeholderAfter(edits: readonly TextEdit[]): { start: number; end: number } | undefined {
  let shift = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const at = edit.text.indexOf(SUPPRESSION_REASON_PLACEHOLDER);
    if (at !== -1) {
      const start = edit.start + shift + at;
      return { start, end: start + SUPPRESSION_REASON_PLACEHOLDER.length };
    }
    shift += edit.text.length - (edit.end - edit.start);
  }
  return undefined;
}

function within(inner: OffsetRange, outer: OffsetRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
