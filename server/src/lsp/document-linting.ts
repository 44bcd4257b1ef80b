import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import { configDiagnostic, toDiagnostics } from './diagnostics';
import { FixChanges } from './fix-changes';
import type { LintQueue } from './lint-queue';
import type { SecurityDiffRequest, Settings } from './protocol';
import { SeverityCustomizer } from './settings';
import { shareStrings } from './shared-strings';
import type { ConfigNote, DocumentJob, LintedResult } from './worker-protocol';
import {
  configFileOf,
  fileNameOf,
  isIgnoredBySettings,
  localPath,
  type SettingsStore,
  type WorkspaceFolders,
} from './workspace';

/** A document as it was last linted: the text (as a snapshot), what the engine said, and the settings it ran under. */
export interface LintedDocument {
  readonly uri: string;
  readonly version: number;
  readonly snapshot: TextDocument;
  readonly file: string;
  readonly result: LintedResult;
  /** The changes of the result's fixes, which arrive just after it. */
  readonly fixChanges: FixChanges;
  readonly config?: ConfigNote;
  readonly settings: Settings;
  readonly customizer: SeverityCustomizer;
}

export type LintTrigger = 'open' | 'change' | 'save' | 'refresh';

export interface LintingEnvironment {
  readonly documents: TextDocuments<TextDocument>;
  readonly queue: LintQueue;
  readonly settings: SettingsStore;
  readonly folders: WorkspaceFolders;
  publish(uri: string, diagnostics: Diagnostic[], version?: number): void;
  log(message: string): void;
}

/**
 * The lint of each open document: when to lint (open, every change after a quiet `debounce`, or on save), the
 * last result of each, and its diagnostics. Hovers and code actions read `last` and never wait for a lint.
 */
export class DocumentLinting {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly linted = new Map<string, LintedDocument>();
  private readonly customizers = new WeakMap<Settings, SeverityCustomizer>();

  constructor(private readonly env: LintingEnvironment) {}

  async schedule(uri: string, trigger: LintTrigger): Promise<void> {
    const settings = await this.env.settings.for(uri);
    const document = this.env.documents.get(uri);
    if (document === undefined) return;
    if (!settings.enable || this.isIgnored(uri, settings)) {
      this.clear(uri);
      return;
    }
    if (trigger === 'change' && settings.run === 'onSave') return;
    if (trigger === 'save' && settings.run === 'onType') return;
    clearTimeout(this.timers.get(uri));
    if (trigger !== 'change' || settings.debounce === 0) return this.lint(uri, settings);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.lint(uri, settings);
      }, settings.debounce),
    );
  }

  last(uri: string): LintedDocument | undefined {
    return this.linted.get(uri);
  }

  /** Every safe fix applied to the buffer as it is: the new text, or undefined when the buffer moved on. */
  async fixAll(document: TextDocument): Promise<string | undefined> {
    const settings = await this.env.settings.for(document.uri);
    if (!settings.enable || this.isIgnored(document.uri, settings)) return undefined;
    const { version } = document;
    const answer = await this.env.queue.fixAll(document.uri, version, () => this.job(document.uri, version, settings));
    return answer?.kind === 'fixed' && this.env.documents.get(document.uri)?.version === version
      ? answer.text
      : undefined;
  }

  close(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.env.queue.forget(uri);
    this.linted.delete(uri);
    this.env.settings.forget(uri);
  }

  /** Lints every open document again: settings or a configuration file changed. */
  refreshAll(): void {
    for (const document of this.env.documents.all()) void this.schedule(document.uri, 'refresh');
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async lint(uri: string, settings: Settings): Promise<void> {
    const document = this.env.documents.get(uri);
    if (document === undefined) return;
    const { version } = document;
    const answer = await this.env.queue.lint(uri, version, () => this.job(uri, version, settings));
    if (answer === undefined || answer.kind === 'cancelled') return;
    const current = this.env.documents.get(uri);
    if (current === undefined) return;
    if (answer.kind !== 'linted') {
      if (answer.kind === 'failed') this.env.log(`iacsec could not lint ${uri}: ${answer.message}`);
      return;
    }
    // A result for text the user has since changed is not shown: its ranges would point at the wrong characters.
    if (current.version !== version) return;
    const linted: LintedDocument = {
      uri,
      version,
      snapshot: TextDocument.create(uri, current.languageId, version, current.getText()),
      file: fileNameOf(uri),
      result: answer.result,
      fixChanges: new FixChanges(answer.changes),
      ...(answer.config === undefined ? {} : { config: answer.config }),
      settings,
      customizer: this.customizerFor(settings),
    };
    this.linted.set(uri, linted);
    // The buffer is at the linted version and keeps its line offsets up to date through incremental changes; the
    // snapshot would compute them again (about 5 ms on 15,000 lines) before a hover or code action needs them.
    const diagnostics = toDiagnostics(answer.result, current, {
      docsBaseUrl: settings.docs.baseUrl,
      customizer: linted.customizer,
    });
    if (answer.config !== undefined && answer.result.iac) diagnostics.unshift(configDiagnostic(answer.config));
    this.env.publish(uri, diagnostics, version);
    // After the diagnostics are written (the connection writes on the next turn): the result, kept while the
    // document is open, then holds each repeated string once.
    setImmediate(() => {
      if (this.linted.get(uri) === linted) this.linted.set(uri, { ...linted, result: shareStrings(linted.result) });
    });
  }

  /**
   * NEW of a security diff as the worker's job: under the settings and configuration of the document it is, when
   * the client names it; else under the defaults, with the name the result shows.
   */
  async diffJob(request: SecurityDiffRequest): Promise<DocumentJob> {
    const { newUri, newText, newName } = request;
    if (newUri !== undefined) return this.jobOf(newUri, newText, await this.env.settings.for(newUri));
    const { limits } = this.env.settings.defaults();
    return { file: newName, text: newText, onDisk: false, cwd: process.cwd(), limits };
  }

  /** The worker's job for the document at `version`; undefined once the document has moved on or closed. */
  private job(uri: string, version: number, settings: Settings): DocumentJob | undefined {
    const document = this.env.documents.get(uri);
    if (document === undefined || document.version !== version) return undefined;
    return this.jobOf(uri, document.getText(), settings);
  }

  /** A job for `text` as the document at `uri`: its path, and the configuration and limits that govern it. */
  private jobOf(uri: string, text: string, settings: Settings): DocumentJob {
    const local = localPath(uri);
    const file = local ?? fileNameOf(uri);
    const folder = local === undefined ? undefined : this.env.folders.of(local);
    const configFile = configFileOf(settings, folder, file);
    const cwd = folder?.path ?? (local === undefined ? process.cwd() : path.dirname(local));
    return {
      file,
      text,
      onDisk: local !== undefined,
      cwd,
      limits: settings.limits,
      ...(configFile === undefined ? {} : { configFile }),
    };
  }

  private isIgnored(uri: string, settings: Settings): boolean {
    const local = localPath(uri);
    return local !== undefined && isIgnoredBySettings(local, this.env.folders.of(local), settings);
  }

  private clear(uri: string): void {
    this.linted.delete(uri);
    this.env.publish(uri, []);
  }

  customizerFor(settings: Settings): SeverityCustomizer {
    let customizer = this.customizers.get(settings);
    if (customizer === undefined) {
      customizer = new SeverityCustomizer(settings.rules.customizations);
      this.customizers.set(settings, customizer);
    }
    return customizer;
  }
}
