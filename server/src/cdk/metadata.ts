// A stack's construct metadata (`<Stack>.metadata.json`, or the manifest's inline `metadata` in older CDK
// versions): for each construct path, its logical id, its creation stack and, for stacks, its template file.
import { isRecord } from './json-file';

export interface ConstructEntry {
  readonly logicalId: string | undefined;
  /** The construct's creation stack as CDK wrote it, innermost frame first. */
  readonly frames: readonly string[] | undefined;
  /** Set on a stack's own path: its template's name, relative to the assembly directory. */
  readonly templateFile: string | undefined;
}

const LOGICAL_ID = 'aws:cdk:logicalId';
const CREATION_STACK = 'aws:cdk:creationStack';
const TEMPLATE_FILE = 'aws:cdk:templateFile';

/** Construct paths (with their leading `/`) to what the metadata says of them, in the file's order. */
export function constructEntries(metadata: unknown): ReadonlyMap<string, ConstructEntry> {
  const entries = new Map<string, ConstructEntry>();
  if (!isRecord(metadata)) return entries;
  for (const [key, list] of Object.entries(metadata)) {
    if (!Array.isArray(list)) continue;
    let logicalId: string | undefined;
    let creationStack: readonly string[] | undefined;
    let trace: readonly string[] | undefined;
    let templateFile: string | undefined;
    for (const entry of list) {
      if (!isRecord(entry)) continue;
      const data = entry['data'];
      if (entry['type'] === LOGICAL_ID && typeof data === 'string') logicalId = data;
      else if (entry['type'] === CREATION_STACK) creationStack = strings(data) ?? creationStack;
      else if (entry['type'] === TEMPLATE_FILE && typeof data === 'string') templateFile = data;
      // Older CDK versions attach the creation stack to the entry itself, as `trace`.
      trace ??= strings(entry['trace']);
    }
    entries.set(key.startsWith('/') ? key : `/${key}`, {
      logicalId,
      frames: creationStack ?? trace,
      templateFile,
    });
  }
  return entries;
}

/** The ancestors of a construct path, nearest first, without the path itself (`/A/B/C` → `/A/B`, `/A`). */
export function ancestorsOf(constructPath: string): string[] {
  const ancestors: string[] = [];
  for (let end = constructPath.lastIndexOf('/'); end > 0; end = constructPath.lastIndexOf('/', end - 1)) {
    ancestors.push(constructPath.slice(0, end));
  }
  return ancestors;
}

/** Whether `constructPath` is `owner` or lies below it (by whole path segments). */
export function isWithin(constructPath: string, owner: string): boolean {
  return constructPath === owner || constructPath.startsWith(`${owner}/`);
}

function strings(value: unknown): readonly string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: readonly unknown[] = value;
  return items.every((item): item is string => typeof item === 'string') ? items : undefined;
}
