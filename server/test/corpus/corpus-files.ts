import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';

/** The extensions a directory walk takes (DESIGN.md, "Inputs"). */
const SWEPT = /\.(?:ya?ml|json|template)$/i;

/** Every sweepable file under `root`, recursively, as `/`-separated relative paths in code-unit order. */
export function listCorpusFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && SWEPT.test(entry.name))
        found.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  // Plain code-unit order, not localeCompare: the same list on every machine.
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The short-form tags of the Inputs contract in DESIGN.md plus the language-extension and Rules-section ones,
 * written out here rather than imported from the reader, so a tag the reader drops cannot also drop out of the
 * expectation. Rain's `!Rain::…` directives are accepted too, as the reader (and cfn-lint) accept them.
 */
const CLOUDFORMATION_TAGS = [
  'Ref',
  'Sub',
  'GetAtt',
  'If',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'Cidr',
  'ImportValue',
  'GetAZs',
  'Equals',
  'And',
  'Or',
  'Not',
  'Condition',
  'Transform',
  'ToJsonString',
  'Length',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
];

const KINDS = ['scalar', 'sequence', 'mapping'] as const;

const BASELINE_SCHEMA = jsyaml.CORE_SCHEMA.extend([
  ...CLOUDFORMATION_TAGS.flatMap((name) =>
    KINDS.map((kind) => new jsyaml.Type(`!${name}`, { kind, construct: (data: unknown) => data })),
  ),
  ...KINDS.map((kind) => new jsyaml.Type('!Rain::', { kind, multi: true, construct: (data: unknown) => data })),
]);

/**
 * Whether a text is expected to parse, decided without cfn-lint: `JSON.parse` or `js-yaml` (CORE schema plus
 * the CloudFormation tags) accepts it. A template that passes this must lint without a problem.
 */
export function parsesAsBaseline(rawText: string): boolean {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  try {
    JSON.parse(text);
    return true;
  } catch {
    // Not JSON: YAML is the other way in.
  }
  try {
    jsyaml.load(text, { schema: BASELINE_SCHEMA });
    return true;
  } catch {
    return false;
  }
}

/** 1-based line and UTF-16 column of an offset, for messages a reader can click. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let newline = text.indexOf('\n');
    newline !== -1 && newline < offset;
    newline = text.indexOf('\n', newline + 1)
  ) {
    line++;
    lineStart = newline + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
