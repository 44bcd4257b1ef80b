import type { Rule } from '../rules/types';

/** The README's rule table, generated from the catalogue so it can never drift from the rules. */
export function ruleTable(rules: readonly Rule[]): string {
  const rows = [...rules]
    .sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))
    .map(({ meta }) => {
      const equivalents = meta.references
        .filter((reference) => reference.match === 'equivalent')
        .map((reference) => `\`${reference.id}\``)
        .join(', ');
      return `| [\`${meta.id}\`](docs/rules/${meta.id}.md) | ${meta.title} | ${meta.severity} | ${meta.responsibility} | ${meta.fix} | ${equivalents} |`;
    });
  return [
    '| rule | checks | severity | responsibility | fix | same check elsewhere |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
