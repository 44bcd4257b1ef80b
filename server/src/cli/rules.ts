import { catalogue } from '../report/catalogue';
import type { Rule } from '../rules/types';
import type { CatalogueFormat } from './args';

/** `iacsec rules`: the catalogue as an aligned table, or (`--format json`) a JSON array of rule metas. */
export function formatRules(rules: readonly Rule[], format: CatalogueFormat): string {
  const entries = catalogue(rules);
  if (format === 'json') return `${JSON.stringify(entries, null, 2)}\n`;
  const rows = [
    ['rule', 'severity', 'responsibility', 'title'],
    ...entries.map((entry) => [entry.id, entry.severity, entry.responsibility, entry.title]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column < widths.length ? cell.padEnd(widths[column] ?? 0) : cell))
      .join('  ')
      .trimEnd(),
  );
  const count = `${entries.length} ${entries.length === 1 ? 'rule' : 'rules'}; 'iacsec explain RULE_ID' shows a rule's page`;
  return `${lines.join('\n')}\n\n${count}\n`;
}
