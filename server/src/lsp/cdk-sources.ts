import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Hover, Position } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { findAssembly, readAssembly } from '../cdk';
import { docsUrl } from '../report/catalogue';
import type { Finding } from '../report/types';
import type { Rule } from '../rules/types';
import { describeRule } from './hover';
import { LintWorker } from './worker-client';
import { localPath, type WorkspaceFolders } from './workspace';

/** A CDK finding as shown on the app's source: the diagnostic, and the finding for the hover. */
interface SourceFinding {
  readonly diagnostic: Diagnostic;
  readonly finding: Finding;
}

export interface CdkEnvironment {
  readonly folders: WorkspaceFolders;
  readonly rules: ReadonlyMap<string, Rule>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

/**
 * Findings of CDK apps on their own source: the templates of each workspace folder's `cdk.out` (or its `cdk.json`'s
 * `output`) are linted in a worker, and each finding is published on the line of the app that created the resource,
 * with the template's resource as related information. Nothing runs: iacsec reads what `cdk synth` left on disk,
 * and reads it again when it changes.
 */
export class CdkSources {
  /** Per assembly (`cdk.out`), the source URIs it published on, and what it found there. */
  private readonly byAssembly = new Map<string, Map<string, SourceFinding[]>>();
  /** Each template's text as last read, and as read the time before: the previous synth, for a security diff. */
  private readonly current = new Map<string, string>();
  private readonly previous = new Map<string, string>();

  constructor(private readonly env: CdkEnvironment) {}

  /** Reads the assemblies of every workspace folder. */
  async refreshAll(): Promise<void> {
    for (const folder of this.env.folders.all()) {
      if (folder.path === undefined) continue;
      const outdir = await findAssembly(folder.path);
      if (outdir !== undefined) await this.refresh(outdir, folder.path);
    }
  }

  /** A file of an assembly changed (the user synthesized again): that assembly is read again. */
  async changed(uri: string): Promise<void> {
    const file = localPath(uri);
    if (file === undefined) return;
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (path.basename(dir) !== 'cdk.out') continue;
      const app = path.dirname(dir);
      if ((await findAssembly(dir)) === dir) await this.refresh(dir, app);
      return;
    }
  }

  hover(uri: string, position: Position): Hover | null {
    const found: Finding[] = [];
    for (const byUri of this.byAssembly.values()) {
      for (const entry of byUri.get(uri) ?? [])
        if (entry.diagnostic.range.start.line === position.line) found.push(entry.finding);
    }
    if (found.length === 0) return null;
    const value = found
      .map((finding) => {
        const rule = this.env.rules.get(finding.ruleId);
        const where = `In the synthesized template: \`${finding.constructPath ?? finding.resource?.id ?? ''}\` (${finding.stack ?? ''}).`;
        const cdk = rule?.meta.cdk === undefined ? '' : `\n\n**In the CDK app.** Set \`${rule.meta.cdk}\`.`;
        const docs = hasPage(finding) ? `\n\n[Documentation](${docsUrl(finding.ruleId)})` : '';
        return `${describeRule(finding, rule)}\n\n${where}${cdk}${docs}`;
      })
      .join('\n\n---\n\n');
    return { contents: { kind: 'markdown', value } };
  }

  /** A template as it was before the last synth this server saw; null when none was kept. */
  previousText(uri: string): string | null {
    const file = localPath(uri);
    return file === undefined ? null : (this.previous.get(file) ?? null);
  }

  /** Keeps the templates' texts of the synth being read, and those of the one before it. */
  private async keepTexts(outdir: string, appRoot: string): Promise<void> {
    const assembly = await readAssembly(outdir, appRoot);
    for (const template of assembly.templates) {
      let text: string;
      try {
        text = await fs.readFile(template.file, 'utf8');
      } catch {
        continue;
      }
      const before = this.current.get(template.file);
      if (before !== undefined && before !== text) this.previous.set(template.file, before);
      this.current.set(template.file, text);
    }
  }

  private async refresh(outdir: string, appRoot: string): Promise<void> {
    await this.keepTexts(outdir, appRoot);
    const worker = new LintWorker((message) => this.env.log(message));
    let answer;
    try {
      answer = await worker.request({ kind: 'cdk', outdir, appRoot }).answer;
    } finally {
      await worker.dispose();
    }
    if (answer.kind !== 'assembly') {
      if (answer.kind === 'failed') this.env.log(`iacsec could not read ${outdir}: ${answer.message}`);
      return;
    }
    const byUri = new Map<string, SourceFinding[]>();
    for (const finding of answer.report.findings) {
      if (finding.source === undefined) continue;
      const uri = pathToFileURL(path.resolve(appRoot, finding.source.file)).href;
      const list = byUri.get(uri) ?? [];
      list.push({
        diagnostic: sourceDiagnostic(finding, pathToFileURL(path.resolve(appRoot, finding.file)).href),
        finding,
      });
      byUri.set(uri, list);
    }
    const before = this.byAssembly.get(outdir);
    this.byAssembly.set(outdir, byUri);
    for (const [uri, entries] of byUri)
      this.env.publish(
        uri,
        entries.map((entry) => entry.diagnostic),
      );
    for (const uri of before?.keys() ?? []) if (!byUri.has(uri)) this.env.publish(uri, []);
  }
}

/** LSP's largest position: a client reads it as the end of the line. */
const END_OF_LINE = 2 ** 31 - 1;

/** On the source line, from the construct's column to the end of the line (clients clamp to the line's length). */
function sourceDiagnostic(finding: Finding, templateUri: string): Diagnostic {
  const source = finding.source as NonNullable<Finding['source']>;
  const line = source.line - 1;
  return {
    range: { start: { line, character: source.column - 1 }, end: { line, character: END_OF_LINE } },
    severity:
      finding.severity === 'error'
        ? DiagnosticSeverity.Error
        : finding.severity === 'warning'
          ? DiagnosticSeverity.Warning
          : DiagnosticSeverity.Information,
    code: finding.ruleId,
    ...(hasPage(finding) ? { codeDescription: { href: docsUrl(finding.ruleId) } } : {}),
    source: 'iacsec',
    message: `${finding.message}${source.approximate === true ? ' (at the nearest construct with a source line)' : ''}`,
    relatedInformation: [
      {
        location: {
          uri: templateUri,
          range: {
            start: { line: finding.line - 1, character: finding.column - 1 },
            end: { line: finding.endLine - 1, character: finding.endColumn - 1 },
          },
        },
        message: `${finding.resource?.id ?? 'The resource'} in ${finding.stack ?? 'the synthesized template'}${finding.constructPath === undefined ? '' : ` (${finding.constructPath})`}`,
      },
    ],
  };
}

/** iacsec's rules and engine findings have pages; the synth's own (`cdk-nag/…`, `cfn-validate/…`) do not. */
function hasPage(finding: Finding): boolean {
  return finding.theme !== null || finding.ruleId.startsWith('iacsec/');
}
