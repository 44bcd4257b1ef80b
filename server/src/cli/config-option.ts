import * as fs from 'node:fs/promises';
import { UsageError } from './args';

/** A `--config` that names no file is a usage error, said before anything is read or linted. */
export async function checkConfigFile(
  absolute: string,
  given: string,
  command: 'scan' | 'fix' | 'diff',
): Promise<void> {
  let isFile = false;
  try {
    isFile = (await fs.stat(absolute)).isFile();
  } catch {
    throw new UsageError(`--config ${given}: no such file`, `Run 'iacsec ${command} --help' for usage.`);
  }
  if (!isFile) throw new UsageError(`--config ${given}: not a file`, `Run 'iacsec ${command} --help' for usage.`);
}

/** How the CLI says a doubt about configuration (a rule id that names no rule) on stderr. */
export function configWarning(stderr: (text: string) => void): (message: string) => void {
  return (message) => stderr(`iacsec: warning: ${message}\n`);
}
