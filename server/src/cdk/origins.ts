// From a construct path to the line of the CDK app that created it.
import type { LocalPaths } from './local-paths';
import { ancestorsOf, type ConstructEntry } from './metadata';
import type { SourceMaps } from './source-maps';
import { firstUserFrame, type FrameLocation } from './stack-frames';
import type { SourceLocation } from './types';

/** The user's line of a creation stack, on this machine and in the original source. Owned by one reading. */
export class UserLines {
  private readonly byFrame = new Map<string, Promise<FrameLocation | undefined>>();

  constructor(
    private readonly paths: LocalPaths,
    private readonly maps: SourceMaps,
  ) {}

  lineOf(frames: readonly string[] | undefined): Promise<FrameLocation | undefined> {
    const frame = frames === undefined ? undefined : firstUserFrame(frames);
    if (frame === undefined) return Promise.resolve(undefined);
    const key = `${frame.file}:${frame.line}:${frame.column}`;
    let found = this.byFrame.get(key);
    if (found === undefined) {
      found = this.resolve(frame);
      this.byFrame.set(key, found);
    }
    return found;
  }

  private async resolve(frame: FrameLocation): Promise<FrameLocation> {
    const local = await this.paths.locate(frame.file);
    // A compiled file that is not on this machine has no map to read: its own line is the best answer.
    return local === undefined ? frame : this.maps.original({ ...frame, file: local });
  }
}

/**
 * Where each construct of one stack's metadata was created. A construct created deep in library code can have
 * no user frame (CDK keeps ten frames); it gets its nearest ancestor's line, marked approximate.
 */
export async function sourceOf(
  constructPath: string,
  entries: ReadonlyMap<string, ConstructEntry>,
  lines: UserLines,
): Promise<SourceLocation | undefined> {
  const own = await lines.lineOf(entries.get(constructPath)?.frames);
  if (own !== undefined) return { ...own, approximate: false };
  for (const ancestor of ancestorsOf(constructPath)) {
    // An L2 construct has no metadata of its own; its default child was created in its constructor.
    const found =
      (await lines.lineOf(entries.get(ancestor)?.frames)) ??
      (await lines.lineOf(entries.get(`${ancestor}/Resource`)?.frames)) ??
      (await lines.lineOf(entries.get(`${ancestor}/Default`)?.frames));
    if (found !== undefined) return { ...found, approximate: true };
  }
  return undefined;
}
