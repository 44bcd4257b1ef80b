import type { Responsibility, Rule, Severity, Theme } from '../rules/types';
import { compareIds, ENGINE_RULE_TITLES } from './catalogue';
import { relativeUri } from './sarif';
import type { ErrorCode, Finding, ScanReport } from './types';

export interface AuditFolder {
  /** The workspace folder's name. */
  readonly name: string;
  /** The folder's URI, e.g. `file:///home/u/infra`, without a trailing slash. */
  readonly uri: string;
  /** Findings and errors with `file` relative to the folder, `/`-separated. */
  readonly report: ScanReport;
  /** Every resource linted, by the same relative file path. */
  readonly resources: Readonly<Record<string, readonly { readonly id: string; readonly type: string }[]>>;
}

export interface AuditInput {
  readonly folders: readonly AuditFolder[];
  /** The catalogue: titles, responsibilities, and which resource types each rule visits. */
  readonly rules: readonly Rule[];
  /** ISO timestamp, shown in the report. */
  readonly generatedAt: string;
  /** The user cancelled: the report covers only what was linted before. */
  readonly cancelled: boolean;
}

export type SeverityCounts = { readonly [S in Severity]: number };

export interface AuditTotals {
  readonly folders: number;
  readonly files: number;
  /** Findings no suppression covers. */
  readonly findings: number;
  readonly errors: number;
  readonly suppressed: number;
  readonly bySeverity: SeverityCounts;
}

/** A theme, or `iacsec` for the engine's own findings (`iacsec/…`). */
export type AuditTheme = Theme | 'iacsec';

export interface ThemeRow {
  readonly theme: AuditTheme;
  readonly label: string;
  readonly bySeverity: SeverityCounts;
  readonly total: number;
}

export interface ResponsibilityColumn {
  readonly id: Responsibility;
  readonly label: string;
}

export type CellStatus = 'n/a' | 'pass' | 'fail';

export interface MatrixCell {
  readonly responsibility: Responsibility;
  /** Some rule of this responsibility visits the row's type. */
  readonly carried: boolean;
  readonly status: CellStatus;
  /** Resources of the row's type with at least one unsuppressed finding of this responsibility. */
  readonly failing: number;
  readonly findings: number;
}

export interface MatrixRow {
  readonly type: string;
  readonly resources: number;
  /** One per column, in column order. */
  readonly cells: readonly MatrixCell[];
}

export interface ResponsibilityMatrix {
  readonly columns: readonly ResponsibilityColumn[];
  readonly rows: readonly MatrixRow[];
}

export interface TopRule {
  readonly ruleId: string;
  readonly title: string;
  /** The most severe severity its findings were reported with. */
  readonly severity: Severity;
  readonly responsibility: Responsibility | null;
  readonly findings: number;
}

/** A place in a document the report links to. */
export interface AuditLocation {
  /** The workspace folder's name. */
  readonly folder: string;
  /** Relative to the folder, prefixed `<folder name>/` when the audit covers several folders. */
  readonly file: string;
  readonly uri: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

export interface AuditFinding extends AuditLocation {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly theme: Theme | null;
  readonly responsibility: Responsibility | null;
  readonly message: string;
  readonly resource: { readonly id: string; readonly type: string } | null;
}

export interface AuditError extends AuditLocation {
  readonly code: ErrorCode;
  readonly message: string;
}

/** The workspace audit as plain data: what the report view and the exported HTML render. */
export interface AuditModel {
  readonly generatedAt: string;
  readonly cancelled: boolean;
  readonly totals: AuditTotals;
  readonly themes: readonly ThemeRow[];
  readonly matrix: ResponsibilityMatrix;
  readonly topRules: readonly TopRule[];
  /** Unsuppressed findings, folder by folder in the reports' own order (file, line, column, rule). */
  readonly findings: readonly AuditFinding[];
  readonly errors: readonly AuditError[];
}

export const RESPONSIBILITY_COLUMNS: readonly ResponsibilityColumn[] = [
  { id: 'guest-os', label: 'Guest OS patching' },
  { id: 'application', label: 'Application software' },
  { id: 'firewall', label: 'Firewall configuration' },
  { id: 'data', label: 'Data on volumes' },
];

const THEME_LABELS: { readonly [T in AuditTheme]: string } = {
  encryption: 'Encryption',
  firewall: 'Firewall',
  responsibility: 'Responsibility',
  iacsec: 'Engine (iacsec/*)',
};

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];
const TOP_RULES = 10;

export function buildAudit(input: AuditInput): AuditModel {
  const several = input.folders.length > 1;
  const titles = new Map(input.rules.map((rule) => [rule.meta.id, rule.meta.title]));
  const titleOf = (ruleId: string): string => titles.get(ruleId) ?? ENGINE_RULE_TITLES[ruleId] ?? ruleId;
  const findings: AuditFinding[] = [];
  const errors: AuditError[] = [];
  for (const folder of input.folders) {
    const locate = (file: string, line: number, column: number): AuditLocation => ({
      folder: folder.name,
      file: several ? `${folder.name}/${file}` : file,
      uri: documentUri(folder.uri, file),
      line,
      column,
    });
    for (const finding of folder.report.findings) {
      if (finding.suppressed !== undefined) continue;
      findings.push({ ...locate(finding.file, finding.line, finding.column), ...identity(finding, titleOf) });
    }
    for (const error of folder.report.errors) {
      errors.push({ ...locate(error.file, error.line, error.column), code: error.code, message: error.message });
    }
  }
  return {
    generatedAt: input.generatedAt,
    cancelled: input.cancelled,
    totals: {
      folders: input.folders.length,
      files: sum(input.folders.map((folder) => folder.report.summary.files)),
      findings: findings.length,
      errors: errors.length,
      // Suppressed findings may be left out of `findings`; the summary counts them either way.
      suppressed: sum(input.folders.map((folder) => folder.report.summary.suppressed)),
      bySeverity: countSeverities(findings),
    },
    themes: themeRows(findings),
    matrix: responsibilityMatrix(input.folders, input.rules),
    topRules: topRules(findings),
    findings,
    errors,
  };
}

