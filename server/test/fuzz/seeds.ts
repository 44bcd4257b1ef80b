import * as fs from 'node:fs';
import * as path from 'node:path';

/** One template the fuzzer starts from: its name decides how detection reads it, so mutants keep it. */
export interface Seed {
  readonly file: string;
  readonly text: string;
}

/** Where `server/out/test/fuzz` finds the repository's examples. */
const EXAMPLES = path.resolve(__dirname, '../../../../examples');
const TEMPLATE_NAME = /\.(?:ya?ml|json|template)$/i;
/** A corpus is sampled, not read whole: the fuzz run costs the same whatever its size. */
const CORPUS_SAMPLE = 40;
/** Files over this are left out of the sample; the huge-scalar generator covers size. */
const MAX_SEED_BYTES = 256 * 1024;

/** Every template under examples/ (CloudFormation YAML and JSON, Terraform `.tf.json` and a plan). */
export function exampleSeeds(): Seed[] {
  return readSeeds(EXAMPLES, listTemplates(EXAMPLES));
}

/**
 * A fixed sample of `IACSEC_CORPUS`'s templates, chosen by `seed` so that a run can be replayed; empty when the
 * variable is unset or names no directory.
 */
export function corpusSeeds(seed: number, root = process.env['IACSEC_CORPUS']): Seed[] {
  if (root === undefined || root === '' || !fs.existsSync(root) || !fs.statSync(root).isDirectory()) return [];
  const all = listTemplates(root).filter((file) => fs.statSync(path.join(root, file)).size <= MAX_SEED_BYTES);
  return readSeeds(root, sample(all, CORPUS_SAMPLE, seed));
}

function readSeeds(root: string, files: readonly string[]): Seed[] {
  return files.map((file) => ({ file, text: fs.readFileSync(path.join(root, file), 'utf8') }));
}

/** Template files under `root`, as sorted `/`-separated relative paths, so a seed picks the same ones anywhere. */
function listTemplates(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      else if (entry.isFile() && TEMPLATE_NAME.test(entry.name))
        found.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `count` items of `items` by a seeded Fisher–Yates shuffle (mulberry32), in their original order. */
export function sample<T>(items: readonly T[], count: number, seed: number): T[] {
  const next = mulberry32(seed);
  const indexes = items.map((_, index) => index);
  for (let i = indexes.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number];
  }
  return indexes
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((index) => items[index] as T);
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
