import { ConfigResolver, type ConfigOutcome } from '../config/lookup';
import type { ConfigMessage, LintConfig } from '../config/types';
import type { Linter } from '../engine/linter';
import { configLocation, displayPath, referencesOf, scanError } from '../report/convert';
import { buildReport } from '../report/document';
import { toolVersion } from '../report/tool';
import type { Finding, References, ScanError, ScanReport } from '../report/types';
import { readAssembly } from '../cdk';
import { CdkOrigins } from '../report/cdk';
import { CdkValidation, type TemplateValidation } from '../report/cdk-validation';
import { DEFAULT_LIMITS, type Limits } from '../parsing/errors';
import { allRules } from '../rules';
import { scanFile, type FileOutcome } from './scan-file';
import { scanInParallel } from './scan-pool';
import { scanThreads, type Jobs } from './scan-threads';
import { collectFiles } from './walk';

export interface ScanOptions {
  /** Paths in the report are relative to it, and relative paths given are resolved against it. */
  readonly cwd: string;
  /**
   * The linter for files no configuration governs; its rules are the catalogue that each configuration's own
   * linters are built over.
   */
  readonly linter: Linter;
  /**
   * `--config FILE` (relative to cwd) or a configuration object: it alone governs every file. Otherwise each
   * file's nearest `.iacsec.yaml` does, looked up from its directory upwards.
   */
  readonly config?: string | LintConfig;
  /**
   * Told about doubtful configuration (a rule id that names no rule), once per configuration file, as
   * `<config file>:<line>:<column>: <message>`.
   */
  readonly warn?: (message: string) => void;
  /** List suppressed findings too, each with `suppressed: {by, reason}`; `summary.suppressed` counts them either way. */
  readonly includeSuppressed?: boolean;
  /** Called as each file the walk found is read, with how many are done: for a progress line. */
  readonly onFile?: (done: number, total: number) => void;
  /**
   * Gives the text to lint in place of a file's own; `iacsec fix` applies its fixes here, so the report is a
   * scan of the fixed result, linted with the same linter the scan would use for that file.
   */
  readonly rewrite?: (file: string, text: string, linter: Linter) => string;
  /** Paths a walk leaves out besides `.gitignore` and `.iacsec.yaml` ones (the editor's `files.exclude`). */
  readonly exclude?: (absolute: string) => boolean;
  /** Asked before each file; when it answers true the scan stops and reports the files done so far. */
  readonly shouldStop?: () => boolean;
  /** Told each linted file's resources (id and type), by the report's path for it: an audit's inventory. */
  readonly onResources?: (shown: string, resources: readonly { readonly id: string; readonly type: string }[]) => void;
  /**
   * Threads to lint on (`--jobs`): this one and worker threads beside it, or `auto` for what the number of
   * files pays for (see `scanThreads`). Default 1. The report is the same whatever the number.
   */
  readonly jobs?: Jobs;
}

