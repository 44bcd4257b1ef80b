// Reads a cloud assembly without running anything: manifests, metadata files, source maps and the validation
// report are read as data, each bounded in size.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { appRootOf } from './find';
import { errorText, readJsonFile } from './json-file';
import { LocalPaths } from './local-paths';
import { manifestContents } from './manifest';
import { UserLines } from './origins';
import { SourceMaps } from './source-maps';
import { readStack } from './stack';
import type { CdkAssembly, CdkTemplate } from './types';
import { readValidationReport } from './validation-report';

/** Stages nest in Stages; deeper than this is a malformed or hostile assembly. */
const MAX_NESTING = 32;

interface Reading {
  readonly lines: UserLines;
  readonly templates: CdkTemplate[];
  readonly problems: { file: string; message: string }[];
  /** Real paths of the assembly directories read, so that a symlink back up cannot loop. */
  readonly visited: Set<string>;
}

/** Every template of the assembly at `outdir`, with the way back from each logical id to the CDK app's source. */
export async function readAssembly(outdir: string, appRoot?: string): Promise<CdkAssembly> {
  const root = path.resolve(outdir);
  const app = appRoot === undefined ? await appRootOf(root) : path.resolve(appRoot);
  const paths = new LocalPaths(app);
  const reading: Reading = {
    lines: new UserLines(paths, new SourceMaps(paths)),
    templates: [],
    problems: [],
    visited: new Set(),
  };
  await readDirectory(reading, root, 0);
  const validation = await readValidationReport(root);
  return {
    outdir: root,
    appRoot: app,
    templates: reading.templates,
    validation: validation.findings,
    problems: [...reading.problems, ...validation.problems],
  };
}

async function readDirectory(reading: Reading, dir: string, depth: number): Promise<void> {
  const manifest = path.join(dir, 'manifest.json');
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const message = missing
      ? 'the assembly directory does not exist'
      : `cannot read the assembly directory: ${errorText(error)}`;
    reading.problems.push({ file: manifest, message });
    return;
  }
  if (reading.visited.has(real)) {
    reading.problems.push({ file: manifest, message: 'this assembly was already read: the assemblies form a loop' });
    return;
  }
  if (depth > MAX_NESTING) {
    reading.problems.push({ file: manifest, message: `assemblies nested deeper than ${MAX_NESTING}: not read` });
    return;
  }
  reading.visited.add(real);
  const read = await readJsonFile(manifest);
  if (!read.ok) {
    reading.problems.push({ file: manifest, message: read.message });
    return;
  }
  const contents = manifestContents(read.value, dir);
  for (const message of contents.errors) reading.problems.push({ file: manifest, message });
  for (const artifact of contents.artifacts) {
    if (artifact.kind === 'assembly') {
      await readDirectory(reading, artifact.directory, depth + 1);
      continue;
    }
    const stack = await readStack(artifact, dir, reading.lines);
    reading.templates.push(...stack.templates);
    reading.problems.push(...stack.problems);
  }
}
