/** `{{name}}`; only ever matched through `matchAll`, which works on a copy, so no match state is shared. */
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** Fills `{{name}}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (data === undefined) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** A report's message: its template filled from its data, and the steps it depends on named, when it has some. */
export type MessageFormat = (data: Readonly<Record<string, string | number>> | undefined, condition?: string) => string;

/**
 * `formatMessage` and `withCondition` for one template, split at its placeholders once: the engine formats thousands
 * of findings per lint from a few dozen templates, so it compiles each template once per rule set.
 */
export function compileMessage(template: string): MessageFormat {
  // Literal text and placeholders alternate: [text, name, whole, text, name, whole, …, text].
  const parts: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, match.index), match[1] as string, match[0]);
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return (_data, condition = '') => withCondition(template, condition);
  const tail = template.slice(last);
  parts.push(tail);
  const end = parts.length - 1;
  // A condition goes before the final period. When the template's own text ends the message, the message is built
  // with the condition in place: cutting the period off a built message copies it whole into a flat string first.
  const beforePeriod = tail.endsWith('.') ? tail.slice(0, -1) : undefined;
  return (data, condition = '') => {
    if (data === undefined) return withCondition(template, condition);
    const cut = condition !== '' && beforePeriod !== undefined;
    let text = parts[0] as string;
    for (let i = 1; i < end; i += 3) {
      const name = parts[i] as string;
      const literal = cut && i + 2 === end ? beforePeriod : (parts[i + 2] as string);
      text += (name in data ? String(data[name]) : (parts[i + 1] as string)) + literal;
    }
    if (condition === '') return text;
    if (cut) return `${text} (${condition}).`;
    return tail === '' ? withCondition(text, condition) : `${text} (${condition})`;
  };
}

/** "… port 22." + "when condition C is true" → "… port 22 (when condition C is true)." */
export function withCondition(message: string, condition: string): string {
  if (condition === '') return message;
  const period = message.endsWith('.') ? '.' : '';
  return `${period === '' ? message : message.slice(0, -1)} (${condition})${period}`;
}
