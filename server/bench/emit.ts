import { SHORT_FORM_TAGS } from '../src/parsing/yaml';

/** A template as plain data; intrinsics are one-key maps in long form (`{ Ref: x }`), as in JSON. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonMap = { [key: string]: Json };

/** The JSON twin: what `aws cloudformation` and most editors write. */
export function toJson(template: JsonMap): string {
  return `${JSON.stringify(template, null, 2)}\n`;
}

const SHORT_FORM = new Map([...SHORT_FORM_TAGS].map(([tag, longName]) => [longName, tag]));

/**
 * The YAML twin, written the way people write CloudFormation: block style, two-space indent, short-form tags,
 * literal blocks for multi-line text, `!GetAtt a.b`. Hand-written because a generic emitter knows no tags.
 */
export function toYaml(template: JsonMap): string {
  return `${mapLines(template, 0).join('\n')}\n`;
}

function mapLines(map: JsonMap, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    const head = `${pad}${plainOrQuoted(key)}:`;
    const [inline, rest] = valueLines(value, indent);
    lines.push(inline === '' ? head : `${head} ${inline}`, ...rest);
  }
  return lines;
}

function seqLines(items: readonly Json[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const item of items) {
    const [inline, rest] = valueLines(item, indent);
    if (inline !== '') {
      lines.push(`${pad}- ${inline}`, ...rest);
      continue;
    }
    // A map or a sequence starts on the dash's line (`- Key: v`, `- - a`), its other lines two spaces in.
    const [first, ...others] = rest;
    lines.push(`${pad}- ${(first ?? '').slice(indent + 2)}`, ...others);
  }
  return lines;
}

/**
 * A value as the text after `key:` or `- ` and the lines below it, indented under `indent`. A short-form tag
 * cannot hold another short-form tag on the same node, so an intrinsic's own argument is written long-form.
 */
function valueLines(value: Json, indent: number, shortForm = true): [string, string[]] {
  if (value === null || typeof value !== 'object') return scalarLines(value, indent);
  if (Array.isArray(value)) return value.length === 0 ? ['[]', []] : ['', seqLines(value, indent + 2)];
  const keys = Object.keys(value);
  const tag = keys.length === 1 && shortForm ? SHORT_FORM.get(keys[0] as string) : undefined;
  if (tag === undefined) return keys.length === 0 ? ['{}', []] : ['', mapLines(value, indent + 2)];
  const arg = value[keys[0] as string] as Json;
  if (tag === '!GetAtt' && Array.isArray(arg) && arg.length === 2 && arg.every((part) => typeof part === 'string')) {
    return [`${tag} ${arg.join('.')}`, []];
  }
  const [inline, rest] = valueLines(arg, indent, false);
  return [inline === '' ? tag : `${tag} ${inline}`, rest];
}

function scalarLines(value: string | number | boolean | null, indent: number): [string, string[]] {
  if (typeof value !== 'string') return [String(value), []];
  if (!value.includes('\n')) return [plainOrQuoted(value), []];
  // A literal block keeps the text as written; `|-` drops the final newline when the text has none.
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  const pad = ' '.repeat(indent + 2);
  return [value.endsWith('\n') ? '|' : '|-', body.split('\n').map((line) => (line === '' ? '' : pad + line))];
}

/** Plain when YAML's core schema reads it back as the same string; single-quoted otherwise. */
function plainOrQuoted(text: string): string {
  const plain =
    /^[A-Za-z_/][^\n#'"]*$/.test(text) &&
    !/[\s:]$/.test(text) &&
    !text.includes(': ') &&
    !/^(?:true|false|null|True|False|TRUE|FALSE|Null|NULL)$/.test(text);
  return plain ? text : `'${text.replace(/'/g, "''")}'`;
}
