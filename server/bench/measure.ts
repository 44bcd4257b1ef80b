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
      sink[0] = work();
      single = cpuMs(start);
    }
    let times = Math.max(1, Math.ceil(options.minSampleMs / Math.max(single, 0.01)));
    for (let spent = 0, previous = Number.POSITIVE_INFINITY; spent < options.maxWarmupMs;) {
      const start = process.cpuUsage();
      for (let r = 0; r < times; r++) sink[0] = work();
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
      for (let r = 0; r < times; r++) sink[0] = work();
      samples.get(name)?.push(cpuMs(start) / times);
    }
  }
  sink.length = 0;
  return Object.fromEntries(entries.map(([name]) => [name, median(samples.get(name) ?? [])])) as Record<K, number>;
}

/**
 * Model + rules per resource of the smallest and the largest subject, measured taking turns within every sample so
 * that the heap and the machine touch both alike (measured one after the other, the verdict flipped from run to
 * run), and whether that cost stays put: linear when the larger costs at most 1.3× as much per resource.
 */
export function perResourceGrowth(
  small: { readonly resources: number; readonly run: () => unknown },
  large: { readonly resources: number; readonly run: () => unknown },
  options: MeasureOptions,
): string {
  const costs = medianCpuMs({ small: small.run, large: large.run }, options);
  const [smallCost, largeCost] = [costs.small / small.resources, costs.large / large.resources];
  return `model + rules ${ms(smallCost)} → ${ms(largeCost)} ms per resource (${largeCost / smallCost <= 1.3 ? 'linear' : 'SUPERLINEAR'})`;
}

/**
 * Runs every piece of work in turn until `ms` of CPU time has gone by. V8 takes seconds of linting to compile
 * the rules' paths (interpreter, then baseline, then optimised code, on compiler threads whose CPU time counts):
 * a 50-resource lint measured in its first two seconds cost 2–5× what it costs once settled, as in an editor
 * that has linted a few times. Warming every dialect up front measures the settled cost everywhere.
 */
export function warmUp(works: readonly (() => unknown)[], ms: number): void {
  const start = process.cpuUsage();
  while (cpuMs(start) < ms) for (const work of works) sink[0] = work();
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
