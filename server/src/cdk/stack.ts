// One stack artifact: its template, the templates of its nested stacks, and where each logical id came from.
import * as fs from 'node:fs/promises';
import { readJsonFile } from './json-file';
import { inside, type StackArtifact } from './manifest';
import { constructEntries, isWithin, type ConstructEntry } from './metadata';
import { sourceOf, type UserLines } from './origins';
import type { CdkTemplate, ResourceOrigin } from './types';

export interface StackRead {
  readonly templates: readonly CdkTemplate[];
  readonly problems: readonly { readonly file: string; readonly message: string }[];
}

interface TemplateOwner {
  /** The construct path of the (nested) stack whose template this is; undefined when metadata does not say. */
  readonly constructPath: string | undefined;
  readonly file: string;
  readonly displayName: string;
}

/** Reads a stack's metadata (its own file, else the manifest's inline metadata) and maps its logical ids. */
export async function readStack(artifact: StackArtifact, dir: string, lines: UserLines): Promise<StackRead> {
  const problems: { file: string; message: string }[] = [];
  let metadata: unknown = artifact.inlineMetadata;
  if (artifact.metadataFile !== undefined) {
    const read = await readJsonFile(artifact.metadataFile);
    if (read.ok) metadata = read.value;
    else problems.push({ file: artifact.metadataFile, message: read.message });
  }
  const entries = constructEntries(metadata);
  const owners = templateOwners(artifact, entries, dir);
  const origins = new Map<TemplateOwner, Map<string, ResourceOrigin>>(owners.map((owner) => [owner, new Map()]));
  for (const [constructPath, entry] of entries) {
    if (entry.logicalId === undefined) continue;
    const owner = ownerOf(constructPath, owners);
    origins.get(owner)?.set(entry.logicalId, { constructPath, source: await sourceOf(constructPath, entries, lines) });
  }
  const templates: CdkTemplate[] = [];
  for (const owner of owners) {
    if (!(await isFile(owner.file))) {
      problems.push({ file: owner.file, message: `the template of ${owner.displayName} does not exist` });
      continue;
    }
    templates.push({ file: owner.file, displayName: owner.displayName, origins: origins.get(owner) ?? new Map() });
  }
  return { templates, problems };
}

/** The stack's template first, then its nested stacks' in the metadata's order. */
function templateOwners(
  artifact: StackArtifact,
  entries: ReadonlyMap<string, ConstructEntry>,
  dir: string,
): TemplateOwner[] {
  let stackPath: string | undefined;
  const nested: TemplateOwner[] = [];
  for (const [constructPath, entry] of entries) {
    const file = inside(dir, entry.templateFile);
    if (file === undefined) continue;
    if (file === artifact.templateFile) stackPath = constructPath;
    else nested.push({ constructPath, file, displayName: constructPath.slice(1) });
  }
  return [{ constructPath: stackPath, file: artifact.templateFile, displayName: artifact.displayName }, ...nested];
}

/** A construct belongs to the innermost (nested) stack whose path holds it; the stack's own template else. */
function ownerOf(constructPath: string, owners: readonly TemplateOwner[]): TemplateOwner {
  let best: TemplateOwner | undefined;
  for (const owner of owners) {
    if (owner.constructPath === undefined || !isWithin(constructPath, owner.constructPath)) continue;
    if (best?.constructPath === undefined || owner.constructPath.length > best.constructPath.length) best = owner;
  }
  return best ?? (owners[0] as TemplateOwner);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
