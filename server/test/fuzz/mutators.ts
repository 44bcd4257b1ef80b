import fc from 'fast-check';
import type { Seed } from './seeds';

/** A mutation of a seed's text; offsets and bytes are fractions or values fast-check draws and shrinks. */
export type Mutation =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly mask: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'bytes'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly kind: 'duplicate-line'; readonly at: number }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'splice'; readonly at: number; readonly from: number; readonly length: number };

const STEPS = 1 << 20;
// A position as a fraction of the text: fc.double is uniform over representations (mostly tiny numbers), and
// fc.integer leans towards small values, which would put most mutations at the start; edges keep a share.
const fraction = fc
  .oneof(
    { weight: 4, arbitrary: fc.noBias(fc.integer({ min: 0, max: STEPS - 1 })) },
    fc.integer({ min: 0, max: STEPS - 1 }),
  )
  .map((step) => step / STEPS);

/** Text worth inserting: whitespace YAML is strict about, a BOM mid-file, YAML and JSON punctuation, tags. */
const INSERTS = [
  '\t',
  '\ufeff',
  '\r',
  '\n',
  '\u0000',
  ' ',
  '  ',
  '- ',
  ': ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  ',',
  '&a ',
  '*a',
  '!Ref ',
  '!If [C, ',
  '<<: *a\n',
  '#',
  '\\u',
  '\ud800',
  '${',
  '---\n',
  '...\n',
  '? ',
  '|\n',
  '>-\n',
] as const;

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('flip' as const), at: fraction, mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fraction,
    text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 8, unit: 'binary' })),
  }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fraction,
    bytes: fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fraction }),
  fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fraction,
    from: fraction,
    length: fc.integer({ min: 1, max: 200 }),
  }),
);

/** One seed and one to four mutations applied in turn. */
export function mutantArb(seeds: readonly Seed[]): fc.Arbitrary<{ seed: Seed; mutations: Mutation[] }> {
  return fc.record({
    seed: fc.constantFrom(...seeds),
    mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
  });
}

export function mutate(text: string, mutation: Mutation): string {
  const at = Math.floor(mutation.at * (text.length + 1));
  switch (mutation.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'flip': {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      const index = Math.floor(mutation.at * bytes.length);
      bytes[index] = (bytes[index] as number) ^ mutation.mask;
      return lenient(bytes);
    }
    case 'insert':
      return text.slice(0, at) + mutation.text + text.slice(at);
    case 'bytes': {
      const before = Buffer.from(text.slice(0, at), 'utf8');
      const after = Buffer.from(text.slice(at), 'utf8');
      return lenient(Buffer.concat([before, Buffer.from(mutation.bytes), after]));
    }
    case 'duplicate-line': {
      // Repeating a line of a map repeats its key: the duplicate-key case, in the seed's own indentation.
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const newline = text.indexOf('\n', at);
      const end = newline === -1 ? text.length : newline + 1;
      const line = text.slice(start, end);
      return text.slice(0, end) + (line.endsWith('\n') ? line : `\n${line}`) + text.slice(end);
    }
    case 'delete':
      return text.slice(0, at) + text.slice(at + mutation.length);
    case 'splice': {
      const from = Math.floor(mutation.from * text.length);
      return text.slice(0, at) + text.slice(from, from + mutation.length) + text.slice(at);
    }
  }
}

/** Invalid UTF-8 as an editor or `fs.readFile(…, 'utf8')` would hand it over: each bad byte becomes U+FFFD. */
export function lenient(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
}
