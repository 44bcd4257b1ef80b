// Frames of a construct's creation stack, as aws-cdk-lib records them: `new ApiStack (/app/lib/api.js:14:9)`,
// `<anonymous> (/app/bin/app.js:9:1)`, `...new Bucket2 in aws-cdk-lib...`, `...node internals...`; older versions
// keep Node's own frames (`Object.<anonymous> (…)`, `Module._compile (node:internal/…)`).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FrameLocation {
  /** Absolute path, as the machine that synthesized wrote it. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** The location a frame names, when it names a file by absolute path; undefined for elisions and internals. */
export function parseFrame(frame: string): FrameLocation | undefined {
  let text = frame.trim().replace(/^at\s+/, '');
  // `fn (location)`: a path may itself hold parentheses, so the location runs from the first ` (` to the end.
  const open = text.indexOf(' (');
  if (open >= 0 && text.endsWith(')')) text = text.slice(open + 2, -1);
  const match = /^(.+):(\d+):(\d+)$/.exec(text);
  if (match === null) return undefined;
  let file = match[1] ?? '';
  if (file.startsWith('file://')) {
    try {
      file = fileURLToPath(file);
    } catch {
      return undefined;
    }
  }
  if (!path.posix.isAbsolute(file) && !path.win32.isAbsolute(file)) return undefined;
  return { file, line: Number(match[2]), column: Number(match[3]) };
}

/** Whether a file belongs to the user's app rather than to Node or an installed package. */
export function isUserFile(file: string): boolean {
  return !file.startsWith('node:') && !/[\\/]node_modules[\\/]/.test(file);
}

/** The first frame that is the user's: the line of the app that created the construct. */
export function firstUserFrame(frames: readonly string[]): FrameLocation | undefined {
  for (const frame of frames) {
    if (frame.startsWith('...')) continue;
    const location = parseFrame(frame);
    if (location !== undefined && isUserFile(location.file)) return location;
  }
  return undefined;
}
