import { Selection, TextEditorRevealType, Uri, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parseSelectRangeArguments } from './report-messages';

/**
 * `COMMANDS.selectRange [uri, range]`, run after the server's "suppress with reason" edit: selects the
 * placeholder reason so typing replaces it. Only in the editor that shows that document; otherwise nothing.
 */
export function selectRange(client: LanguageClient, args: readonly unknown[]): void {
  const parsed = parseSelectRangeArguments(args);
  const editor = window.activeTextEditor;
  if (!parsed || !editor || editor.document.uri.toString() !== canonical(parsed.uri)) return;
  const range = client.protocol2CodeConverter.asRange(parsed.range);
  editor.selection = new Selection(range.start, range.end);
  editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The server may spell a URI differently (percent-encoding); compare as VS Code prints it. */
function canonical(uri: string): string | undefined {
  try {
    return Uri.parse(uri, true).toString();
  } catch {
    return undefined;
  }
}
