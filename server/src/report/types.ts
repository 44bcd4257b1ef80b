/**
 * The shapes of the CLI contract (docs: DESIGN.md, "CLI (contract)"): what `--format json` prints and what the
 * library's `lintText` and `lintPaths` return. Tests outside the project rely on them; change with care.
 */
import type { ErrorCode } from '../parsing/errors';
import type { FindingIdentity } from '../engine/finding';
import type { Severity, Tool } from '../rules/types';

export type { ErrorCode } from '../parsing/errors';
export type { Responsibility, Severity, Theme, Tool } from '../rules/types';

/** Full ids of the same check in peer tools; every key is always present, empty when there is none. */
export type References = { readonly [T in Tool]: readonly string[] };

export interface FindingFix {
  readonly title: string;
  /** `true`: may be applied in bulk (`iacsec fix`); `false`: a suggestion for a person to apply. */
  readonly safe: boolean;
}

/** A second location that explains a finding (the resource that opens a port, the unencrypted source). */
export interface RelatedLocation {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface Suppression {
  /** What suppressed it: `iacsec-ignore`, or the peer tool whose equivalent suppression was honoured. */
  readonly by: string;
  readonly reason: string;
}

/**
 * One finding. `file` is relative to the working directory and `/`-separated; lines and columns are 1-based,
 * columns in UTF-16 code units after any BOM, `endColumn` exclusive. `theme` and `responsibility` are null for
 * engine findings (`iacsec/…`).
 */
export interface Finding extends FindingIdentity {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Logical id (or full Terraform address) and type; null only if the engine could not tie it to a resource. */
  readonly resource: { readonly id: string; readonly type: string } | null;
  readonly fixes: readonly FindingFix[];
  readonly references: References;
  /** Present only when the finding points at other locations too. */
  readonly related?: readonly RelatedLocation[];
  /** Present only with `--include-suppressed` (`includeSuppressed`), on findings a suppression covers. */
  readonly suppressed?: Suppression;
  /** CDK findings: the stack's display name (`Prod/Api`), as the assembly names it. */
  readonly stack?: string;
  /** CDK findings: the construct path of the resource (`/Api/Data/Resource`). */
  readonly constructPath?: string;
  /** CDK findings: the line of the CDK app that created the resource, relative to the app (where `cdk.json` is). */
  readonly source?: SourceLocation;
}

export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Present when the resource itself had no frame of the app, and this is its nearest ancestor construct's. */
  readonly approximate?: true;
}

/** A file iacsec could not lint: unreadable, unparseable, over a limit, or an internal failure. */
export interface ScanError {
  readonly file: string;
  /** 1-based; line 1, column 1 when there is no better position. */
  readonly line: number;
  readonly column: number;
  readonly code: ErrorCode;
  readonly message: string;
}

export interface Summary {
  /**
   * IaC files iacsec found: files detected as IaC (linted, or reported in `errors` because they could not be
   * parsed or were over a limit) plus files that could not be read at all. Paths that do not exist are not files
   * and are not counted, though they are reported in `errors`.
   */
  readonly files: number;
  /** Findings in `findings` that no suppression covers. */
  readonly findings: number;
  readonly errors: number;
  /** Findings a suppression covers, whether or not they are listed (`--include-suppressed`). */
  readonly suppressed: number;
  /** Unsuppressed findings by severity. */
  readonly bySeverity: { readonly [S in Severity]: number };
}

/** What `iacsec scan --format json` prints, and what `lintPaths` resolves to. */
export interface ScanReport {
  readonly version: 1;
  readonly tool: { readonly name: 'iacsec'; readonly version: string };
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
  readonly summary: Summary;
}

/** What `lintText` returns for one text. */
export interface TextResult {
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
}
