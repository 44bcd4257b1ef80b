// From a line of compiled JavaScript back to the TypeScript it came from, with Node's own source-map reader.
import * as fs from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecord, MAX_ASSEMBLY_FILE_BYTES, readJsonFile } from './json-file';
import type { LocalPaths } from './local-paths';
import type { FrameLocation } from './stack-frames';

interface LoadedMap {
  readonly map: SourceMap;
  /** The directory `sources` are relative to. */
  readonly base: string;
}

const COMPILED = /\.[cm]?js$/;
const SOURCE_MAPPING_URL = /^\/\/[#@] sourceMappingURL=(\S+)/;

/** Source maps by compiled file, each read once. Owned by one reading of an assembly. */
export class SourceMaps {
  private readonly maps = new Map<string, Promise<LoadedMap | undefined>>();

  constructor(private readonly paths: LocalPaths) {}

  /** The original location of a location in a file of this machine, or the location itself when no map says. */
  async original(location: FrameLocation): Promise<FrameLocation> {
    if (!COMPILED.test(location.file)) return location;
    const loaded = await this.mapOf(location.file);
    if (loaded === undefined) return location;
    const entry = loaded.map.findEntry(location.line - 1, location.column - 1);
    if (!('originalSource' in entry) || typeof entry.originalSource !== 'string') return location;
    const source = sourcePath(loaded.base, loaded.map.payload.sourceRoot, entry.originalSource);
    if (source === undefined) return location;
    const file = (await this.paths.locate(source)) ?? source;
    return { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  }

  private mapOf(file: string): Promise<LoadedMap | undefined> {
    let loaded = this.maps.get(file);
    if (loaded === undefined) {
      loaded = loadMap(file).catch(() => undefined);
      this.maps.set(file, loaded);
    }
    return loaded;
  }
}

/** The map a compiled file names in its `sourceMappingURL` comment (a file or a data URL), else `<file>.map`. */
async function loadMap(file: string): Promise<LoadedMap | undefined> {
  const stat = await fs.stat(file);
  if (!stat.isFile() || stat.size > MAX_ASSEMBLY_FILE_BYTES) return undefined;
  const text = await fs.readFile(file, 'utf8');
  // The last comment wins, as in Node and browsers.
  const at = Math.max(text.lastIndexOf('//# sourceMappingURL='), text.lastIndexOf('//@ sourceMappingURL='));
  const url = at < 0 ? undefined : SOURCE_MAPPING_URL.exec(text.slice(at))?.[1];
  if (url?.startsWith('data:')) return build(inlinePayload(url), path.dirname(file));
  const mapFile = url === undefined ? `${file}.map` : mapFileOf(file, url);
  if (mapFile === undefined) return undefined;
  const read = await readJsonFile(mapFile);
  return read.ok ? build(read.value, path.dirname(mapFile)) : undefined;
}

function build(payload: unknown, base: string): LoadedMap | undefined {
  if (!isRecord(payload) || !Array.isArray(payload['sources']) || typeof payload['mappings'] !== 'string') {
    return undefined;
  }
  try {
    return { map: new SourceMap(payload as unknown as SourceMapPayload), base };
  } catch {
    return undefined;
  }
}

function inlinePayload(url: string): unknown {
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const header = url.slice(0, comma);
  const data = url.slice(comma + 1);
  try {
    const json = header.endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data);
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

function mapFileOf(file: string, url: string): string | undefined {
  try {
    if (url.startsWith('file://')) return fileURLToPath(url);
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined;
    return path.resolve(path.dirname(file), decodeURIComponent(url));
  } catch {
    return undefined;
  }
}

/** A map's source as a path: `sources` are relative to the map's directory and `sourceRoot`, or file URLs. */
function sourcePath(base: string, sourceRoot: string | undefined, source: string): string | undefined {
  try {
    if (source.startsWith('file://')) return fileURLToPath(source);
    if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !path.win32.isAbsolute(source)) return undefined;
    let root = sourceRoot ?? '';
    if (root.startsWith('file://')) root = fileURLToPath(root);
    else if (/^[a-z][a-z0-9+.-]*:/i.test(root) && !path.win32.isAbsolute(root)) return undefined;
    // Node keeps `sources` as the map wrote them; a reader that applied `sourceRoot` already is not doubled.
    const rooted = root !== '' && !source.startsWith(root) ? path.join(root, source) : source;
    return path.resolve(base, rooted);
  } catch {
    return undefined;
  }
}
