/** `{{name}}`; only ever matched through `matchAll`, which works on a copy, so no match state is shared. */
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** Fills `{{name}}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (data === undefined) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

export type MessageFormat = (data: Readonly<Record<string, string | number>> | undefined) => string;

/**
 * `formatMessage` for one template, split at its placeholders once: the engine formats thousands of findings
 * per lint from a few dozen templates, so it compiles each template once per rule set.
 */
export function compileMessage(template: string): MessageFormat {
  // Literal text and placeholders alternate: [text, name, whole, text, name, whole, …, text].
  const parts: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, match.index), match[1] as string, match[0]);
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return () => template;
  parts.push(template.slice(last));
  return (data) => {
    if (data === undefined) return template;
    let text = parts[0] as string;
    for (let i = 1; i < parts.length; i += 3) {
      const name = parts[i] as string;
      text += (name in data ? String(data[name]) : (parts[i + 1] as string)) + (parts[i + 2] as string);
    }
    return text;
  };
}
