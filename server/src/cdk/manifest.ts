// The parts of a cloud assembly's `manifest.json` that lead to templates: stacks and the nested assemblies of
// Stages. Everything else (assets, the tree, feature flags) is left alone.
import * as path from 'node:path';
import { isRecord } from './json-file';

export interface StackArtifact {
  readonly kind: 'stack';
  readonly id: string;
  readonly displayName: string;
  /** Absolute path of the template. */
  readonly templateFile: string;
  /** Absolute path of `<Stack>.metadata.json`, when the manifest names one. */
  readonly metadataFile: string | undefined;
  /** The metadata older CDK versions keep in the manifest itself, by construct path. */
  readonly inlineMetadata: Readonly<Record<string, unknown>> | undefined;
}

export interface NestedAssemblyArtifact {
  readonly kind: 'assembly';
  readonly id: string;
  /** Absolute path of the Stage's own assembly directory. */
  readonly directory: string;
}

export type AssemblyArtifact = StackArtifact | NestedAssemblyArtifact;

export interface ManifestContents {
  /** In the manifest's order. */
  readonly artifacts: readonly AssemblyArtifact[];
  readonly errors: readonly string[];
}

const STACK = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY = 'cdk:cloud-assembly';

/** Reads a parsed `manifest.json` whose directory is `dir`; names that leave `dir` are errors, not followed. */
export function manifestContents(manifest: unknown, dir: string): ManifestContents {
  if (!isRecord(manifest)) return { artifacts: [], errors: ['the manifest is not a JSON object'] };
  const artifacts: AssemblyArtifact[] = [];
  const errors: string[] = [];
  const declared = manifest['artifacts'];
  if (declared === undefined) return { artifacts, errors };
  if (!isRecord(declared)) return { artifacts, errors: ["the manifest's artifacts are not an object"] };
  for (const [id, artifact] of Object.entries(declared)) {
    if (!isRecord(artifact)) continue;
    const properties = isRecord(artifact['properties']) ? artifact['properties'] : {};
    if (artifact['type'] === STACK) {
      const templateFile = inside(dir, properties['templateFile']);
      if (templateFile === undefined) {
        errors.push(`stack artifact '${id}' has no templateFile inside the assembly directory`);
        continue;
      }
      const displayName = artifact['displayName'];
      artifacts.push({
        kind: 'stack',
        id,
        displayName: typeof displayName === 'string' && displayName !== '' ? displayName : id,
        templateFile,
        metadataFile: inside(dir, artifact['additionalMetadataFile']),
        inlineMetadata: isRecord(artifact['metadata']) ? artifact['metadata'] : undefined,
      });
    } else if (artifact['type'] === NESTED_ASSEMBLY) {
      const directory = inside(dir, properties['directoryName']);
      if (directory === undefined) {
        errors.push(`nested assembly '${id}' has no directoryName inside the assembly directory`);
        continue;
      }
      artifacts.push({ kind: 'assembly', id, directory });
    }
  }
  return { artifacts, errors };
}

/** `name` resolved against `dir`, when it is a relative name that stays below `dir`. */
export function inside(dir: string, name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '' || path.isAbsolute(name)) return undefined;
  const resolved = path.resolve(dir, name);
  const relative = path.relative(dir, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return resolved;
}