/** The folder URI joined with a relative path, each segment percent-encoded (`#`, `?`, spaces, `%`). */
export function documentUri(folderUri: string, file: string): string {
  return `${folderUri.replace(/\/+$/, '')}/${relativeUri(file)}`;
}

function identity(finding: Finding, titleOf: (ruleId: string) => string): Omit<AuditFinding, keyof AuditLocation> {
  const { ruleId, severity, theme, responsibility, message, resource } = finding;
  return { ruleId, title: titleOf(ruleId), severity, theme, responsibility, message, resource };
}

function themeRows(findings: readonly AuditFinding[]): ThemeRow[] {
  const themes: AuditTheme[] = ['encryption', 'firewall', 'responsibility'];
  if (findings.some((finding) => finding.theme === null)) themes.push('iacsec');
  return themes.map((theme) => {
    const counts = countSeverities(findings.filter((finding) => (finding.theme ?? 'iacsec') === theme));
    return {
      theme,
      label: THEME_LABELS[theme],
      bySeverity: counts,
      total: counts.error + counts.warning + counts.info,
    };
  });
}

function responsibilityMatrix(folders: readonly AuditFolder[], rules: readonly Rule[]): ResponsibilityMatrix {
  const carried = carriedResponsibilities(rules);
  // A resource is identified by folder, file and logical id; a finding may name one the listing missed.
  const typeOf = new Map<string, string>();
  const failing = new Map<string, { resources: Set<string>; findings: number }>();
  for (const [index, folder] of folders.entries()) {
    for (const [file, resources] of Object.entries(folder.resources)) {
      for (const resource of resources) typeOf.set(resourceKey(index, file, resource.id), resource.type);
    }
    for (const finding of folder.report.findings) {
      if (finding.suppressed !== undefined || finding.resource === null) continue;
      const key = resourceKey(index, finding.file, finding.resource.id);
      if (!typeOf.has(key)) typeOf.set(key, finding.resource.type);
      if (finding.responsibility === null) continue;
      const cell = cellKey(finding.resource.type, finding.responsibility);
      const entry = failing.get(cell) ?? { resources: new Set<string>(), findings: 0 };
      entry.resources.add(key);
      entry.findings++;
      failing.set(cell, entry);
    }
  }
  const resourcesByType = new Map<string, number>();
  for (const type of typeOf.values()) resourcesByType.set(type, (resourcesByType.get(type) ?? 0) + 1);
  const rows = [...resourcesByType.keys()]
    .filter((type) => (carried.get(type)?.size ?? 0) > 0)
    .sort(compareIds)
    .map((type): MatrixRow => {
      const cells = RESPONSIBILITY_COLUMNS.map(({ id }): MatrixCell => {
        if (carried.get(type)?.has(id) !== true) {
          return { responsibility: id, carried: false, status: 'n/a', failing: 0, findings: 0 };
        }
        const entry = failing.get(cellKey(type, id));
        const count = entry?.resources.size ?? 0;
        return {
          responsibility: id,
          carried: true,
          status: count > 0 ? 'fail' : 'pass',
          failing: count,
          findings: entry?.findings ?? 0,
        };
      });
      return { type, resources: resourcesByType.get(type) ?? 0, cells };
    });
  return { columns: RESPONSIBILITY_COLUMNS, rows };
}

/** Which responsibilities each resource type carries: those of the rules with a visitor for the type. */
function carriedResponsibilities(rules: readonly Rule[]): Map<string, Set<Responsibility>> {
  const carried = new Map<string, Set<Responsibility>>();
  for (const rule of rules) {
    for (const visitors of Object.values(rule.visitors)) {
      // A `*` visitor looks at every resource, which says nothing about what a type carries.
      for (const type of Object.keys(visitors ?? {}).filter((key) => key !== '*')) {
        const set = carried.get(type) ?? new Set<Responsibility>();
        set.add(rule.meta.responsibility);
        carried.set(type, set);
      }
    }
  }
  return carried;
}

function topRules(findings: readonly AuditFinding[]): TopRule[] {
  const byRule = new Map<string, TopRule>();
  for (const finding of findings) {
    const seen = byRule.get(finding.ruleId);
    byRule.set(finding.ruleId, {
      ruleId: finding.ruleId,
      title: finding.title,
      severity: seen === undefined ? finding.severity : mostSevere(seen.severity, finding.severity),
      responsibility: finding.responsibility,
      findings: (seen?.findings ?? 0) + 1,
    });
  }
  return [...byRule.values()]
    .sort((a, b) => b.findings - a.findings || compareIds(a.ruleId, b.ruleId))
    .slice(0, TOP_RULES);
}

function countSeverities(findings: readonly AuditFinding[]): SeverityCounts {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

function mostSevere(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER.indexOf(a) <= SEVERITY_ORDER.indexOf(b) ? a : b;
}

function resourceKey(folder: number, file: string, id: string): string {
  return JSON.stringify([folder, file, id]);
}

function cellKey(type: string, responsibility: Responsibility): string {
  return `${responsibility} ${type}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
