import type { SourceNode } from '../../src/parsing/nodes';

/**
 * Renders a source tree as lines of `kind value @"exact source text"`, so a test states both the parsed
 * value and the precise range of every key and value in one readable snapshot.
 */
export function outline(text: string, node: SourceNode, indent = ''): string[] {
  const at = `@${JSON.stringify(text.slice(node.start, node.end))}`;
  switch (node.kind) {
    case 'scalar':
      return [`${indent}${JSON.stringify(node.value)} ${at}`];
    case 'seq':
      return [`${indent}seq ${at}`, ...node.items.flatMap((item) => outline(text, item, `${indent}  `))];
    case 'map':
      return [
        `${indent}map${node.shortForm ? ' short' : ''} ${at}`,
        ...node.entries.flatMap((entry) => [
          `${indent}  key ${JSON.stringify(entry.key.value)} @${JSON.stringify(text.slice(entry.key.start, entry.key.end))}`,
          ...outline(text, entry.value, `${indent}    `),
        ]),
      ];
  }
}
