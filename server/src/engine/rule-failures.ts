import type { Resource } from '../model/template';
import type { EngineFinding } from './finding';
import type { BoundVisitor } from './rule-set';
import { RULE_FAILED } from './suppressions/catalogue';

interface Failure {
  readonly bound: BoundVisitor;
  /** The first resource the rule failed on, in the order the linter visits them: where the finding goes. */
  readonly first: Resource;
  readonly error: unknown;
  /** Ids of every resource it failed on; a rule with visitors for two types may fail twice on one resource. */
  readonly resources: Set<string>;
}

/**
 * The visitors that threw during one lint, gathered into one `iacsec/rule-failed` finding per rule: a rule that
 * fails on every bucket of a large template is one bug, and a thousand identical warnings would bury the findings
 * of the rules that did run.
 */
export class RuleFailures {
  private readonly byRule = new Map<string, Failure>();

  add(bound: BoundVisitor, resource: Resource, error: unknown): void {
    const id = bound.rule.meta.id;
    const failure = this.byRule.get(id);
    if (failure === undefined)
      this.byRule.set(id, { bound, first: resource, error, resources: new Set([resource.id]) });
    else failure.resources.add(resource.id);
  }

  /** One finding per failed rule, in the order the rules first failed. */
  findings(): EngineFinding[] {
    return [...this.byRule.values()].map(({ bound, first, error, resources }) => ({
      ruleId: RULE_FAILED,
      messageId: 'failed',
      severity: 'warning',
      theme: null,
      responsibility: null,
      message: failureMessage(bound.rule.meta.id, first.id, resources.size, error),
      start: first.idNode.start,
      end: first.idNode.end,
      resource: { id: first.id, type: first.type },
      related: [],
      fixes: [],
    }));
  }
}

function failureMessage(ruleId: string, first: string, count: number, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (count === 1) return `Rule ${ruleId} failed on ${first}, so it was not checked: ${reason}`;
  return `Rule ${ruleId} failed on ${count} resources (${first} first), so they were not checked: ${reason}`;
}
