import type * as Yaml from 'yaml';
import { SHORT_FORM_TAGS } from '../parsing/yaml';
import type { JsonValue } from './changes';
import type { YamlStyle } from './style';
import { functionOf, isJsonArray, isJsonMap } from './values';

type Scalar = string | number | boolean | null;

/** `Ref` → `!Ref`, `Fn::GetAtt` → `!GetAtt`: the tags CloudFormation reads, by the function they stand for. */
const TAG_OF: ReadonlyMap<string, string> = new Map([...SHORT_FORM_TAGS].map(([tag, name]) => [name, tag]));

// Characters no plain or single-quoted scalar may hold; `\u0085`, `\u2028`, `\u2029` break lines in YAML 1.1.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const NEEDS_ESCAPES = /[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/;

/**
 * Writes values as YAML in a file's own style: block collections at its indentation, short-form tags when it
 * uses them, scalars plain unless YAML needs quotes. Only what a fix adds is rendered; the document never is.
 */
export class YamlRenderer {
  constructor(private readonly style: YamlStyle) {}

  get padsMaps(): boolean {
    return this.style.padMaps;
  }

  /**
   * A scalar, plain when it reads back as the same value in both YAML 1.2 (js-yaml, the `yaml` package) and
   * YAML 1.1 (PyYAML in cfn-lint and the AWS CLI, where `yes`, `on`, `1:20` and `2010-09-09` are not strings),
   * else quoted: with `quote` when that quote can hold it, else double-quoted with escapes.
   */
  scalar(value: Scalar, flow: boolean, quote: "'" | '"' = this.style.quote): string {
    if (typeof value !== 'string') return value === null ? 'null' : String(value);
    return plainReadsBack(value, flow) ? value : this.quoted(value, quote);
  }

  /** A string in quotes whatever it holds, for keeping a quoted scalar quoted. */
  quoted(value: string, quote: "'" | '"'): string {
    if (quote === "'" && !NEEDS_ESCAPES.test(value)) return `'${value.replace(/'/g, "''")}'`;
    return JSON.stringify(value).replace(
      /[\u007f\u0085\u2028\u2029\ufeff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }

  /**
   * The value as one line after `key: ` or `- ` in block context — a scalar, a short-form function, an empty
   * collection — or undefined when it is written as a block.
   */
  inline(value: JsonValue): string | undefined {
    if (!isCollection(value)) return this.scalar(value, false);
    const call = functionOf(value);
    if (call !== undefined && this.style.shortForm && TAG_OF.has(call[0])) return this.tagged(call, false);
    if (isJsonArray(value) ? value.length === 0 : Object.keys(value).length === 0)
      return isJsonArray(value) ? '[]' : '{}';
    return undefined;
  }

  /** The value in flow style, for inside `{…}` and `[…]`. */
  flow(value: JsonValue, shortForm = this.style.shortForm): string {
    if (!isCollection(value)) return this.scalar(value, true);
    const call = functionOf(value);
    if (call !== undefined && shortForm && TAG_OF.has(call[0])) return this.tagged(call, true);
    if (isJsonArray(value)) {
      return bracket(
        '[',
        value.map((item) => this.flow(item)),
        ']',
        this.style.padSeqs,
      );
    }
    const members = Object.entries(value).map(([key, item]) => `${this.scalar(key, true)}: ${this.flow(item)}`);
    return bracket('{', members, '}', this.style.padMaps);
  }

  /** The lines of a value in block style, each indented to `column` (the caller adds line endings). */
  block(value: JsonValue, column: number): string[] {
    if (isJsonArray(value)) return value.flatMap((item) => this.item(item, column));
    if (isJsonMap(value)) return Object.entries(value).flatMap(([key, item]) => this.entry(key, item, column));
    return [`${' '.repeat(column)}${this.inline(value) ?? ''}`];
  }

  /** `key: value`, or `key:` followed by the value's block one level in (sequences as the file indents them). */
  entry(key: string, value: JsonValue, column: number): string[] {
    const head = `${' '.repeat(column)}${this.scalar(key, false)}:`;
    const inline = this.inline(value);
    if (inline !== undefined) return [`${head} ${inline}`];
    return [head, ...this.block(value, this.childColumn(value, column))];
  }

  /** Where the block value of a key at `column` starts. */
  childColumn(value: JsonValue, column: number): number {
    return isJsonArray(value) && this.style.sequences === 'flush' ? column : column + this.style.indent;
  }

  /** A sequence item: `- value`, a map in compact form (`- A: 1` with its other keys under `A`). */
  private item(value: JsonValue, column: number): string[] {
    const inline = this.inline(value);
    if (inline !== undefined) return [`${' '.repeat(column)}- ${inline}`];
    const [first = '', ...rest] = this.block(value, column + 2);
    return [`${' '.repeat(column)}- ${first.trimStart()}`, ...rest];
  }

  private tagged([name, args]: readonly [string, JsonValue], flow: boolean): string {
    const tag = TAG_OF.get(name) as string;
    if (
      name === 'Fn::GetAtt' &&
      isJsonArray(args) &&
      args.length === 2 &&
      args.every((part) => typeof part === 'string')
    ) {
      return `${tag} ${this.scalar(args.join('.'), flow)}`;
    }
    if (!isCollection(args)) return `${tag} ${this.scalar(args, flow)}`;
    // One node cannot carry two tags (`!Base64 !Sub x`), so a function that is the whole argument is long form.
    return `${tag} ${this.flow(args, functionOf(args) === undefined)}`;
  }
}

function isCollection(value: JsonValue): value is readonly JsonValue[] | { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null;
}

function bracket(open: string, members: readonly string[], close: string, padded: boolean): string {
  if (members.length === 0) return `${open}${close}`;
  const pad = padded ? ' ' : '';
  return `${open}${pad}${members.join(', ')}${pad}${close}`;
}

/**
 * The `yaml` package, loaded by the first fix that writes a YAML scalar rather than with the engine: a scan, the
 * language server's start and `--version` never evaluate it. Node's module cache (a bundle's, likewise) answers
 * every later call.
 */
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; `import()` would make every fix async
  return require('yaml') as typeof Yaml;
}

/** Whether `value` written plain reads back as the same string in YAML 1.2 and 1.1, in block or flow context. */
function plainReadsBack(value: string, flow: boolean): boolean {
  if (value === '' || value !== value.trim() || NEEDS_ESCAPES.test(value)) return false;
  // PyYAML gives `=` the 1.1 "value" tag and `<<` the merge tag; neither is the string.
  if (value === '=' || value === '<<') return false;
  const contexts = flow ? [`[${value}]`, `{ k: ${value} }`] : [`k: ${value}`];
  return contexts.every((source) =>
    (['1.1', '1.2'] as const).every((version) => {
      try {
        const read: unknown = yaml().parse(source, { version, logLevel: 'silent', uniqueKeys: false });
        if (Array.isArray(read)) return read.length === 1 && read[0] === value;
        const map = read as Record<string, unknown> | null;
        return map !== null && typeof map === 'object' && Object.keys(map).length === 1 && map.k === value;
      } catch {
        return false;
      }
    }),
  );
}
