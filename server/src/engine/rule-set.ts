import type { Dialect } from '../model/template';
import type { Rule, Severity, Visitor } from '../rules/types';

/** A rule's setting in configuration: its severity, or `off`. */
export type RuleSetting = Severity | 'off';

export interface BoundVisitor {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly visit: Visitor;
}

/**
 * The enabled rules, indexed once by dialect and resource type, so linting a template dispatches each
 * resource straight to the visitors for its type.
 */
export class RuleSet {
  private readonly index = new Map<Dialect, Map<string, BoundVisitor[]>>();
  private readonly everyType = new Map<Dialect, BoundVisitor[]>();

  constructor(
    readonly rules: readonly Rule[],
    /** By exact id; engine findings (`iacsec/…`) are set here too, though they have no visitors. */
    readonly settings: Readonly<Record<string, RuleSetting>> = {},
  ) {
    for (const rule of rules) {
      const setting = settings[rule.meta.id] ?? rule.meta.severity;
      if (setting === 'off') continue;
      for (const [dialect, visitors] of Object.entries(rule.visitors) as [Dialect, Record<string, Visitor>][]) {
        for (const [type, visit] of Object.entries(visitors)) {
          const bound: BoundVisitor = { rule, severity: setting, visit };
          if (type === '*') {
            push(this.everyType, dialect, bound);
            continue;
          }
          let byType = this.index.get(dialect);
          if (byType === undefined) this.index.set(dialect, (byType = new Map<string, BoundVisitor[]>()));
          push(byType, type, bound);
        }
      }
    }
  }

  visitorsFor(dialect: Dialect, type: string): readonly BoundVisitor[] {
    const specific = this.index.get(dialect)?.get(type) ?? [];
    const every = this.everyType.get(dialect);
    return every === undefined ? specific : [...specific, ...every];
  }

  rule(id: string): Rule | undefined {
    return this.rules.find((rule) => rule.meta.id === id);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
