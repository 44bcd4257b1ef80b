/**
 * Fixes as minimal edits. Rules describe a fix as `Change`s to the source tree (`changes.ts`); this folder
 * turns them into offset edits in the file's own style, without ever re-serialising the document, and applies
 * them in passes. `propose.ts` helps rules build changes that only touch what they mean to.
 */
export type { Change, FixProposal, JsonValue, TextEdit } from './changes';
export { EditError } from './document';
export { FixEditor } from './editor';
export {
  applyEdits,
  applyFixes,
  applyFixPass,
  fixEdits,
  type ApplyOptions,
  type FixFilter,
  type FixPass,
} from './apply';
export { editableMap, literalIn, setProperty, unusedName, within } from './propose';
export { SUPPRESSION_REASON_PLACEHOLDER, suppressionEdit, type SuppressionEdit } from './suppress';
