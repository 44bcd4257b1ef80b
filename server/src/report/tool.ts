import * as fs from 'node:fs';
import * as path from 'node:path';

const SERVER_PACKAGE = '@iacsec/server';
const EXTENSION_PACKAGE = 'iacsec';
const UNKNOWN_VERSION = '0.0.0-unknown';

/**
 * The server package's version, found by walking up from this module. The compiled module sits in
 * `server/out/src/report/` and the bundles in `server/dist/`, so no fixed relative path serves both; the
 * extension manifest's version is the fallback when the server's own package.json is not shipped beside it.
 */
export function toolVersion(from: string = __dirname): string {
  let fallback: string | undefined;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = readManifest(path.join(dir, 'package.json'));
    if (manifest?.name === SERVER_PACKAGE) return manifest.version;
    if (manifest?.name === EXTENSION_PACKAGE) fallback ??= manifest.version;
    if (path.dirname(dir) === dir) return fallback ?? UNKNOWN_VERSION;
  }
}

function readManifest(file: string): { name: string; version: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { name, version } = parsed as Record<string, unknown>;
    return typeof name === 'string' && typeof version === 'string' ? { name, version } : undefined;
  } catch {
    return undefined;
  }
}
