import type { Outcome } from '../model/values';

/*
 * Small readings of the AWS provider's attributes that several rules share. The generic Terraform helpers
 * (blocks, companions, fixes) live in terraform.ts.
 */

/**
 * A blank string as absence. The AWS provider writes an unset optional string as "" in state, so a plan's
 * values of an existing resource carry "" for a key id nobody set; its nullable booleans (`"true"`, `"false"`,
 * `""`) are strings too. A configuration that writes "" means "none" as well.
 */
export function blankAsAbsent(outcomes: readonly Outcome[]): readonly Outcome[] {
  // Mostly nothing is blank: the list itself is the answer then, rather than a copy.
  if (!outcomes.some(isBlank)) return outcomes;
  return outcomes.map((outcome) =>
    isBlank(outcome) ? { kind: 'absent', node: outcome.node, via: outcome.via } : outcome,
  );
}

function isBlank(outcome: Outcome): boolean {
  return outcome.kind === 'scalar' && outcome.value === '';
}
