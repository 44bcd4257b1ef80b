import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../../src/edits/changes';
import { lineEdits } from '../../src/edits/line-diff';
import { WorkerLinting } from '../../src/lsp/worker-linting';
import type { WorkerResponse } from '../../src/lsp/worker-protocol';

/**
 * `source.fixAll.iacsec` as the editor runs it: the lint worker's `fixAll` request, driven in this thread. The
 * buffer is sent as unsaved (`onDisk: false`), so no `.iacsec.yaml` near a fixture changes the rules: the
 * single fixes of the sweep are worked out with the same default rule set.
 */
export class EditorFixAll {
  private readonly answers = new Map<number, WorkerResponse>();
  private readonly worker = new WorkerLinting((response) => this.answers.set(response.id, response));
  private requests = 0;

  /** The whole text after every safe fix, pass after pass (BOM, line endings and final newline kept). */
  async fixAll(file: string, text: string): Promise<string> {
    const id = ++this.requests;
    await this.worker.handle({ kind: 'fixAll', id, file, text, onDisk: false, cwd: path.dirname(file) });
    const answer = this.answers.get(id);
    this.answers.delete(id);
    if (answer?.kind !== 'fixed') throw new Error(`fixAll of ${file} answered ${JSON.stringify(answer)}`);
    return answer.text;
  }
}

/** The fix-all code action's edits (line edits between buffer and fixed text) applied as a client applies them. */
export function applyFixAllAsEditor(buffer: string, fixed: string): string {
  return applyAsClient(buffer, lineEdits(buffer, fixed), 0);
}

/**
 * A quick fix's edits, made in offsets after any BOM, turned into positions of the buffer as the language server
 * does (server/src/lsp/code-actions.ts) and applied as a client applies a WorkspaceEdit.
 */
export function applyQuickFixAsEditor(buffer: string, edits: readonly TextEdit[]): string {
  return applyAsClient(buffer, edits, buffer.charCodeAt(0) === 0xfeff ? 1 : 0);
}

function applyAsClient(buffer: string, edits: readonly TextEdit[], shift: number): string {
  const document = TextDocument.create('file:///sweep', 'yaml', 1, buffer);
  return TextDocument.applyEdits(
    document,
    edits.map((edit) => ({
      range: { start: document.positionAt(edit.start + shift), end: document.positionAt(edit.end + shift) },
      newText: edit.text,
    })),
  );
}
