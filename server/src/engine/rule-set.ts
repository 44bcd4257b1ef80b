import type { Dialect } from '../model/template';
import { themeOf, type Rule, type Severity, type Theme, type Visitor } from '../rules/types';
import { faultyRuleId, injectedFault } from './fault-injection';
import { compileMessage, type MessageFormat } from './messages';

/** A rule's setting in configuration: its severity, or `off`. */
export type RuleSetting = Severity | 'off';

export interface BoundVisitor {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly visit: Visitor;
  /** The rule's theme, worked out once rather than per finding. */
  readonly theme: Theme | null;
  /** The rule's message templates by id, each split at its placeholders once. */
  readonly messages: ReadonlyMap<string, MessageFormat>;
  /** This visitor's number in its rule set, 0 to `visitorCount - 1`: where a lint keeps its per-visitor state. */
  readonly slot: number;
}

const NONE: readonly BoundVisitor[] = [];

/**
 * The enabled rules, indexed once by dialect and resource type, so linting a template dispatches each
 * resource straight to the visitors for its type.
 */
export class RuleSet {
  /** Per dialect and type, the type's own visitors followed by the `*` ones. */
  private readonly index = new Map<Dialect, Map<string, BoundVisitor[]>>();
  private readonly everyType = new Map<Dialect, BoundVisitor[]>();
  /** How many visitors the set binds (each has its `slot`). */
  readonly visitorCount: number = 0;

  constructor(
    readonly rules: readonly Rule[],
    /** By exact id; engine findings (`iacsec/…`) are set here too, though they have no visitors. */
    readonly settings: Readonly<Record<string, RuleSetting>> = {},
  ) {
    const faulty = faultyRuleId();
    for (const rule of rules) {
      const setting = settings[rule.meta.id] ?? rule.meta.severity;
      if (setting === 'off') continue;
      const theme = themeOf(rule.meta.id);
      const messages = new Map<string, MessageFormat>();
      for (const [id, template] of Object.entries<string>(rule.meta.messages))
        messages.set(id, compileMessage(template));
      for (const [dialect, visitors] of Object.entries(rule.visitors) as [Dialect, Record<string, Visitor>][]) {
        for (const [type, visit] of Object.entries(visitors)) {
          const bound: BoundVisitor = {
            rule,
            severity: setting,
            visit: rule.meta.id === faulty ? injectedFault : visit,
            theme,
            messages,
            slot: this.visitorCount++,
          };
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
    for (const [dialect, every] of this.everyType) {
      for (const specific of this.index.get(dialect)?.values() ?? []) specific.push(...every);
    }
  }

  visitorsFor(dialect: Dialect, type: string): readonly BoundVisitor[] {
    return this.index.get(dialect)?.get(type) ?? this.everyType.get(dialect) ?? NONE;
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