/** Walks, reads and lints the paths (`.` when there are none) into the contract's JSON document. */
export async function scan(paths: readonly string[], options: ScanOptions): Promise<ScanReport> {
  const { cwd } = options;
  const warn = options.warn;
  const configs = new ConfigResolver(options.linter, {
    cwd,
    explicit: options.config,
    warn: warn && ((issue: ConfigMessage) => warn(`${configLocation(issue, cwd)}: ${issue.message}`)),
  });
  const exclude = options.exclude;
  const walked = await collectFiles(paths.length === 0 ? ['.'] : paths, cwd, (absolute, root) =>
    exclude?.(absolute) === true ? Promise.resolve(true) : configs.isIgnored(absolute, root),
  );
  const findings: Finding[] = [];
  const errors: ScanError[] = walked.problems.map((problem) =>
    scanError(displayPath(problem.path, cwd), 'read', problem.message),
  );
  // A broken configuration is one error entry per problem in it, reported once; the files it governs are not linted.
  const brokenConfigs = new Set<string>();
  const reportBroken = (outcome: ConfigOutcome): void => {
    if (outcome.kind !== 'error' || brokenConfigs.has(outcome.file)) return;
    brokenConfigs.add(outcome.file);
    for (const error of outcome.errors) {
      errors.push(scanError(displayPath(error.file, cwd), error.code, error.message, error));
    }
  };
  if (typeof options.config === 'string') reportBroken(await configs.forDirectory(cwd));
  let files = 0;
  /** The linter of a file, or undefined when a broken configuration governs it: then it is not linted. */
  const linterOf = async (file: string): Promise<Linter | undefined> => {
    const config = await configs.forFile(file);
    if (config.kind === 'error') {
      reportBroken(config);
      return undefined;
    }
    return config.kind === 'config' ? config.active.linterFor(file) : options.linter;
  };
  /**
   * Adds what one file gave to the report; `cdk` ties its findings to the constructs and source lines of a CDK
   * app, and `synth` adds what the synth's own validation found in the template.
   */
  const record = (job: Job, outcome: FileOutcome): void => {
    const { shown, cdk, synth } = job;
    if (outcome.kind === 'not-iac' || (outcome.kind === 'linted' && !outcome.linted.iac)) {
      findings.push(...(synth?.atStart(shown) ?? []));
      return;
    }
    files++;
    if (outcome.kind === 'unreadable') {
      errors.push(outcome.error);
      findings.push(...(synth?.atStart(shown) ?? []));
      return;
    }
    const { linted, text } = outcome;
    options.onResources?.(shown, linted.resources);
    findings.push(...(cdk === undefined ? linted.findings : linted.findings.map((finding) => cdk.annotate(finding))));
    errors.push(...linted.errors);
    if (synth !== undefined && text !== undefined)
      findings.push(...synth.findings({ text, shown, findings: linted.findings, linter: job.linter }));
  };
  const assemblies = await Promise.all(walked.assemblies.map((outdir) => readAssembly(outdir)));
  const templates = assemblies.flatMap((assembly) => {
    const validation = new CdkValidation(assembly);
    findings.push(...validation.unplacedFindings(cwd));
    return assembly.templates.map((template) => {
      const cdk = new CdkOrigins(assembly, template);
      return { file: template.file, cdk, synth: validation.on(template, cdk) };
    });
  });
  for (const assembly of assemblies) {
    for (const problem of assembly.problems)
      errors.push(scanError(displayPath(problem.file, cwd), 'read', problem.message));
  }
  const work: Work[] = [...walked.files.map((file) => ({ file })), ...templates];
  const threads = scanThreads(options.jobs ?? 1, walked.files.length);
  if (threads > 1 && workersCanScan(options)) {
    const jobs: Job[] = [];
    for (const item of work) {
      const linter = await linterOf(item.file);
      if (linter !== undefined) jobs.push({ ...item, linter, shown: displayPath(item.file, cwd) });
    }
    const explicit = typeof options.config === 'string' ? { config: options.config } : {};
    const outcomes = await scanInParallel({
      jobs: jobs.map((job, index) => ({ index, file: job.file, shown: job.shown, local: job.cdk !== undefined })),
      workers: threads - 1,
      data: { cwd, ...explicit },
      lintHere: ({ index }) => {
        const job = jobs[index] as Job;
        return scanFile(job.file, job.shown, job.linter);
      },
      references: referencesByRule(options.linter),
      onDone: options.onFile,
      shouldStop: options.shouldStop,
      warn: options.warn,
    });
    // In the order of the work, as a scan on one thread records them.
    for (const [index, outcome] of outcomes.entries()) if (outcome !== undefined) record(jobs[index] as Job, outcome);
  } else {
    for (const [done, item] of work.entries()) {
      if (options.shouldStop?.() === true) break;
      options.onFile?.(done, work.length);
      const linter = await linterOf(item.file);
      if (linter === undefined) continue;
      const job = { ...item, linter, shown: displayPath(item.file, cwd) };
      record(job, await scanFile(job.file, job.shown, linter, options.rewrite));
    }
  }
  return buildReport({ version: toolVersion(), files, findings, errors, includeSuppressed: options.includeSuppressed });
}

/** A file of the scan: found by the walk, or a CDK assembly's template with what ties it to its app. */
interface Work {
  readonly file: string;
  readonly cdk?: CdkOrigins;
  readonly synth?: TemplateValidation;
}

/** A file to lint, with its linter and its path in the report. */
interface Job extends Work {
  readonly linter: Linter;
  readonly shown: string;
}

/** References by rule id, looked up once per rule; the objects are shared, as they are never changed. */
function referencesByRule(linter: Linter): (ruleId: string) => References {
  const known = new Map<string, References>();
  return (ruleId) => {
    let references = known.get(ruleId);
    if (references === undefined) {
      references = referencesOf(linter.ruleSet.rule(ruleId));
      known.set(ruleId, references);
    }
    return references;
  };
}

/**
 * Scan workers build their own linters from the whole catalogue with the default limits and find each file's
 * configuration by path, as the CLI's own scan does: a scan that differs (a catalogue of its own, limits, a
 * configuration object, rewritten texts) lints on its own thread.
 */
function workersCanScan(options: ScanOptions): boolean {
  const { linter } = options;
  return (
    options.rewrite === undefined &&
    (options.config === undefined || typeof options.config === 'string') &&
    linter.ruleSet.rules === allRules &&
    Object.entries(DEFAULT_LIMITS).every(([key, value]) => linter.limits[key as keyof Limits] === value)
  );
}
