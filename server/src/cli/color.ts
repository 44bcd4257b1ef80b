/** ANSI styling for the stylish format; a few escape codes need no dependency. */
export interface Palette {
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly blue: (text: string) => string;
  readonly green: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly underline: (text: string) => string;
}

const style =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const plain = (text: string): string => text;

export const COLOURS: Palette = {
  red: style(31, 39),
  yellow: style(33, 39),
  blue: style(34, 39),
  green: style(32, 39),
  dim: style(2, 22),
  bold: style(1, 22),
  underline: style(4, 24),
};

export const NO_COLOURS: Palette = {
  red: plain,
  yellow: plain,
  blue: plain,
  green: plain,
  dim: plain,
  bold: plain,
  underline: plain,
};

/**
 * Whether to colour output bound for a stream. FORCE_COLOR wins (as in node itself: `0` or `false` turn
 * colour off); otherwise colour only on a terminal, and never when NO_COLOR is set to anything non-empty
 * (no-color.org).
 */
export function useColour(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return isTTY;
}
