import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CancellationToken, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { buildAudit, documentUri, type AuditModel } from '../report/audit';
import { renderAuditHtml } from '../report/audit-html';
import { buildReport } from '../report/document';
import { toSarif } from '../report/sarif';
import { toolVersion } from '../report/tool';
import type { Finding, ScanError, ScanReport } from '../report/types';
import type { Rule } from '../rules/types';
import { auditDiagnostics } from './diagnostics';
import type { AuditReportRequest, AuditSummary, Settings } from './protocol';
import { SeverityCustomizer } from './settings';
import { LintWorker } from './worker-client';
import type { AuditedFolder, AuditFolderJob } from './worker-protocol';
import { configFileOf, type Folder, type SettingsStore, type WorkspaceFolders } from './workspace';

export interface AuditEnvironment {
  readonly folders: WorkspaceFolders;
  readonly settings: SettingsStore;
  readonly rules: readonly Rule[];
  /** `files.exclude` of a folder, as the client has it (`{ glob: true }`); empty when the client cannot say. */
  filesExclude(folder: Folder): Promise<unknown>;
  /** Local paths of the documents open in the editor: their diagnostics come from their buffers, not the audit. */
  openPaths(): ReadonlySet<string>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

interface LastAudit {
  readonly model: AuditModel;
  readonly folders: readonly { readonly folder: Folder; readonly audited: AuditedFolder }[];
}

/**
 * The workspace audit: every IaC file of every folder (honouring `.gitignore`, `.iacsec.yaml`, `files.exclude`
 * and `iacsec.ignore`) linted in a worker of its own, with progress and cancellation; Problems filled for files
 * that are not open; the report kept for the report view and its exports.
 */
export class WorkspaceAudit {
  private last: LastAudit | undefined;
  /** Audit diagnostics by URI, for files not open: kept to publish again when an open file is closed. */
  private readonly published = new Map<string, { readonly path: string; readonly diagnostics: Diagnostic[] }>();

  constructor(private readonly env: AuditEnvironment) {}

  async run(progress: WorkDoneProgressReporter, cancel: readonly CancellationToken[]): Promise<AuditSummary> {
    const folders = this.env.folders.all().filter((folder) => folder.path !== undefined);
    progress.begin('iacsec: auditing the workspace', 0, `${folders.length} folder(s)`, true);
    const jobs: AuditFolderJob[] = [];
    const settings: Settings[] = [];
    for (const folder of folders) {
      const own = await this.env.settings.for(folder.uri);
      settings.push(own);
      const configFile = configFileOf(own, folder, folder.path as string);
      jobs.push({
        path: folder.path as string,
        exclude: [...excludedGlobs(await this.env.filesExclude(folder)), ...own.ignore],
        limits: own.limits,
        ...(configFile === undefined ? {} : { configFile }),
      });
    }
    const worker = new LintWorker((message) => this.env.log(message));
    try {
      const { id, answer } = worker.request({ kind: 'audit', folders: jobs }, ({ folder, done, total }) => {
        const share = total === 0 ? 1 : done / total;
        const percentage = Math.floor(((folder + share) / Math.max(1, jobs.length)) * 100);
        progress.report(
          percentage,
          `${done} of ${total} files${jobs.length > 1 ? ` in folder ${folder + 1} of ${jobs.length}` : ''}`,
        );
      });
      for (const token of cancel) token.onCancellationRequested(() => worker.stop(id));
      const result = await answer;
      if (result.kind !== 'audited')
        throw new Error(`the audit failed: ${result.kind === 'failed' ? result.message : result.kind}`);
      const audited = result.folders.map((entry, index) => ({ folder: folders[index] as Folder, audited: entry }));
      this.publishAll(audited, settings);
      const model = buildAudit({
        folders: audited.map(({ folder, audited: entry }) => ({
          name: folder.name,
          uri: folder.uri.replace(/\/+$/, ''),
          report: entry.report,
          resources: entry.resources,
        })),
        rules: this.env.rules,
        generatedAt: new Date().toISOString(),
        cancelled: result.stopped,
      });
      this.last = { model, folders: audited };
      return summaryOf(
        audited.map(({ audited: entry }) => entry.report),
        result.stopped,
      );
    } finally {
      progress.done();
      await worker.dispose();
    }
  }

