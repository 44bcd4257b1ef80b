import * as path from 'node:path';
import { type FileProblem, type Limits, raiseHint, ReadError } from './errors';
import { type Hollow, readJson } from './json';
import { isMap, isScalar, getValue, type MapNode, type SourceNode } from './nodes';
import { readYaml } from './yaml';

/** The formats iacsec reads: CloudFormation, Terraform JSON (`*.tf.json`) and Terraform plans in JSON. */
export type Format = 'cloudformation' | 'terraform' | 'terraform-plan';
export type Syntax = 'yaml' | 'json';

export interface ParsedDocument {
  readonly format: Format;
  readonly syntax: Syntax;
  readonly root: MapNode;
}

/** What reading a text gave: nothing (not IaC), a document, or one problem with a position. */
export type ReadOutcome =
  | { readonly kind: 'not-iac' }
  | { readonly kind: 'document'; readonly document: ParsedDocument }
  | { readonly kind: 'problem'; readonly problem: FileProblem };

const NOT_IAC: ReadOutcome = { kind: 'not-iac' };

// Cheap textual markers, tested before any parser runs, so files that are not IaC cost one regex scan.
const CFN_VERSION = /(?:^|[{,\s])["']?AWSTemplateFormatVersion["']?\s*:/m;
const CFN_RESOURCES = /(?:^|[{,\s])["']?Resources["']?\s*:/m;
const CFN_AWS_TYPE = /["']?Type["']?\s*:\s*["']?AWS::/;
// `terraform show -json` of a plan: its first keys are `format_version` and `terraform_version`.
const PLAN_VERSION = /^\s*\{\s*"format_version"\s*:/;
const PLAN_SECTION = /"(?:planned_values|resource_changes)"\s*:/;
/** Top-level blocks of Terraform's JSON syntax. */
const TERRAFORM_BLOCKS: ReadonlySet<string> = new Set([
  'resource',
  'data',
  'module',
  'provider',
  'variable',
  'locals',
  'output',
  'terraform',
  'moved',
  'import',
  'check',
  'removed',
]);

/**
 * What of a plan no reader looks into (the plan model reads `planned_values`, `configuration`, and of
 * `resource_changes` the addresses, `actions` and `after_unknown`): the other values and the prior state, a
 * third to a half of a plan. They are checked as strictly as the rest but not built.
 */
const PLAN_UNREAD: Hollow = new Map<string, true | Hollow>([
  ['prior_state', true],
  ['resource_drift', true],
  ['relevant_attributes', true],
  ['output_changes', true],
  ['checks', true],
  [
    'resource_changes',
    new Map([
      [
        'change',
        new Map([
          ['before', true],
          ['after', true],
          ['before_sensitive', true],
          ['after_sensitive', true],
          ['replace_paths', true],
        ]),
      ],
    ]),
  ],
]);

/** Names that mark a file as IaC whatever it holds, so an unreadable one is reported, not skipped. */
export function isIacName(file: string): boolean {
  const base = path.basename(file).toLowerCase();
  return /\.template(\.|$)/.test(base) || isTerraformJsonName(base);
}

function isTerraformJsonName(file: string): boolean {
  return file.toLowerCase().endsWith('.tf.json');
}

/** Whether a prefix of a text looks like `terraform show -json` of a plan. */
export function hasPlanMarker(text: string, upTo = 4096): boolean {
  const prefix = text.length > upTo ? text.slice(0, upTo) : text;
  return PLAN_VERSION.test(prefix) && (PLAN_SECTION.test(prefix) || PLAN_SECTION.test(text));
}

/** Whether a prefix of a text (or all of it) carries a CloudFormation marker. */
export function hasCloudFormationMarker(text: string, upTo = text.length): boolean {
  const prefix = upTo >= text.length ? text : text.slice(0, upTo);
  if (CFN_VERSION.test(prefix)) return true;
  return CFN_RESOURCES.test(prefix) && CFN_AWS_TYPE.test(prefix);
}

/**
 * Detects and parses one text (BOM already removed). Detection is by content: a CloudFormation template has
 * `AWSTemplateFormatVersion`, or `Resources` with members of `Type: AWS::…`. A detected file that cannot be
 * parsed or is over a limit yields one problem with its position; anything else yields nothing.
 */
export function readDocument(text: string, file: string, limits: Limits): ReadOutcome {
  const terraformName = isTerraformJsonName(file);
  const plan = !terraformName && hasPlanMarker(text);
  if (terraformName || plan) return readTerraform(text, limits, plan ? 'terraform-plan' : 'terraform');
  const namedIac = isIacName(file);
  if (!namedIac && !hasCloudFormationMarker(text)) return NOT_IAC;
  if (looksBinary(text)) {
    return namedIac ? problem('read', 'binary content, not a text template', 0) : NOT_IAC;
  }
  const over = overLimit(text, limits, 'maxTemplateBytes', 'templates');
  if (over !== undefined) return over;
  const syntax = syntaxOf(text, file);
  let root: SourceNode;
  try {
    root = syntax === 'json' ? readJson(text, limits) : readYaml(text, limits);
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    // An unparseable file is IaC only when its name or the part that could be read says so.
    if (error.code === 'parse' && !namedIac && !hasCloudFormationMarker(text, error.offset)) return NOT_IAC;
    return { kind: 'problem', problem: error.toProblem() };
  }
  if (!isCloudFormation(root)) {
    return namedIac
      ? problem('parse', 'not a CloudFormation template: no AWSTemplateFormatVersion or Resources', 0)
      : NOT_IAC;
  }
  return { kind: 'document', document: { format: 'cloudformation', syntax, root } };
}

/** `*.tf.json` (by name) or a plan (by content): JSON whatever the name, with their own size limits. */
function readTerraform(text: string, limits: Limits, format: 'terraform' | 'terraform-plan'): ReadOutcome {
  if (looksBinary(text)) return problem('read', 'binary content, not Terraform JSON', 0);
  const over =
    format === 'terraform-plan'
      ? overLimit(text, limits, 'maxPlanBytes', 'Terraform plans')
      : overLimit(text, limits, 'maxTemplateBytes', 'Terraform JSON');
  if (over !== undefined) return over;
  let root: SourceNode;
  try {
    root = readJson(text, limits, format === 'terraform-plan' ? PLAN_UNREAD : undefined);
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    // A plan is recognised by its first key; a broken one is still a plan, and says where it broke.
    return { kind: 'problem', problem: error.toProblem() };
  }
  if (format === 'terraform-plan') {
    if (isMap(root) && (isMap(getValue(root, 'planned_values')) || getValue(root, 'resource_changes') !== undefined))
      return { kind: 'document', document: { format, syntax: 'json', root } };
    return problem('parse', 'not a Terraform plan: no planned_values or resource_changes', 0);
  }
  if (!isMap(root)) return problem('parse', 'not Terraform JSON: the file is not a JSON object', root.start);
  const unknown = root.entries.find(
    (entry) => !TERRAFORM_BLOCKS.has(String(entry.key.value)) && entry.key.value !== '//',
  );
  if (unknown !== undefined) {
    return problem(
      'parse',
      `not Terraform JSON: "${String(unknown.key.value)}" is not a Terraform block type`,
      unknown.key.start,
    );
  }
  return { kind: 'document', document: { format, syntax: 'json', root } };
}

function overLimit(
  text: string,
  limits: Limits,
  limit: 'maxTemplateBytes' | 'maxPlanBytes',
  what: string,
): ReadOutcome | undefined {
  const max = limits[limit];
  // UTF-16 length bounds UTF-8 bytes from below (and ×3 from above): most texts are decided without counting.
  if (text.length * 3 <= max) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= max) return undefined;
  return problem('limit', `${overSizeMessage(bytes, max, what)}${raiseHint(limit)}`, 0);
}

function isCloudFormation(root: SourceNode): root is MapNode {
  if (!isMap(root)) return false;
  if (getValue(root, 'AWSTemplateFormatVersion') !== undefined) return true;
  const resources = getValue(root, 'Resources');
  if (!isMap(resources)) return false;
  return resources.entries.some((entry) => {
    const type = isMap(entry.value) ? getValue(entry.value, 'Type') : undefined;
    return isScalar(type) && typeof type.value === 'string' && type.value.startsWith('AWS::');
  });
}

function syntaxOf(text: string, file: string): Syntax {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  const first = /\S/.exec(text);
  return first?.[0] === '{' ? 'json' : 'yaml';
}

function looksBinary(text: string): boolean {
  const probe = text.length > 8192 ? text.slice(0, 8192) : text;
  return probe.includes('\u0000');
}

function problem(code: FileProblem['code'], message: string, offset: number): ReadOutcome {
  return { kind: 'problem', problem: { code, message, offset } };
}

/** The one message for a file over a size limit, from the engine and from the CLI's check before reading. */
export function overSizeMessage(bytes: number, max: number, what: string): string {
  return `file is ${formatBytes(bytes)}, over the ${formatBytes(max)} limit for ${what}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
