import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

/** A directory of its own for one test, removed by `remove`. */
export async function scratch(): Promise<string> {
  return fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'iacsec-cdk-')));
}

export async function remove(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

/** Writes files below `root`: strings as they are, anything else as JSON. */
export async function writeFiles(root: string, files: Readonly<Record<string, unknown>>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, undefined, 1));
  }
}

/** A stack artifact as aws-cdk-lib 2 writes it into `manifest.json`, with its metadata in a file of its own. */
export function stackArtifact(name: string, displayName = name): Record<string, unknown> {
  return {
    type: 'aws:cloudformation:stack',
    environment: 'aws://unknown-account/unknown-region',
    properties: { templateFile: `${name}.template.json`, validateOnSynth: false },
    additionalMetadataFile: `${name}.metadata.json`,
    displayName,
  };
}

export function manifest(artifacts: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { version: '55.0.0', artifacts };
}

/** The smallest template CDK writes for a stack with one bucket. */
export const BUCKET_TEMPLATE = { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } };
