import type { JsonValue } from './changes';
import type { JsonStyle } from './style';
import { functionOf, isJsonArray, isJsonMap } from './values';

/** Writes values as JSON in a file's own style: its indentation step, its `": "`, its padding inside braces. */
export class JsonRenderer {
  constructor(private readonly style: JsonStyle) {}

  /** The value on one line: `{ "A": [ 1 ] }`. */
  inline(value: JsonValue): string {
    if (isJsonArray(value))
      return this.bracket(
        '[',
        value.map((item) => this.inline(item)),
        ']',
      );
    if (isJsonMap(value))
      return this.bracket(
        '{',
        Object.entries(value).map(([key, item]) => this.member(key, item)),
        '}',
      );
    return JSON.stringify(value);
  }

  /** `"key": value` on one line. */
  member(key: string, value: JsonValue): string {
    return `${JSON.stringify(key)}${this.style.colon}${this.inline(value)}`;
  }

  /**
   * The value written at a place whose line is indented by `indent`: across lines (members one step in,
   * the closing bracket at `indent`) when `multiline`, else on one line. Function calls and empty collections
   * stay on one line, as CloudFormation's JSON writes `{ "Ref": "X" }`, unless the file breaks them.
   */
  value(value: JsonValue, indent: string, multiline: boolean): string {
    if (!multiline || typeof value !== 'object' || value === null) return this.inline(value);
    if (functionOf(value) !== undefined && this.style.inlineIntrinsics) return this.inline(value);
    const inner = indent + this.style.indent;
    const eol = this.style.eol;
    if (isJsonArray(value)) {
      if (value.length === 0) return '[]';
      return `[${eol}${value.map((item) => inner + this.value(item, inner, true)).join(`,${eol}`)}${eol}${indent}]`;
    }
    const members = Object.entries(value);
    if (members.length === 0) return '{}';
    const lines = members.map(([key, item]) => inner + this.memberAt(key, item, inner));
    return `{${eol}${lines.join(`,${eol}`)}${eol}${indent}}`;
  }

  /** `"key": value` on a line of its own indented by `indent`, its value across lines as the file writes them. */
  memberAt(key: string, value: JsonValue, indent: string): string {
    return `${JSON.stringify(key)}${this.style.colon}${this.value(value, indent, true)}`;
  }

  get unit(): string {
    return this.style.indent;
  }

  get padded(): boolean {
    return this.style.padded;
  }

  private bracket(open: string, members: readonly string[], close: string): string {
    if (members.length === 0) return `${open}${close}`;
    const pad = this.style.padded ? ' ' : '';
    return `${open}${pad}${members.join(', ')}${pad}${close}`;
  }
}
