import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The rules of one `.gitignore`, which apply to paths relative to the directory holding it. */
export interface IgnoreLevel {
  readonly base: string;
  readonly rules: Ignore;
}

/** Loads the `.gitignore` of a directory, if it has one that can be read. */
export async function loadLevel(dir: string): Promise<IgnoreLevel | undefined> {
  let content: string;
  try {
    content = await fs.readFile(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { base: dir, rules: ignore().add(content) };
}

/**
 * Whether the levels (shallowest first) ignore a path. As in git, the deepest `.gitignore` with an opinion
 * decides, so a nested `!pattern` re-includes what a parent ignored. Directories are tested with a trailing
 * slash so that `build/`-style patterns match them.
 */
export function isIgnored(levels: readonly IgnoreLevel[], absolute: string, isDirectory: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    if (level === undefined) continue;
    const result = level.rules.test(relativeTo(level.base, absolute, isDirectory));
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/**
 * The `.gitignore` files of the directories above a scan root, from the git root down, when the root lies
 * inside a repository (a `.git` directory, or the `.git` file of a worktree or submodule). A level that
 * ignores the root itself is left out: the user named the root, so it is scanned, and the `ignore` package
 * would otherwise hold everything below an ignored directory ignored too.
 */
export async function ancestorLevels(root: string): Promise<IgnoreLevel[]> {
  const gitRoot = await findGitRoot(root);
  if (gitRoot === undefined || gitRoot === root) return [];
  const dirs: string[] = [];
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    dirs.unshift(dir);
    if (dir === gitRoot || path.dirname(dir) === dir) break;
  }
  const levels: IgnoreLevel[] = [];
  for (const dir of dirs) {
    const level = await loadLevel(dir);
    if (level !== undefined && !level.rules.test(relativeTo(dir, root, true)).ignored) levels.push(level);
  }
  return levels;
}

async function findGitRoot(start: string): Promise<string | undefined> {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

function relativeTo(base: string, absolute: string, isDirectory: boolean): string {
  const relative = path.relative(base, absolute).split(path.sep).join('/');
  return isDirectory ? `${relative}/` : relative;
}
