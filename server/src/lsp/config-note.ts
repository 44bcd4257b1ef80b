import type { ConfigNote } from './worker-protocol';

/** What the editor says of a broken configuration that governs a document: where it is broken, and what applies. */
export function configNoteText(note: ConfigNote): string {
  const first = note.errors[0];
  const where = first === undefined ? note.file : `${note.file}:${first.line}:${first.column}`;
  return `The iacsec configuration ${where} is invalid, so the defaults apply: ${first?.message ?? 'unreadable'}`;
}
