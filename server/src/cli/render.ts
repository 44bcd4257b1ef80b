import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceLookup } from '../report/fingerprint';
import { toJunit } from '../report/junit';
import { toSarif } from '../report/sarif';
import type { ScanReport } from '../report/types';
import type { Rule } from '../rules/types';
import type { OutputFormat } from './args';
import { COLOURS, NO_COLOURS } from './color';
import type { CliIo } from './run';
import { formatStylish } from './stylish';

export interface RenderContext {
  readonly colour: boolean;
  /** The catalogue, which SARIF describes in full. */
  readonly rules: readonly Rule[];
  /** Report paths are relative to it. */
  readonly cwd: string;
  /** Texts that differ from what is on disk (`fix --dry-run`), by report path. */
  readonly overlay?: ReadonlyMap<string, string>;
}

/** The report in one of the output formats, ready to print. */
export function render(report: ScanReport, format: OutputFormat, context: RenderContext): string {
  switch (format) {
    case 'stylish':
      return formatStylish(report, context.colour ? COLOURS : NO_COLOURS);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif': {
      const sarif = toSarif(report, { rules: context.rules, srcRoot: context.cwd, source: sources(context) });
      return `${JSON.stringify(sarif, null, 2)}\n`;
    }
    case 'junit':
      return toJunit(report);
  }
}

/**
 * File texts for SARIF fingerprints, read again only for files with findings. The scan does not keep every
 * text it read: a large tree would hold all of it in memory for the few files that have something to say.
 */
function sources(context: RenderContext): SourceLookup {
  return (file) => {
    const overlaid = context.overlay?.get(file);
    if (overlaid !== undefined) return overlaid;
    try {
      return fs.readFileSync(path.resolve(context.cwd, file), 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** Writes a report to `--output` or stdout; false (after saying why on stderr) when the file cannot be written. */
export async function deliver(text: string, output: string | undefined, io: CliIo): Promise<boolean> {
  if (output === undefined) {
    io.stdout(text);
    return true;
  }
  try {
    await fs.promises.writeFile(path.resolve(io.cwd, output), text);
    return true;
  } catch (error) {
    io.stderr(`iacsec: cannot write ${output}: ${writeErrorText(error)}\n`);
    return false;
  }
}

/** Why a report could not be written, in words rather than as Node's error text. */
function writeErrorText(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EISDIR':
      return 'a directory, not a file';
    case 'ENOENT':
      return 'its directory does not exist';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a directory';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
