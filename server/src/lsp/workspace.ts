import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { globMatcher } from '../engine/suppressions/patterns';
import type { Settings } from './protocol';
import { readSettings } from './settings';

export interface Folder {
  readonly uri: string;
  readonly name: string;
  /** The local path; folders that are not `file:` URIs are not audited. */
  readonly path: string | undefined;
}

/** The workspace folders the client told of, kept current through `workspace/didChangeWorkspaceFolders`. */
export class WorkspaceFolders {
  private folders: Folder[] = [];

  set(list: readonly { readonly uri: string; readonly name: string }[]): void {
    this.folders = list.map((folder) => ({ uri: folder.uri, name: folder.name, path: localPath(folder.uri) }));
  }

  change(added: readonly { uri: string; name: string }[], removed: readonly { uri: string }[]): void {
    const gone = new Set(removed.map((folder) => folder.uri));
    this.set([...this.folders.filter((folder) => !gone.has(folder.uri)), ...added]);
  }

  all(): readonly Folder[] {
    return this.folders;
  }

  /** The innermost folder holding a path. */
  of(file: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders) {
      if (folder.path === undefined || !isInside(file, folder.path)) continue;
      if (best?.path === undefined || folder.path.length > best.path.length) best = folder;
    }
    return best;
  }
}

/** Settings per document, asked of the client once and kept until it says they changed. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(
    /** `workspace/configuration` for one document's `iacsec` section; undefined for clients without it. */
    private readonly fetch: ((uri: string) => Promise<unknown>) | undefined,
    private base: Settings,
  ) {}

  for(uri: string): Promise<Settings> {
    const fetch = this.fetch;
    if (fetch === undefined) return Promise.resolve(this.base);
    let settings = this.cache.get(uri);
    if (settings === undefined) {
      settings = fetch(uri).then(
        (raw) => readSettings(raw, this.base),
        () => this.base,
      );
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** The settings no document has asked for: the defaults and what the client gave at `initialize`. */
  defaults(): Settings {
    return this.base;
  }

  /** `workspace/didChangeConfiguration`: clients that push settings push them here. */
  changed(pushed: unknown): void {
    this.cache.clear();
    if (this.fetch === undefined && typeof pushed === 'object' && pushed !== null && 'iacsec' in pushed)
      this.base = readSettings(pushed.iacsec, this.base);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

/** The name detection sees: the file's path, or an unsaved buffer's URI path (`Untitled-1`). */
export function fileNameOf(uri: string): string {
  return localPath(uri) ?? safeDecode(uri);
}

/** The local path of a `file:` URI; undefined for any other scheme, or a URI node cannot read. */
export function localPath(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'file:' ? fileURLToPath(url) : undefined;
  } catch {
    return undefined;
  }
}

function safeDecode(uri: string): string {
  try {
    const url = new URL(uri);
    return decodeURIComponent(url.pathname);
  } catch {
    return uri;
  }
}

/** Whether `iacsec.ignore` (globs relative to the workspace folder) leaves a file alone. */
export function isIgnoredBySettings(file: string, folder: Folder | undefined, settings: Settings): boolean {
  if (settings.ignore.length === 0 || folder?.path === undefined) return false;
  const relative = path.relative(folder.path, file).split(path.sep).join('/');
  return settings.ignore.some((glob) => globMatcher(glob)(relative));
}

/** `iacsec.configFile` as an absolute path: relative ones are relative to the workspace folder. */
export function configFileOf(settings: Settings, folder: Folder | undefined, file: string): string | undefined {
  if (settings.configFile === '') return undefined;
  if (path.isAbsolute(settings.configFile)) return settings.configFile;
  return path.resolve(folder?.path ?? path.dirname(file), settings.configFile);
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
