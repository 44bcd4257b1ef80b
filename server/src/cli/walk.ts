import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { findAssembly } from '../cdk';
import { ancestorLevels, isIgnored, loadLevel, type IgnoreLevel } from './gitignore';

/** Names a directory walk reads; anything else is read only when named on the command line. */
const CANDIDATE = /\.(?:ya?ml|json|template)$/i;

/** Directories never entered: dependencies, git's own store and Terraform's provider cache. */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', '.terraform']);

/** A path that could not be walked: it does not exist, or could not be listed or inspected. */
export interface WalkProblem {
  readonly path: string;
  readonly message: string;
}

export interface WalkResult {
  /** Absolute paths of the files to read, each once, in code-unit order. */
  readonly files: readonly string[];
  /**
   * CDK cloud assemblies (`cdk.out`, or a `cdk.json`'s `output`), absolute, each once: their templates are linted
   * as CDK, through the assembly, and not as files — even when `.gitignore` lists the directory, as it usually does.
   */
  readonly assemblies: readonly string[];
  readonly problems: readonly WalkProblem[];
}

export function isCandidateName(file: string): boolean {
  return CANDIDATE.test(file);
}

/** Whether configuration (`.iacsec.yaml` `ignore`) skips a path found by a walk of `root`, a named directory. */
export type IgnorePredicate = (absolute: string, root: string) => Promise<boolean>;

/**
 * The files a scan reads. Paths named here are always read, whatever their name and even when git or
 * `.iacsec.yaml` ignores them; directories are walked for candidate names, skipping `SKIPPED_DIRECTORIES`,
 * what `.gitignore` files ignore (nested ones, and those above the root up to the git root) and what
 * `configIgnores` says. Symbolic links to directories are not followed inside a walk, so a link loop cannot hang
 * it; a named link is followed.
 */
export async function collectFiles(
  paths: readonly string[],
  cwd: string,
  configIgnores: IgnorePredicate = () => Promise.resolve(false),
): Promise<WalkResult> {
  const files = new Set<string>();
  const assemblies = new Set<string>();
  const problems: WalkProblem[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stats;
    try {
      stats = await fs.stat(absolute);
    } catch (error) {
      problems.push({ path: absolute, message: describe(error, 'cannot read') });
      continue;
    }
    if (stats.isDirectory()) {
      const assembly = await findAssembly(absolute);
      if (assembly !== undefined) assemblies.add(assembly);
      if (assembly === absolute) continue;
      const ignoredByConfig = (entry: string): Promise<boolean> => configIgnores(entry, absolute);
      const state = { files, assemblies, problems, configIgnores: ignoredByConfig };
      await walk(absolute, await ancestorLevels(absolute), state);
    } else if (stats.isFile()) {
      // A template named inside an assembly is linted as CDK, through its assembly.
      const assembly = await assemblyHolding(absolute);
      if (assembly !== undefined) assemblies.add(assembly);
      else files.add(absolute);
    } else {
      problems.push({ path: absolute, message: 'not a regular file or directory' });
    }
  }
  // The files of an assembly found by the walk are its templates: linted once, as CDK.
  const inAssembly = (file: string): boolean => [...assemblies].some((dir) => file.startsWith(dir + path.sep));
  return { files: [...files].filter((file) => !inAssembly(file)).sort(), assemblies: [...assemblies].sort(), problems };
}

/** The assembly a file lies in: the nearest `cdk.out`-like directory above it that holds a manifest. */
async function assemblyHolding(file: string): Promise<string | undefined> {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (path.basename(dir) === 'cdk.out') return (await findAssembly(dir)) === dir ? dir : undefined;
  }
  return undefined;
}

interface WalkState {
  readonly files: Set<string>;
  readonly assemblies: Set<string>;
  readonly problems: WalkProblem[];
  readonly configIgnores: (absolute: string) => Promise<boolean>;
}

async function walk(dir: string, inherited: readonly IgnoreLevel[], state: WalkState): Promise<void> {
  const { files, problems, configIgnores } = state;
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: dir, message: describe(error, 'cannot list directory') });
    return;
  }
  const own = await loadLevel(dir);
  const levels = own === undefined ? inherited : [...inherited, own];
  // A CDK app (`cdk.json`) or an assembly: its assembly is read whatever .gitignore says.
  if (entries.some((entry) => entry.name === 'cdk.json' || entry.name === 'manifest.json')) {
    const assembly = await findAssembly(dir);
    if (assembly !== undefined) state.assemblies.add(assembly);
    if (assembly === dir) return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (
        !SKIPPED_DIRECTORIES.has(entry.name) &&
        !isIgnored(levels, absolute, true) &&
        !(await configIgnores(absolute))
      )
        await walk(absolute, levels, state);
    } else if (
      isCandidateName(entry.name) &&
      (entry.isFile() || entry.isSymbolicLink()) &&
      !isIgnored(levels, absolute, false) &&
      !(await configIgnores(absolute))
    ) {
      if (entry.isFile() || (await isFileTarget(absolute))) files.add(absolute);
    }
  }
}

/** Whether a symbolic link leads to a regular file; links to directories and broken links are passed over. */
async function isFileTarget(link: string): Promise<boolean> {
  try {
    return (await fs.stat(link)).isFile();
  } catch {
    return false;
  }
}

function describe(error: unknown, action: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return `${action}: permission denied`;
  return `${action}: ${error instanceof Error ? error.message : String(error)}`;
}
