import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the templates of a sweep come from; the corpus is `IACSEC_CORPUS`, which CI sets. */
export type Source = 'examples' | 'fixtures' | 'corpus';

/** One file of the sweep, read as the editor would get it: the whole text, BOM included. */
export interface SweepInput {
  readonly source: Source;
  /** Absolute: detection and the fix builder see the real name. */
  readonly file: string;
  /** Relative to the repository or the corpus, `/`-separated: what failures and the summary show. */
  readonly shown: string;
  readonly text: string;
  /** Set when the text is an example rewritten (`crlfBom`), not a file as it is written. */
  readonly variant?: 'crlf-bom';
}

/** Tests run from server/out/test/edits; the templates are read where they are written. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');
const LOCAL_ROOTS: readonly { readonly source: Source; readonly dir: string }[] = [
  { source: 'examples', dir: 'examples' },
  { source: 'fixtures', dir: 'server/test/fixtures' },
  { source: 'fixtures', dir: 'test/fixtures' },
];
/**
 * Every name detection may read as a template. Golden outputs, package.json and the like are listed too:
 * the linter says they are not IaC, so the sweep needs no list of its own to keep in step with detection.
 */
const TEMPLATE_NAME = /\.(?:ya?ml|json|template)$/i;

/** Every candidate under examples/ and the test fixtures, in path order. */
export function localInputs(): SweepInput[] {
  return LOCAL_ROOTS.flatMap(({ source, dir }) => read(source, REPO_ROOT, listTemplates(path.join(REPO_ROOT, dir))));
}

/**
 * Every example again with CRLF line endings and a byte-order mark: no real input has either, yet the editor
 * keeps both and counts a quick fix's positions past the BOM.
 */
export function crlfBomVariants(inputs: readonly SweepInput[]): SweepInput[] {
  return inputs
    .filter((input) => input.source === 'examples')
    .map((input) => ({
      ...input,
      shown: `${input.shown} (CRLF, BOM)`,
      text: `\ufeff${input.text.replace(/^\ufeff/, '').replace(/\r?\n/g, '\r\n')}`,
      variant: 'crlf-bom' as const,
    }));
}

/** The corpus directory, or why there is none: the test title says which. */
export function corpusRoot(value = process.env['IACSEC_CORPUS']): { root: string } | { missing: string } {
  if (value === undefined || value === '') return { missing: 'IACSEC_CORPUS is not set' };
  if (!fs.existsSync(value) || !fs.statSync(value).isDirectory())
    return { missing: `IACSEC_CORPUS=${value} is not a directory` };
  return { root: path.resolve(value) };
}

/** Every candidate of the corpus, in path order. */
export function corpusInputs(root: string): SweepInput[] {
  return read('corpus', root, listTemplates(root));
}

function read(source: Source, root: string, files: readonly string[]): SweepInput[] {
  return files.map((file) => ({
    source,
    file,
    shown: path.relative(root, file).split(path.sep).join('/'),
    text: fs.readFileSync(file, 'utf8'),
  }));
}

function listTemplates(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (at: string): void => {
    const entries = fs.readdirSync(at, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.isFile() && TEMPLATE_NAME.test(entry.name)) found.push(full);
    }
  };
  walk(dir);
  return found;
}
