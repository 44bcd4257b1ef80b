import * as fs from 'node:fs/promises';
import { hasCloudFormationMarker, hasPlanMarker, isIacName, overSizeMessage } from '../parsing/detect';
import { type ErrorCode, raiseHint } from '../parsing/errors';
import { LineIndex, type Position } from '../report/positions';

/** What reading one file gave: its text, nothing to lint (not IaC), or an error for the report. */
export type SourceText =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'not-iac' }
  | {
      readonly kind: 'error';
      readonly code: Extract<ErrorCode, 'read' | 'limit'>;
      readonly message: string;
      readonly position: Position;
    };

/** Enough of an oversized file to find a CloudFormation marker, without reading all of it. */
const PREFIX_BYTES = 1024 * 1024;

const START: Position = { line: 1, column: 1 };

/**
 * Reads a file for linting. The size is checked before reading, so an oversized file costs one prefix read,
 * and is an error only when it is IaC by name or by a marker in that prefix. Text is decoded as strict UTF-8
 * (a BOM is kept for the engine, which strips it and says so); invalid UTF-8 is an error only in IaC.
 */
export async function readSource(file: string, maxBytes: number, maxPlanBytes = maxBytes): Promise<SourceText> {
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (error) {
    return readError(error);
  }
  if (size > maxBytes) {
    let prefix: string;
    try {
      prefix = await readPrefix(file, PREFIX_BYTES);
    } catch (error) {
      return readError(error);
    }
    // A plan may be far larger than a template: it is read whole up to its own limit.
    const plan = hasPlanMarker(prefix);
    if (!plan && !looksLikeIac(file, prefix)) return { kind: 'not-iac' };
    if (!plan || size > maxPlanBytes) {
      // The engine's own message, so the CLI and the editor say the same of one file.
      const what = plan ? 'Terraform plans' : file.toLowerCase().endsWith('.tf.json') ? 'Terraform JSON' : 'templates';
      const over = overSizeMessage(size, plan ? maxPlanBytes : maxBytes, what);
      const message = `${over}${raiseHint(plan ? 'maxPlanBytes' : 'maxTemplateBytes')}`;
      return { kind: 'error', code: 'limit', message, position: START };
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return readError(error);
  }
  return decode(file, bytes);
}

/** Strict UTF-8, with the byte offset and position of the first invalid sequence when it is not. */
export function decode(file: string, bytes: Uint8Array): SourceText {
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    // The lossy text decides whether this is IaC: a stray Latin-1 byte in a Description must not hide a template.
    const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    if (!looksLikeIac(file, lossy)) return { kind: 'not-iac' };
    const offset = invalidUtf8Offset(bytes) ?? 0;
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    return {
      kind: 'error',
      code: 'read',
      message: `invalid UTF-8 at byte ${offset}`,
      position: new LineIndex(before).position(before.length),
    };
  }
}

/** Detection's own test, before parsing: an IaC name, or a marker in text that is not binary. */
function looksLikeIac(file: string, text: string): boolean {
  if (isIacName(file)) return true;
  return !text.slice(0, 8192).includes('\u0000') && (hasCloudFormationMarker(text) || hasPlanMarker(text));
}

async function readPrefix(file: string, bytes: number): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return new TextDecoder('utf-8').decode(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), if any. */
export function invalidUtf8Offset(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      if (k === 1 ? next < low || next > high : next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return undefined;
}

function readError(error: unknown): SourceText {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EISDIR'
        ? 'a directory, not a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot read: permission denied'
          : `cannot read: ${error instanceof Error ? error.message : String(error)}`;
  return { kind: 'error', code: 'read', message, position: START };
}
