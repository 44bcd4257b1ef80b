import { ConfigResolver, type ConfigOutcome } from '../config/lookup';
import type { ConfigMessage, LintConfig } from '../config/types';
import type { Linter } from '../engine/linter';
import { displayPath, lintSource, scanError } from '../report/convert';
import { buildReport } from '../report/document';
import { toolVersion } from '../report/tool';
import type { Finding, ScanError, ScanReport } from '../report/types';
import { readSource } from './read';
import { readAssembly } from '../cdk';
import { CdkOrigins } from '../report/cdk';
import { CdkValidation, type TemplateValidation } from '../report/cdk-validation';
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
}

/** Walks, reads and lints the paths (`.` when there are none) into the contract's JSON document. */
export async function scan(paths: readonly string[], options: ScanOptions): Promise<ScanReport> {
  const { cwd } = options;
  const warn = options.warn;
  const configs = new ConfigResolver(options.linter, {
    cwd,
    explicit: options.config,
    warn:
      warn &&
      ((issue: ConfigMessage) =>
        warn(`${displayPath(issue.file, cwd)}:${issue.line}:${issue.column}: ${issue.message}`)),
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
  /**
   * Reads and lints one file; `cdk` ties its findings to the constructs and source lines of a CDK app, and `synth`
   * adds what the synth's own validation found in the template.
   */
  const lintFile = async (file: string, cdk?: CdkOrigins, synth?: TemplateValidation): Promise<void> => {
    const config = await configs.forFile(file);
    if (config.kind === 'error') {
      reportBroken(config);
      return;
    }
    const linter = config.kind === 'config' ? config.active.linterFor(file) : options.linter;
    const shown = displayPath(file, cwd);
    const source = await readSource(file, linter.limits.maxTemplateBytes, linter.limits.maxPlanBytes);
    if (source.kind === 'not-iac') {
      findings.push(...(synth?.atStart(shown) ?? []));
      return;
    }
    if (source.kind === 'error') {
      files++;
      errors.push(scanError(shown, source.code, source.message, source.position));
      findings.push(...(synth?.atStart(shown) ?? []));
      return;
    }
    const text = options.rewrite === undefined ? source.text : options.rewrite(file, source.text, linter);
    const linted = lintSource(linter, text, file, shown);
    if (!linted.iac) {
      findings.push(...(synth?.atStart(shown) ?? []));
      return;
    }
    files++;
    options.onResources?.(shown, linted.resources);
    findings.push(...(cdk === undefined ? linted.findings : linted.findings.map((finding) => cdk.annotate(finding))));
    errors.push(...linted.errors);
    if (synth !== undefined) findings.push(...synth.findings({ text, shown, findings: linted.findings, linter }));
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
  const work = [...walked.files.map((file) => ({ file, cdk: undefined, synth: undefined })), ...templates];
  for (const [done, { file, cdk, synth }] of work.entries()) {
    if (options.shouldStop?.() === true) break;
    options.onFile?.(done, work.length);
    await lintFile(file, cdk, synth);
  }
  return buildReport({ version: toolVersion(), files, findings, errors, includeSuppressed: options.includeSuppressed });
}
