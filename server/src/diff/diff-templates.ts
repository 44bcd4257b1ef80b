import type { Linter } from '../engine/linter';
import { readDocument } from '../parsing/detect';
import { getValue, isMap, type MapNode } from '../parsing/nodes';
import { lintSource, problemToError, scanError } from '../report/convert';
import { TOOL_NAME } from '../report/document';
import { LineIndex } from '../report/positions';
import type { Finding, ScanError } from '../report/types';
import { findingDelta } from './finding-delta';
import { loadTemplateChanges, type TemplateChangesFn } from './load';
import { plainValue } from './plain';
import type { DiffReport, Replacement, TemplateChanges } from './types';

/** One of the two templates: its text as read (a BOM is allowed), its path, and its path as reports show it. */
export interface DiffSide {
  readonly text: string;
  readonly file: string;
  readonly shown: string;
}

export interface DiffOptions {
  /** Lints both templates; its limits are the reader's. */
  readonly linter: Linter;
  readonly version: string;
  /** The diff library's side of the work; loaded on first use when not given. */
  readonly changes?: TemplateChangesFn;
}

/**
 * What diffing gave: a report; errors with positions when either template could not be read, parsed or linted
 * (as a scan reports them); or a text that is not a CloudFormation template at all, which is a usage error.
 */
export type DiffOutcome =
  | { readonly kind: 'report'; readonly report: DiffReport }
  | { readonly kind: 'errors'; readonly errors: readonly ScanError[] }
  | { readonly kind: 'unsupported'; readonly message: string };

interface ReadSide {
  readonly kind: 'template';
  readonly side: DiffSide;
  readonly root: MapNode;
  /** The text after any BOM: positions count from there. */
  readonly index: LineIndex;
  readonly value: { readonly [key: string]: unknown };
  readonly findings: readonly Finding[];
}

type SideOutcome = ReadSide | Exclude<DiffOutcome, { kind: 'report' }>;

/**
 * Compares two CloudFormation templates: the IAM and security-group changes and the replaced resources that
 * `@aws-cdk/cloudformation-diff` finds, and the findings that appear and disappear between them.
 */
export async function diffTemplates(before: DiffSide, after: DiffSide, options: DiffOptions): Promise<DiffOutcome> {
  const sides = [readSide(before, options.linter), readSide(after, options.linter)] as const;
  for (const side of sides) if (side.kind === 'unsupported') return side;
  const errors = sides.flatMap((side) => (side.kind === 'errors' ? side.errors : []));
  const [old, current] = sides;
  if (old.kind !== 'template' || current.kind !== 'template') return { kind: 'errors', errors };
  let changes: TemplateChanges;
  try {
    const compute = options.changes ?? (await loadTemplateChanges());
    changes = compute(old.value, current.value);
  } catch (error) {
    const message = `the CloudFormation diff failed: ${error instanceof Error ? error.message : String(error)}`;
    return { kind: 'errors', errors: [scanError(after.shown, 'internal', message)] };
  }
  const { introduced, resolved } = findingDelta(old.findings, current.findings);
  const replacements = positioned(changes.replacements, current);
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const finding of introduced) bySeverity[finding.severity]++;
  const { security } = changes;
  return {
    kind: 'report',
    report: {
      version: 1,
      tool: { name: TOOL_NAME, version: options.version },
      files: { old: before.shown, new: after.shown },
      securityChanges: security,
      replacements,
      introduced,
      resolved,
      summary: {
        securityChanges: security.iam.length + security.securityGroups.length,
        broadened: security.broadened,
        replacements: replacements.length,
        introduced: introduced.length,
        resolved: resolved.length,
        bySeverity,
      },
    },
  };
}

/**
 * Why a template cannot take part in a diff (the errors, or why it is no CloudFormation template), or
 * undefined when it can: for reporting the one template's problems when the other could not even be read.
 */
export function templateProblems(side: DiffSide, linter: Linter): Exclude<DiffOutcome, { kind: 'report' }> | undefined {
  const outcome = readSide(side, linter);
  return outcome.kind === 'template' ? undefined : outcome;
}

function readSide(side: DiffSide, linter: Linter): SideOutcome {
  const text = side.text.charCodeAt(0) === 0xfeff ? side.text.slice(1) : side.text;
  const outcome = readDocument(text, side.file, linter.limits);
  if (outcome.kind === 'not-iac') {
    return { kind: 'unsupported', message: `${side.shown} is not a CloudFormation template` };
  }
  const index = new LineIndex(text);
  if (outcome.kind === 'problem') {
    return { kind: 'errors', errors: [problemToError(side.shown, outcome.problem, index)] };
  }
  const { format, root } = outcome.document;
  if (format !== 'cloudformation') {
    const what = format === 'terraform' ? 'Terraform JSON' : 'a Terraform plan';
    return { kind: 'unsupported', message: `${side.shown} is ${what}; diff compares CloudFormation templates` };
  }
  const linted = lintSource(linter, side.text, side.file, side.shown);
  if (linted.errors.length > 0) return { kind: 'errors', errors: linted.errors };
  return {
    kind: 'template',
    side,
    root,
    index,
    value: plainValue(root) as ReadSide['value'],
    findings: linted.findings,
  };
}

/** Each replacement at its logical id in the new template, in the template's order. */
function positioned(found: TemplateChanges['replacements'], current: ReadSide): Replacement[] {
  const resources = getValue(current.root, 'Resources');
  const keys = isMap(resources) ? resources.entries.map((entry) => entry.key) : [];
  return found
    .map((replacement) => {
      const key = keys.find((candidate) => String(candidate.value) === replacement.logicalId);
      const position = current.index.position(key?.start ?? 0);
      return { ...replacement, file: current.side.shown, line: position.line, column: position.column };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
