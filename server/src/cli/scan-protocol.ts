import type { LintedText } from '../report/convert';
import type { Finding, References } from '../report/types';
import type { FileOutcome } from './scan-file';

/** What a scan worker is started with: where the scan runs and the `--config` that governs every file, if any. */
export interface ScanWorkerData {
  readonly cwd: string;
  readonly config?: string;
}

/** One file to read and lint; `index` is its place in the scan's work, `shown` its path in the report. */
export interface ScanJob {
  readonly index: number;
  readonly file: string;
  readonly shown: string;
}

/**
 * A finding as a worker posts it: without its references to other tools' checks, which depend on the rule alone
 * and would otherwise be copied across threads once per finding (a fifth of the bytes). The key stays, null, so
 * that the finding put back together lists its keys in the same order, and the JSON report is the same bytes.
 */
export type PostedFinding = Omit<Finding, 'references'> & { readonly references: null };

export type PostedOutcome =
  | Exclude<FileOutcome, { readonly kind: 'linted' }>
  | {
      readonly kind: 'linted';
      readonly linted: Omit<LintedText, 'findings'> & { readonly findings: readonly PostedFinding[] };
    };

export interface ScanJobDone {
  readonly index: number;
  readonly outcome: PostedOutcome;
}

/** The outcome to post: the linted text and each finding's references left out. */
export function toPosted(outcome: FileOutcome): PostedOutcome {
  if (outcome.kind !== 'linted') return outcome;
  const { findings, ...rest } = outcome.linted;
  return {
    kind: 'linted',
    linted: { ...rest, findings: findings.map((finding) => ({ ...finding, references: null })) },
  };
}

/** The outcome as the worker had it (less the text), each finding's references looked up again by rule id. */
export function fromPosted(outcome: PostedOutcome, references: (ruleId: string) => References): FileOutcome {
  if (outcome.kind !== 'linted') return outcome;
  const { findings, ...rest } = outcome.linted;
  return {
    kind: 'linted',
    linted: { ...rest, findings: findings.map((finding) => ({ ...finding, references: references(finding.ruleId) })) },
  };
}
