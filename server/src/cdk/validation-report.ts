// `validation-report.json`: what the synth's own validation plugins found (aws-cdk-lib's CloudFormation Validate,
// cdk-nag 3 and other policy plugins). Older versions wrote `policy-validation-report.json` in another shape.
import * as path from 'node:path';
import { isRecord, readJsonFile } from './json-file';
import { inside } from './manifest';
import type { ValidationFinding } from './types';

export const VALIDATION_REPORT = 'validation-report.json';
export const LEGACY_VALIDATION_REPORT = 'policy-validation-report.json';

export interface ValidationRead {
  readonly findings: readonly ValidationFinding[];
  readonly problems: readonly { readonly file: string; readonly message: string }[];
}

/** The report of the assembly at `outdir`, if it has one; template paths in it are relative to `outdir`. */
export async function readValidationReport(outdir: string): Promise<ValidationRead> {
  for (const name of [VALIDATION_REPORT, LEGACY_VALIDATION_REPORT]) {
    const file = path.join(outdir, name);
    const read = await readJsonFile(file);
    if (!read.ok && read.missing) continue;
    if (!read.ok) return { findings: [], problems: [{ file, message: read.message }] };
    return validationFindings(read.value, outdir, file);
  }
  return { findings: [], problems: [] };
}

export function validationFindings(report: unknown, outdir: string, file: string): ValidationRead {
  const findings: ValidationFinding[] = [];
  const problems: { file: string; message: string }[] = [];
  const plugins = isRecord(report) && Array.isArray(report['pluginReports']) ? report['pluginReports'] : undefined;
  if (plugins === undefined) return { findings, problems: [{ file, message: 'not a validation report' }] };
  for (const plugin of plugins) {
    if (!isRecord(plugin)) continue;
    const summary = isRecord(plugin['summary']) ? plugin['summary'] : {};
    const tool = text(plugin['pluginName']) ?? text(summary['pluginName']) ?? 'unknown';
    const violations = Array.isArray(plugin['violations']) ? plugin['violations'] : [];
    const error = isRecord(plugin['metadata']) ? text(plugin['metadata']['error']) : undefined;
    if (error !== undefined && violations.length === 0) problems.push({ file, message: error });
    for (const violation of violations) {
      if (!isRecord(violation)) continue;
      const base = {
        tool,
        ruleId: text(violation['ruleName']) ?? 'unknown',
        message: text(violation['description']) ?? '',
        severity: severityOf(violation['severity']),
      };
      const constructs = Array.isArray(violation['violatingConstructs']) ? violation['violatingConstructs'] : [];
      if (constructs.length === 0) {
        findings.push({ ...base, constructPath: undefined, template: undefined, logicalId: undefined });
      }
      for (const construct of constructs) {
        if (!isRecord(construct)) continue;
        // The current shape nests the resource; the legacy one keeps its fields on the construct ('N/A' if none).
        const resource = isRecord(construct['cloudFormationResource'])
          ? construct['cloudFormationResource']
          : construct;
        const logicalId = known(resource['logicalId']) ?? known(resource['resourceLogicalId']);
        const templatePath = known(resource['templatePath']);
        const constructPath = known(construct['constructPath']);
        findings.push({
          ...base,
          constructPath:
            constructPath === undefined || constructPath.startsWith('/') ? constructPath : `/${constructPath}`,
          template: templatePath === undefined ? undefined : (inside(outdir, templatePath) ?? templatePath),
          logicalId,
        });
      }
    }
  }
  return { findings, problems };
}

/** `fatal` and `error` are errors; `custom` severities (a plugin's own words) are warnings. */
function severityOf(value: unknown): ValidationFinding['severity'] {
  const severity = typeof value === 'string' ? value.toLowerCase() : 'error';
  if (severity === 'fatal' || severity === 'error') return 'error';
  if (severity === 'info') return 'info';
  return 'warning';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function known(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== 'N/A' ? value : undefined;
}
