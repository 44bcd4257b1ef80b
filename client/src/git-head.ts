import { extensions, type Uri } from 'vscode';

// The little of the built-in Git extension's API (version 1) that the security diff uses.
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

interface GitApi {
  getRepository(uri: Uri): GitRepository | null;
}

interface GitRepository {
  /** The file's text at `ref`; `path` is the file's absolute path. Rejects when the file is not in that commit. */
  show(ref: string, path: string): Promise<string>;
}

/**
 * A reader of the file's text at git HEAD, through VS Code's own Git extension (this extension never starts git
 * itself); undefined when there is none: the Git extension is missing, disabled (as it is in Restricted Mode) or
 * has no repository open for the file, or the document is not a file on disk.
 */
export async function headReader(uri: Uri): Promise<(() => Promise<string>) | undefined> {
  if (uri.scheme !== 'file') return undefined;
  const extension = extensions.getExtension<GitExtension>('vscode.git');
  if (extension === undefined) return undefined;
  let git: GitExtension;
  try {
    git = extension.isActive ? extension.exports : await extension.activate();
  } catch {
    return undefined;
  }
  if (!git.enabled) return undefined;
  const repository = git.getAPI(1).getRepository(uri);
  return repository === null ? undefined : () => repository.show('HEAD', uri.fsPath);
}
