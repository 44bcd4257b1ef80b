import type { ConfigMessage } from '../config/types';
import type { FixProposal } from '../edits/changes';
import type { EngineFinding } from '../engine/finding';
import type { DocumentResult } from '../engine/linter';
import type { Limits } from '../parsing/errors';
import type { ScanReport } from '../report/types';
import type { SecurityDiffAnswer } from './security-diff';

/** Which configuration governs a document or folder: an explicit file (settings), else the nearest `.iacsec.yaml`. */
export interface ConfigChoice {
  /** Absolute path of `iacsec.configFile`; undefined: look `.iacsec.yaml` up from the file's directory. */
  readonly configFile?: string;
  /** The workspace folder: what an explicit configuration's relative paths are relative to. */
  readonly cwd: string;
  /** `iacsec.limits`: the limits wherever `.iacsec.yaml` sets none (the defaults when absent). */
  readonly limits?: Limits;
}

/** A document to lint or fix: its buffer, and the path detection and configuration lookup see. */
export interface DocumentJob extends ConfigChoice {
  readonly file: string;
  readonly text: string;
  /** False for unsaved buffers (`untitled:`), which have no directory to look a configuration up from. */
  readonly onDisk: boolean;
}

export interface AuditFolderJob {
  readonly path: string;
  /** Globs relative to the folder (`files.exclude`, `iacsec.ignore`) the walk leaves out. */
  readonly exclude: readonly string[];
  readonly configFile?: string;
  readonly limits?: Limits;
}

export type WorkerRequest =
  | ({ readonly kind: 'lint'; readonly id: number } & DocumentJob)
  | ({ readonly kind: 'fixAll'; readonly id: number } & DocumentJob)
  /** `iacsec diff` of OLD against the job's text (NEW), under NEW's configuration. */
  | ({
      readonly kind: 'securityDiff';
      readonly id: number;
      readonly oldText: string;
      readonly oldName: string;
      readonly newName: string;
    } & DocumentJob)
  | { readonly kind: 'audit'; readonly id: number; readonly folders: readonly AuditFolderJob[] }
  /** Lints the templates of a CDK assembly; paths in the report are relative to the app's directory. */
  | { readonly kind: 'cdk'; readonly id: number; readonly outdir: string; readonly appRoot: string }
  | { readonly kind: 'stop'; readonly id: number }
  | { readonly kind: 'forgetConfig' };

/** A broken configuration governing a document: it is linted with the defaults and told why. */
export interface ConfigNote {
  readonly file: string;
  readonly errors: readonly ConfigMessage[];
}

export interface AuditedFolder {
  readonly path: string;
  readonly report: ScanReport;
  readonly resources: Readonly<Record<string, readonly { readonly id: string; readonly type: string }[]>>;
}

/** What a lint answer carries of a fix: what a code action shows. Its changes follow (lsp/fix-changes.ts). */
export type FixSummary = Pick<FixProposal, 'title' | 'safe'>;

export type LintedFinding = Omit<EngineFinding, 'fixes'> & { readonly fixes: readonly FixSummary[] };

/** A document's lint result as the worker answers it: each fix's changes come in a `fixChanges` message after it. */
export type LintedResult = Omit<DocumentResult, 'findings'> & { readonly findings: readonly LintedFinding[] };

export type WorkerResponse =
  | { readonly kind: 'linted'; readonly id: number; readonly result: LintedResult; readonly config?: ConfigNote }
  /** Sent right after `linted`, before the worker takes another request: `v8.serialize` of `changes[finding][fix]`. */
  | { readonly kind: 'fixChanges'; readonly id: number; readonly changes: Uint8Array }
  | { readonly kind: 'fixed'; readonly id: number; readonly text: string }
  | { readonly kind: 'securityDiffed'; readonly id: number; readonly answer: SecurityDiffAnswer }
  | {
      readonly kind: 'progress';
      readonly id: number;
      readonly folder: number;
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly kind: 'audited';
      readonly id: number;
      readonly folders: readonly AuditedFolder[];
      readonly stopped: boolean;
    }
  | { readonly kind: 'assembly'; readonly id: number; readonly report: ScanReport }
  | { readonly kind: 'cancelled'; readonly id: number }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };
