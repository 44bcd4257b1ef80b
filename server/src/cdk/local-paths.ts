import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Finds, on this machine, the files that frames and source maps name by the absolute paths of the machine that
 * synthesized (a CI runner, a colleague's laptop): the path itself when it exists, else the longest suffix of it
 * that exists below the app's directory. Owned by one reading of an assembly, which drops it afterwards.
 */
export class LocalPaths {
  private readonly files = new Map<string, Promise<boolean>>();

  constructor(readonly appRoot: string) {}

  async locate(file: string): Promise<string | undefined> {
    if (await this.isFile(file)) return file;
    const segments = file.split(/[\\/]+/).filter((segment) => segment !== '' && !/^[A-Za-z]:$/.test(segment));
    for (let start = 0; start < segments.length; start++) {
      const candidate = path.join(this.appRoot, ...segments.slice(start));
      if (await this.isFile(candidate)) return candidate;
    }
    return undefined;
  }

  isFile(file: string): Promise<boolean> {
    let known = this.files.get(file);
    if (known === undefined) {
      known = fs.stat(file).then(
        (stat) => stat.isFile(),
        () => false,
      );
      this.files.set(file, known);
    }
    return known;
  }
}
