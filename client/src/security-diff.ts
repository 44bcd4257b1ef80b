import * as path from 'node:path';
import { ProgressLocation, type QuickPickItem, type TextDocument, type Uri, window, workspace } from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, type SecurityDiffRequest } from '../../server/src/lsp/protocol';
import { headReader } from './git-head';
import type { SecurityDiffDocuments } from './security-diff-documents';

const TEMPLATE_LANGUAGES: ReadonlySet<string> = new Set(['yaml', 'json']);

/** The other side of the diff: its name in the report, a short one for the tab, and its text. */
interface Base {
  readonly name: string;
  readonly label: string;
  readonly text: string;
}

interface BaseItem extends QuickPickItem {
  readonly base: 'head' | 'file' | 'previous';
}

/**
 * "iacsec: Security Diff": the active template (its text in the editor, saved or not) against its version at git
 * HEAD, read through VS Code's Git extension, or against a file the user picks; the server diffs them as
 * `iacsec diff` does and the result opens read-only beside the editor.
 */
export async function showSecurityDiff(client: LanguageClient, documents: SecurityDiffDocuments): Promise<void> {
  const document = window.activeTextEditor?.document;
  if (document === undefined || !TEMPLATE_LANGUAGES.has(document.languageId)) {
    void window.showInformationMessage(
      'iacsec: open a CloudFormation template (YAML or JSON) to see its security diff.',
    );
    return;
  }
  try {
    const base = await pickBase(document, await previousSynth(client, document));
    if (base === undefined) return;
    const newName = workspace.asRelativePath(document.uri, false);
    const request: SecurityDiffRequest = {
      oldText: base.text,
      newText: document.getText(),
      oldName: base.name,
      newName,
      newUri: document.uri.toString(),
    };
    const text = await window.withProgress({ location: ProgressLocation.Window, title: 'iacsec: security diff' }, () =>
      requestDiff(client, request),
    );
    await documents.show(`Security diff of ${path.basename(newName)} against ${base.label}`, text);
  } catch (error) {
    void window.showErrorMessage(
      `iacsec: the security diff failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** HEAD or a file, as the user chooses; straight to the file dialog when git has no HEAD version to offer. */
async function pickBase(document: TextDocument, previous: string | undefined): Promise<Base | undefined> {
  const head = await headReader(document.uri);
  if (head === undefined && previous === undefined) return pickFile(document);
  const items: BaseItem[] = [
    ...(previous === undefined
      ? []
      : [
          {
            label: '$(history) Previous synth',
            description: 'this template before the last cdk synth',
            base: 'previous' as const,
          },
        ]),
    ...(head === undefined
      ? []
      : [{ label: '$(git-commit) Git HEAD', description: 'the last commit of this file', base: 'head' as const }]),
    { label: '$(file) A file…', description: 'a template you pick', base: 'file' },
  ];
  const chosen = await window.showQuickPick(items, { placeHolder: 'Compare the template with' });
  if (chosen === undefined) return undefined;
  if (chosen.base === 'file') return pickFile(document);
  const relative = workspace.asRelativePath(document.uri, false);
  if (chosen.base === 'previous' || head === undefined)
    return { name: `${relative} (previous synth)`, label: 'the previous synth', text: previous ?? '' };
  try {
    return { name: `HEAD:${relative}`, label: 'HEAD', text: await head() };
  } catch {
    const choice = await window.showWarningMessage(
      `iacsec: ${relative} is not in git HEAD (a new file?). Compare it with another file?`,
      'Pick a File…',
    );
    return choice === undefined ? undefined : pickFile(document);
  }
}

async function pickFile(document: TextDocument): Promise<Base | undefined> {
  const picked = await window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Compare',
    title: 'iacsec: the template to compare with',
    ...(document.uri.scheme === 'file' ? { defaultUri: parentOf(document.uri) } : {}),
    filters: { Templates: ['yaml', 'yml', 'json', 'template'], 'All files': ['*'] },
  });
  const uri = picked?.[0];
  if (uri === undefined) return undefined;
  const bytes = await workspace.fs.readFile(uri);
  const name = workspace.asRelativePath(uri, false);
  return { name, label: path.basename(name), text: new TextDecoder().decode(bytes) };
}

function parentOf(uri: Uri): Uri {
  return uri.with({ path: path.posix.dirname(uri.path) });
}

/** The server's text for the diff; a server that answers otherwise is an error. */
async function requestDiff(client: LanguageClient, request: SecurityDiffRequest): Promise<string> {
  const answer: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
    command: COMMANDS.securityDiff,
    arguments: [request],
  });
  const text = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>)['text'] : undefined;
  if (typeof text !== 'string') throw new Error('the language server gave no diff');
  return text;
}

/** The template before the last `cdk synth` the server saw, when the open file is a CDK template it kept. */
async function previousSynth(client: LanguageClient, document: TextDocument): Promise<string | undefined> {
  if (document.uri.scheme !== 'file' || !document.uri.path.includes('/cdk.out/')) return undefined;
  const answer: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
    command: COMMANDS.previousTemplate,
    arguments: [document.uri.toString()],
  });
  return typeof answer === 'string' ? answer : undefined;
}