  /** The last audit as SARIF, a standalone HTML page or the report view's HTML; null before any audit. */
  report(request: AuditReportRequest): string | null {
    const last = this.last;
    if (last === undefined) return null;
    switch (request.format) {
      case 'webview':
        return renderAuditHtml(last.model, {
          mode: 'webview',
          cspSource: request.cspSource ?? '',
          nonce: request.nonce ?? '',
        });
      case 'html':
        return renderAuditHtml(last.model, { mode: 'file' });
      case 'sarif':
        return `${JSON.stringify(this.sarif(last), null, 2)}\n`;
    }
  }

  /** A closed document's Problems entries go back to what the audit found on disk. */
  closed(uri: string): void {
    const entry = this.published.get(uri);
    if (entry !== undefined) this.env.publish(uri, entry.diagnostics);
  }

  /** Audit diagnostics for every file the editor has not opened; earlier ones that no longer apply are cleared. */
  private publishAll(audited: LastAudit['folders'], settings: readonly Settings[]): void {
    const open = this.env.openPaths();
    const before = new Map(this.published);
    this.published.clear();
    for (const [index, { folder, audited: entry }] of audited.entries()) {
      const own = settings[index] as Settings;
      const options = { docsBaseUrl: own.docs.baseUrl, customizer: new SeverityCustomizer(own.rules.customizations) };
      for (const [file, { findings, errors }] of byFile(entry.report)) {
        const absolute = path.resolve(entry.path, file);
        const uri = documentUri(folder.uri, file);
        const diagnostics = auditDiagnostics(uri, findings, errors, options);
        if (diagnostics.length === 0) continue;
        this.published.set(uri, { path: absolute, diagnostics });
        before.delete(uri);
        if (!open.has(absolute)) this.env.publish(uri, diagnostics);
      }
    }
    for (const [uri, entry] of before) if (!open.has(entry.path)) this.env.publish(uri, []);
  }

  private sarif(last: LastAudit): unknown {
    const single = last.folders.length === 1 ? last.folders[0] : undefined;
    const prefix = (folder: Folder, file: string): string => (single === undefined ? `${folder.name}/${file}` : file);
    const findings: Finding[] = [];
    const errors: ScanError[] = [];
    const files = new Map<string, string>();
    let count = 0;
    for (const { folder, audited } of last.folders) {
      count += audited.report.summary.files;
      for (const finding of audited.report.findings) {
        findings.push({ ...finding, file: prefix(folder, finding.file) });
        files.set(prefix(folder, finding.file), path.resolve(audited.path, finding.file));
      }
      for (const error of audited.report.errors) errors.push({ ...error, file: prefix(folder, error.file) });
    }
    const report = buildReport({ version: toolVersion(), files: count, findings, errors });
    return toSarif(report, {
      rules: this.env.rules,
      ...(single === undefined ? {} : { srcRoot: single.audited.path }),
      source: (file) => readText(files.get(file)),
    });
  }
}

/** `files.exclude` keys whose value is `true` (conditional `{ when }` entries need sibling files: left out). */
function excludedGlobs(setting: unknown): string[] {
  if (typeof setting !== 'object' || setting === null) return [];
  return Object.entries(setting).flatMap(([glob, on]) => (on === true ? [glob] : []));
}

function byFile(report: ScanReport): Map<string, { findings: Finding[]; errors: ScanError[] }> {
  const files = new Map<string, { findings: Finding[]; errors: ScanError[] }>();
  const entry = (file: string) => {
    let found = files.get(file);
    if (found === undefined) files.set(file, (found = { findings: [], errors: [] }));
    return found;
  };
  for (const finding of report.findings) entry(finding.file).findings.push(finding);
  for (const error of report.errors) entry(error.file).errors.push(error);
  return files;
}

function readText(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function summaryOf(reports: readonly ScanReport[], cancelled: boolean): AuditSummary {
  const bySeverity = { error: 0, warning: 0, info: 0 };
  let files = 0;
  let findings = 0;
  let errors = 0;
  for (const report of reports) {
    files += report.summary.files;
    findings += report.summary.findings;
    errors += report.summary.errors;
    for (const severity of ['error', 'warning', 'info'] as const)
      bySeverity[severity] += report.summary.bySeverity[severity];
  }
  return { folders: reports.length, files, findings, errors, bySeverity, cancelled };
}
