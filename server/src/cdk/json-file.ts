import * as fs from 'node:fs/promises';

/** Manifests and metadata files past this size are refused unread: a real one is a few megabytes at most. */
export const MAX_ASSEMBLY_FILE_BYTES = 50 * 1024 * 1024;

export type JsonRead =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly missing: boolean; readonly message: string };

/** Reads one JSON file of a cloud assembly, refusing what is not a regular file or is too large. */
export async function readJsonFile(file: string, maxBytes = MAX_ASSEMBLY_FILE_BYTES): Promise<JsonRead> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, missing, message: missing ? 'the file does not exist' : `cannot open: ${errorText(error)}` };
  }
  try {
    // The size is read from the open handle, so what is measured is what is read.
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, missing: false, message: 'not a regular file' };
    if (stat.size > maxBytes) {
      return {
        ok: false,
        missing: false,
        message: `the file has ${stat.size} bytes, more than the limit of ${maxBytes}: not read`,
      };
    }
    const text = await handle.readFile('utf8');
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { ok: false, missing: false, message: `not valid JSON: ${errorText(error)}` };
    }
  } catch (error) {
    return { ok: false, missing: false, message: `cannot read: ${errorText(error)}` };
  } finally {
    await handle.close();
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
