import type { Responsibility, Rule } from '../rules/types';
import { themeOf } from '../rules/types';

/** The customer's half of the shared-responsibility model, in the order the README reads it. */
const RESPONSIBILITIES: readonly { readonly id: Responsibility; readonly title: string }[] = [
  { id: 'guest-os', title: 'guest operating system (updates, patches)' },
  { id: 'application', title: 'application software on the guest' },
  { id: 'firewall', title: 'firewall configuration (and DDoS)' },
  { id: 'data', title: 'data stored on volumes (encryption, keys, durability, logging)' },
];

/**
 * The README's rule table, generated from the catalogue so it can never drift from the rules. Rows are grouped
 * by the customer responsibility each rule protects, so the table reads as the customer's half of the model.
 */
export function ruleTable(rules: readonly Rule[]): string {
  const rows = RESPONSIBILITIES.flatMap(({ id, title }) =>
    rules
      .filter((rule) => rule.meta.responsibility === id)
      .sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))
      .map(({ meta }) => {
        const equivalents = meta.references
          .filter((reference) => reference.match === 'equivalent')
          .map((reference) => `\`${reference.id}\``)
          .join(', ');
        return `| ${title} | ${themeOf(meta.id) ?? ''} | [\`${meta.id}\`](docs/rules/${meta.id}.md) | ${meta.title} | ${meta.severity} | ${meta.fix} | ${equivalents} |`;
      }),
  );
  return [
    '| customer responsibility | theme | rule | checks | severity | fix | same check elsewhere |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
