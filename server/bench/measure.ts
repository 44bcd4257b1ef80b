import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface MeasureOptions {
  /** Samples whose median is reported. */
  readonly samples: number;
  /** Unmeasured runs first, so the JIT has compiled the hot paths: at least this many. */
  readonly warmup: number;
  /**
   * And then more, in batches of `minSampleMs`, until a batch costs within 5% of the one before, or this much CPU
   * time has gone into warming the work up. Three runs of a 50-resource lint leave it half compiled: its first
   * second costs 2–3× what it costs once V8 has optimised the rules, and that second is all a sample would see.
   */
  readonly maxWarmupMs: number;
  /** A sample repeats the work until it costs at least this much, so small inputs are not lost in clock granularity. */
  readonly minSampleMs: number;
}

/** Keeps the latest result reachable so no run is optimised away. */
const sink: unknown[] = [];

/**
 * One run of `work`, its result kept in `sink` until the next run starts, not while it runs: kept through the
 * next run, the previous tree or result stayed live while the next was built, which no caller does (the lint
 * worker keeps nothing between lints), and every collection in the run marked it — at 2,000 resources that cost
 * the positioned JSON reader 2.3× (9.4 → 22 ms) and a lint a fifth.
 */
function runOnce(work: () => unknown): void {
  sink[0] = undefined;
  sink[0] = work();
}

/** CPU time of this process (user + system, all threads: GC helpers count), in milliseconds. */
function cpuMs(since?: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/**
 * Median CPU milliseconds of one call of each piece of work, garbage collection included. The pieces take
 * turns within every sample, so a slow stretch of the machine (this is a VM with neighbours) or a heap
 * that has grown touches all of them alike and their ratios stay put. No forced collection between samples:
 * after a full GC, V8 shrinks the young generation and the next run pays for regrowing it while the tree
 * it builds is still live, which doubled the YAML numbers here; repeated linting never runs like that.
 */
export function medianCpuMs<K extends string>(
  works: Readonly<Record<K, () => unknown>>,
  options: MeasureOptions,
): Record<K, number> {
  const entries = Object.entries(works) as [K, () => unknown][];
  const repeats = new Map<K, number>();
  for (const [name, work] of entries) {
    let single = 0;
    for (let i = 0; i < Math.max(1, options.warmup); i++) {
      const start = process.cpuUsage();
      runOnce(work);
      single = cpuMs(start);
    }
    let times = Math.max(1, Math.ceil(options.minSampleMs / Math.max(single, 0.01)));
    for (let spent = 0, previous = Number.POSITIVE_INFINITY; spent < options.maxWarmupMs;) {
      const start = process.cpuUsage();
      for (let r = 0; r < times; r++) runOnce(work);
      const batch = cpuMs(start);
      spent += batch;
      const each = batch / times;
      if (Math.abs(each - previous) <= previous * 0.05) break;
      previous = each;
      times = Math.max(1, Math.ceil(options.minSampleMs / Math.max(each, 0.01)));
    }
    repeats.set(name, times);
  }
  const samples = new Map<K, number[]>(entries.map(([name]) => [name, []]));
  for (let s = 0; s < options.samples; s++) {
    for (const [name, work] of entries) {
      const times = repeats.get(name) ?? 1;
      const start = process.cpuUsage();
      for (let r = 0; r < times; r++) runOnce(work);
      samples.get(name)?.push(cpuMs(start) / times);
    }
  }
  sink.length = 0;
  return Object.fromEntries(entries.map(([name]) => [name, median(samples.get(name) ?? [])])) as Record<K, number>;
}

/**
 * Model + rules per resource of the pathological template of `dialect` at the smallest and largest of `sizes` and
 * their geometric mean, measured taking turns within every sample in a worker thread of its own
 * (`growth-worker.ts`), and how time grows with size: the exponent k of time ∝ resources^k, fitted through the
 * three. Linear when k ≤ 1.2, as a cost per resource growing at most 1.3× over 4× the resources; a quadratic resolver
 * reads 2. Two sizes alone swung 1.2–1.4× from run to run. The bench waits for it.
 */
export function perResourceGrowth(
  dialect: 'cloudformation' | 'terraform',
  [small, large]: readonly [number, number],
  options: MeasureOptions,
): string {
  const sizes = [small, Math.round(Math.sqrt(small * large)), large];
  const costs = new SharedArrayBuffer(8 * sizes.length);
  const done = new SharedArrayBuffer(4);
  const worker = new Worker(path.join(__dirname, 'growth-worker.js'), {
    // Samples six times as long: in 150 ms ones a collection the large template's garbage set off landed in the
    // next size's sample, and k swung 0.85–1.25 from run to run; in 0.9 s ones it stays within a few hundredths.
    workerData: { dialect, sizes, measure: { ...options, minSampleMs: options.minSampleMs * 6 }, costs, done },
  });
  const flag = new Int32Array(done);
  Atomics.wait(flag, 0, 0, 600_000);
  void worker.terminate();
  if (Atomics.load(flag, 0) !== 1) return 'model + rules per resource: not measured (the growth worker failed)';
  const perResource = [...new Float64Array(costs)];
  const exponent = slope(
    sizes.map((count) => Math.log(count)),
    perResource.map((cost, index) => Math.log(cost * (sizes[index] ?? Number.NaN))),
  );
  return (
    `model + rules ${perResource.map(ms).join(' → ')} ms per resource at ${sizes.join('/')}: ` +
    `time ∝ resources^${exponent.toFixed(2)} (${exponent <= 1.2 ? 'linear' : 'SUPERLINEAR'})`
  );
}

/** The least-squares slope of `ys` against `xs`. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  const [meanX, meanY] = [mean(xs), mean(ys)];
  let covariance = 0;
  let variance = 0;
  xs.forEach((x, index) => {
    covariance += (x - meanX) * ((ys[index] ?? Number.NaN) - meanY);
    variance += (x - meanX) ** 2;
  });
  return variance === 0 ? 0 : covariance / variance;
}

/**
 * Runs every piece of work in turn until `ms` of CPU time has gone by. V8 takes seconds of linting to compile
 * the rules' paths (interpreter, then baseline, then optimised code, on compiler threads whose CPU time counts):
 * a 50-resource lint measured in its first two seconds cost 2–5× what it costs once settled, as in an editor
 * that has linted a few times. Warming every dialect up front measures the settled cost everywhere.
 */
export function warmUp(works: readonly (() => unknown)[], ms: number): void {
  const start = process.cpuUsage();
  while (cpuMs(start) < ms) for (const work of works) runOnce(work);
  sink.length = 0;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Fixed-point milliseconds, with more digits where there are few. */
export function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}
