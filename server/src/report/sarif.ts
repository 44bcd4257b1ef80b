import { pathToFileURL } from 'node:url';
import type { Rule, Severity } from '../rules/types';
import { compareIds, DOCS_BASE_URL, docsUrl, ENGINE_RULE_TITLES } from './catalogue';
import { TOOL_NAME } from './document';
import { Fingerprints, type SourceLookup } from './fingerprint';
import type {
  SarifLevel,
  SarifLocation,
  SarifLog,
  SarifNotification,
  SarifReportingDescriptor,
  SarifResult,
  SarifSuppression,
} from './sarif-types';
import type { Finding, ScanError, ScanReport, Suppression } from './types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/iacsec/iacsec';
/** Artifact URIs are relative to this base, so a log is the same on every machine that checks the code out. */
export const SRCROOT = '%SRCROOT%';
/** The key of iacsec's own fingerprint; the version changes if the way it is computed ever does. */
export const FINGERPRINT_KEY = 'iacsecFindingHash/v1';

export interface SarifOptions {
  /** The catalogue: every rule is described, found or not, so ruleIndex is stable between runs. */
  readonly rules: readonly Rule[];
  /** The text of each report file, for fingerprints; without it they hash the message instead. */
  readonly source?: SourceLookup;
  /** The absolute directory report paths are relative to; written as `originalUriBaseIds` when given. */
  readonly srcRoot?: string;
  readonly docsBaseUrl?: string;
}

const LEVELS: { readonly [S in Severity]: SarifLevel } = { error: 'error', warning: 'warning', info: 'note' };

/**
 * GitHub code scanning ranks security alerts by this number (critical ≥ 9, high ≥ 7, medium ≥ 4, low > 0); it
 * mirrors iacsec's severities: exposed now, missing hardening, advice.
 */
const SECURITY_SEVERITY: { readonly [S in Severity]: string } = { error: '8.0', warning: '5.0', info: '2.0' };

/** The scan report as a SARIF 2.1.0 log with one run. */
export function toSarif(report: ScanReport, options: SarifOptions): SarifLog {
  const base = options.docsBaseUrl ?? DOCS_BASE_URL;
  const descriptors = [...options.rules]
    .sort((a, b) => compareIds(a.meta.id, b.meta.id))
    .map((rule) => describeRule(rule, base));
  const indexOf = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]));
  // Engine findings (`iacsec/…`) have no rule in the catalogue; they are described after it, as they appear.
  for (const finding of report.findings) {
    if (indexOf.has(finding.ruleId)) continue;
    indexOf.set(finding.ruleId, descriptors.length);
    descriptors.push(describeEngineRule(finding.ruleId));
  }
  const fingerprints = new Fingerprints(options.source ?? (() => undefined));
  const results = report.findings.map((finding) => toResult(finding, indexOf.get(finding.ruleId) ?? -1, fingerprints));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: descriptors,
          },
        },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map(toNotification),
          },
        ],
        ...(options.srcRoot === undefined
          ? {}
          : { originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.srcRoot) } } }),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function describeRule(rule: Rule, base: string): SarifReportingDescriptor {
  const { id, title, severity, responsibility, rationale, remediation } = rule.meta;
  const url = docsUrl(id, base);
  const theme = id.split('/')[0] ?? '';
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: title },
    fullDescription: { text: rationale },
    help: {
      text: `${remediation}\n\nDocumentation: ${url}`,
      markdown: `${remediation}\n\n[${id}](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { level: LEVELS[severity] },
    properties: {
      tags: [...new Set(['security', theme, responsibility])],
      theme,
      responsibility,
      'security-severity': SECURITY_SEVERITY[severity],
    },
  };
}

function describeEngineRule(id: string): SarifReportingDescriptor {
  return { id, name: ruleName(id), shortDescription: { text: ENGINE_RULE_TITLES[id] ?? id } };
}

/** SARIF wants a readable identifier beside the opaque id: `encryption/s3-bucket-encryption` → `S3BucketEncryption`. */
export function ruleName(id: string): string {
  const name = id.slice(id.lastIndexOf('/') + 1);
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function toResult(finding: Finding, ruleIndex: number, fingerprints: Fingerprints): SarifResult {
  // A CDK finding's primary location is the line of the app that made the resource; the template is related.
  const source = finding.source;
  const location: SarifLocation = {
    physicalLocation: source === undefined ? physical(finding.file, finding) : physical(source.file, source),
    ...(finding.resource === null
      ? {}
      : {
          logicalLocations: [{ name: finding.resource.id, fullyQualifiedName: finding.resource.id, kind: 'resource' }],
        }),
  };
  const related = (finding.related ?? []).map((entry, index): SarifLocation => ({
    id: index + 1,
    physicalLocation: physical(finding.file, entry),
    message: { text: entry.message },
  }));
  if (source !== undefined) {
    related.push({
      id: related.length + 1,
      physicalLocation: physical(finding.file, finding),
      message: {
        text: `The resource in the synthesized template${finding.constructPath === undefined ? '' : ` (${finding.constructPath})`}`,
      },
    });
  }
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [location],
    ...(related.length === 0 ? {} : { relatedLocations: related }),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.of(finding) },
    ...(finding.suppressed === undefined ? {} : { suppressions: [toSuppression(finding.suppressed)] }),
    properties: {
      ...(finding.resource === null ? {} : { resourceType: finding.resource.type }),
      ...(finding.responsibility === null ? {} : { responsibility: finding.responsibility }),
    },
  };
}

/**
 * Comments and `Metadata` in the template (`iacsec-ignore`, `checkov:skip=`, cfn_nag's rules_to_suppress …)
 * travel with the code: `inSource`. Only configuration outside the file (`.iacsec.yaml`, `by: config`) is
 * `external`.
 */
function toSuppression(suppression: Suppression): SarifSuppression {
  return { kind: suppression.by === 'config' ? 'external' : 'inSource', justification: suppression.reason };
}

function toNotification(error: ScanError): SarifNotification {
  return {
    level: 'error',
    message: { text: error.message },
    locations: [{ physicalLocation: physical(error.file, { line: error.line, column: error.column }) }],
    properties: { code: error.code },
  };
}

function physical(
  file: string,
  span: { readonly line: number; readonly column: number; readonly endLine?: number; readonly endColumn?: number },
): SarifLocation['physicalLocation'] {
  return {
    artifactLocation: { uri: relativeUri(file), uriBaseId: SRCROOT },
    region: {
      startLine: span.line,
      startColumn: span.column,
      ...(span.endLine === undefined ? {} : { endLine: span.endLine }),
      ...(span.endColumn === undefined ? {} : { endColumn: span.endColumn }),
    },
  };
}

/** A report path (`/`-separated, relative) as a relative URI reference: each segment percent-encoded. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** SARIF requires a base URI to end with `/`, or relative references would resolve against its parent. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
