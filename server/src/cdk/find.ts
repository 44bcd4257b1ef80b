// Where a CDK app's cloud assembly is, and whether a file lies in one.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isRecord, readJsonFile } from './json-file';

const CDK_JSON = 'cdk.json';
const MANIFEST = 'manifest.json';
/** The marker file aws-cdk-lib writes beside every assembly's manifest (`{"version":"55.0.0"}`). */
const MARKER = 'cdk.out';
const DEFAULT_OUTPUT = 'cdk.out';
/** How far above a file `assemblyOf` looks: assets and Stages sit a level or two below the root assembly. */
const MAX_LEVELS = 8;

/**
 * The cloud assembly of `dir`: for a CDK app (a directory with `cdk.json`), its `output` (`cdk.out` unless
 * cdk.json says otherwise) when that holds a manifest; for an assembly directory, `dir` itself.
 */
export async function findAssembly(dir: string): Promise<string | undefined> {
  const root = path.resolve(dir);
  const output = await outputOf(root);
  if (output !== undefined && (await isFile(path.join(output, MANIFEST)))) return output;
  return (await isFile(path.join(root, MANIFEST))) ? root : undefined;
}

/** The CDK app an assembly belongs to: the nearest directory above it whose cdk.json names it, else its parent. */
export async function appRootOf(outdir: string): Promise<string> {
  const resolved = path.resolve(outdir);
  for (let dir = path.dirname(resolved); ; dir = path.dirname(dir)) {
    if ((await outputOf(dir)) === resolved) return dir;
    if (path.dirname(dir) === dir) return path.dirname(resolved);
  }
}

/** The outermost cloud assembly directory that holds `file` (a Stage's assembly lies inside its parent's). */
export async function assemblyOf(file: string): Promise<string | undefined> {
  let found: string | undefined;
  let dir = path.dirname(path.resolve(file));
  for (let level = 0; level < MAX_LEVELS; level++) {
    if (await isAssemblyDirectory(dir)) found = dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return found;
}

export async function isInsideAssembly(file: string): Promise<boolean> {
  return (await assemblyOf(file)) !== undefined;
}

async function isAssemblyDirectory(dir: string): Promise<boolean> {
  return (await isFile(path.join(dir, MANIFEST))) && (await isFile(path.join(dir, MARKER)));
}

/** Where cdk.json in `dir` sends the assembly, when there is a cdk.json. */
async function outputOf(dir: string): Promise<string | undefined> {
  const file = path.join(dir, CDK_JSON);
  if (!(await isFile(file))) return undefined;
  const read = await readJsonFile(file);
  const output = read.ok && isRecord(read.value) ? read.value['output'] : undefined;
  return path.resolve(dir, typeof output === 'string' && output !== '' ? output : DEFAULT_OUTPUT);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
