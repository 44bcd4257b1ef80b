import { commands, env, Uri, workspace } from 'vscode';
import type { ExecuteCommandSignature } from 'vscode-languageclient/node';
import { COMMANDS } from '../../server/src/lsp/protocol';
import { rulePageSegments, webAddress } from './rule-pages';

/**
 * The language client's `executeCommand` middleware. "Show documentation" (`[ruleId, href]`) opens the rule's
 * page bundled in the extension as a Markdown preview, so it works offline and matches the installed version;
 * without a bundled page it opens `href` in the browser. Every other command goes to the server.
 */
export function executeCommandMiddleware(extensionUri: Uri) {
  return async (command: string, args: unknown[], next: ExecuteCommandSignature): Promise<unknown> => {
    if (command !== COMMANDS.showDocumentation) return next(command, args);
    const [ruleId, href] = args;
    const segments = typeof ruleId === 'string' ? rulePageSegments(ruleId) : undefined;
    const page = segments ? Uri.joinPath(extensionUri, ...segments) : undefined;
    if (page && (await exists(page))) {
      return commands.executeCommand('markdown.showPreview', page);
    }
    const address = webAddress(href);
    if (address !== undefined) return env.openExternal(Uri.parse(address, true));
    // Nothing the client can open: the server answers with window/showDocument, as it does for other editors.
    return next(command, args);
  };
}

async function exists(uri: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
