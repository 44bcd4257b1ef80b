import * as path from 'node:path';
import { scan } from '../cli/scan';
import { ConfigResolver } from '../config/lookup';
import { applyFixes } from '../edits/apply';
import { LintCancelled, Linter } from '../engine/linter';
import { RuleSet } from '../engine/rule-set';
import { globMatcher } from '../engine/suppressions/patterns';
import type { Limits } from '../parsing/errors';
import { allRules } from '../rules';
import { encodeChanges, splitFixes } from './fix-changes';
import { securityDiff } from './security-diff';
import type {
  AuditedFolder,
  AuditFolderJob,
  ConfigChoice,
  ConfigNote,
  DocumentJob,
  WorkerRequest,
  WorkerResponse,
} from './worker-protocol';

/**
 * What the lint worker thread does with each request, kept apart from the thread itself so that tests can drive it
 * directly. Configuration is looked up and cached here, per explicit file and working folder, until the server
 * says a configuration file changed.
 */
export class WorkerLinting {
  private readonly defaults = new Linter(new RuleSet(allRules));
  /** The default rules under other limits (`iacsec.limits.*`), by `limitsKey`. */
  private readonly limited = new Map<string, Linter>();
  private readonly resolvers = new Map<string, ConfigResolver>();
  private readonly stopped = new Set<number>();

  constructor(
    private readonly post: (response: WorkerResponse) => void,
    /** Whether the server has cancelled request `id` (a newer edit replaced its text). */
    private readonly isCancelled: (id: number) => boolean = () => false,
  ) {}

  async handle(request: WorkerRequest): Promise<void> {
    switch (request.kind) {
      case 'forgetConfig':
        this.resolvers.clear();
        return;
      case 'stop':
        this.stopped.add(request.id);
        return;
      case 'lint':
      case 'fixAll':
      case 'securityDiff':
      case 'audit':
      case 'cdk':
        break;
    }
    const { id } = request;
    try {
      if (request.kind === 'lint') await this.lint(id, request);
      else if (request.kind === 'fixAll') await this.fixAll(id, request);
      else if (request.kind === 'securityDiff') {
        const { linter, config } = await this.linterFor(request);
        const { oldText, oldName, newName, text: newText } = request;
        const answer = await securityDiff({ oldText, newText, oldName, newName }, linter, config);
        this.post({ kind: 'securityDiffed', id, answer });
      } else if (request.kind === 'cdk') {
        const report = await scan([request.outdir], { cwd: request.appRoot, linter: this.defaults });
        this.post({ kind: 'assembly', id, report });
      } else await this.audit(id, request.folders);
    } catch (error) {
      if (error instanceof LintCancelled) this.post({ kind: 'cancelled', id });
      else
        this.post({
          kind: 'failed',
          id,
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
    } finally {
      this.stopped.delete(id);
    }
  }

  private async lint(id: number, job: DocumentJob): Promise<void> {
    const { linter, config } = await this.linterFor(job);
    const { result, changes } = splitFixes(
      linter.lint(job.text, job.file, { isCancelled: () => this.isCancelled(id) }),
    );
    this.post(config === undefined ? { kind: 'linted', id, result } : { kind: 'linted', id, result, config });
    this.post({ kind: 'fixChanges', id, changes: encodeChanges(changes) });
  }

  /** Every safe fix, pass after pass as `iacsec fix` does, on the buffer as it is now. */
  private async fixAll(id: number, job: DocumentJob): Promise<void> {
    const { linter } = await this.linterFor(job);
    const relint = (text: string) => linter.lint(text, job.file).findings;
    const { text } = applyFixes(job.text, job.file, relint(job.text), { relint, limits: linter.limits });
    this.post({ kind: 'fixed', id, text });
  }

  private async audit(id: number, jobs: readonly AuditFolderJob[]): Promise<void> {
    const folders: AuditedFolder[] = [];
    for (const [index, job] of jobs.entries()) {
      if (this.stopped.has(id)) break;
      const resources: Record<string, { id: string; type: string }[]> = {};
      const excluded = job.exclude.map((glob) => globMatcher(glob));
      const report = await scan([job.path], {
        cwd: job.path,
        linter: this.defaultsFor(job.limits),
        config: job.configFile,
        exclude: (absolute) => {
          const relative = path.relative(job.path, absolute).split(path.sep).join('/');
          return excluded.some((matches) => matches(relative));
        },
        shouldStop: () => this.stopped.has(id),
        onFile: (done, total) => this.post({ kind: 'progress', id, folder: index, done, total }),
        onResources: (shown, list) => {
          resources[shown] = list.map((resource) => ({ id: resource.id, type: resource.type }));
        },
      });
      folders.push({ path: job.path, report, resources });
    }
    this.post({ kind: 'audited', id, folders, stopped: this.stopped.has(id) });
  }

  private async linterFor(job: DocumentJob): Promise<{ linter: Linter; config?: ConfigNote }> {
    const defaults = this.defaultsFor(job.limits);
    const resolver = this.resolverFor(job, defaults);
    const outcome = job.onDisk
      ? await resolver.forFile(job.file)
      : job.configFile === undefined
        ? { kind: 'none' as const }
        : await resolver.forDirectory(job.cwd);
    switch (outcome.kind) {
      case 'config':
        return { linter: outcome.active.linterFor(job.file) };
      case 'none':
        return { linter: defaults };
      case 'error':
        return { linter: defaults, config: { file: outcome.file, errors: outcome.errors } };
    }
  }

  /** The default rules under the editor's limits, which apply wherever a configuration sets none. */
  private defaultsFor(limits: Limits | undefined): Linter {
    const key = limitsKey(limits ?? this.defaults.limits);
    if (key === limitsKey(this.defaults.limits)) return this.defaults;
    let linter = this.limited.get(key);
    if (linter === undefined) {
      linter = new Linter(this.defaults.ruleSet, { limits });
      this.limited.set(key, linter);
    }
    return linter;
  }

  private resolverFor(choice: ConfigChoice, defaults: Linter): ConfigResolver {
    const where = `${choice.configFile ?? ''}\u0000${choice.configFile === undefined ? '' : choice.cwd}`;
    const key = `${where}\u0000${limitsKey(defaults.limits)}`;
    let resolver = this.resolvers.get(key);
    if (resolver === undefined) {
      resolver = new ConfigResolver(defaults, { cwd: choice.cwd, explicit: choice.configFile });
      this.resolvers.set(key, resolver);
    }
    return resolver;
  }
}

function limitsKey(limits: Limits): string {
  return `${limits.maxTemplateBytes}/${limits.maxPlanBytes}/${limits.maxDepth}/${limits.maxAliases}`;
}
