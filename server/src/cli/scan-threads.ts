import { availableParallelism } from 'node:os';

/**
 * The V8 limits of every thread that lints (the scan workers and the language server's lint worker). A lint's source
 * tree stays live while young; with V8's default young generation the scavenger copies and promotes it on large
 * templates. A larger one cut edit→diagnostics by about a quarter at 2,000 resources (docs/performance.md); it is
 * per thread, not per document.
 */
export const LINT_THREAD_LIMITS = { maxYoungGenerationSizeMb: 96 } as const;

/** `--jobs`: a number of threads to lint on, or `auto` to let the number of files decide. */
export type Jobs = number | 'auto';

/**
 * Files a worker must have to itself before it is worth starting. A worker costs about 0.1 s of CPU to start
 * (reading and compiling the engine and rules) and more to warm up and to copy its findings back, which is
 * what linting a few dozen ordinary templates costs; `npm run bench` prints where workers start to pay.
 */
export const AUTO_FILES_PER_WORKER = 64;

/** Each worker holds an engine of its own; past this, more of them mostly add memory. */
export const AUTO_MAX_WORKERS = 7;

/**
 * Cores a scan leaves to other work than workers: one for this thread, which walks, lints between answers and
 * reports, and one for V8's own collector and compiler threads, which a lint keeps busy (about 70% of the main
 * thread's time on a 1,000-file scan here). On two cores a worker only competes with them and makes the scan
 * slower.
 */
export const AUTO_RESERVED_CORES = 2;

/**
 * How many threads lint `files` files: `jobs` when a number was asked for, else this one and a worker per
 * `AUTO_FILES_PER_WORKER` files on the cores not reserved.
 */
export function scanThreads(jobs: Jobs, files: number, cores = availableParallelism()): number {
  if (jobs !== 'auto') return Math.max(1, Math.min(jobs, files));
  const workers = Math.min(cores - AUTO_RESERVED_CORES, AUTO_MAX_WORKERS, Math.floor(files / AUTO_FILES_PER_WORKER));
  return 1 + Math.max(0, workers);
}

/**
 * Reads a `--jobs` or `IACSEC_JOBS` value: a whole number of at least 1, or `auto`. Undefined when it is neither,
 * for the caller to say so.
 */
export function parseJobs(text: string): Jobs | undefined {
  const trimmed = text.trim();
  if (trimmed === 'auto') return 'auto';
  if (!/^\d+$/.test(trimmed)) return undefined;
  const count = Number(trimmed);
  return count >= 1 && Number.isSafeInteger(count) ? count : undefined;
}
