import { stepKey, type Outcome, type Step, type ValueResolver } from '../model/values';
import type { SeqNode, SourceNode } from '../parsing/nodes';

/**
 * Joins two accounts of how values were reached. Undefined when they contradict — a condition both true and
 * false, a parameter with two values — because no single deployment takes both, so a rule that combined them
 * would report a finding nobody can deploy.
 */
export function joinSteps(a: readonly Step[], b: readonly Step[]): Step[] | undefined {
  const joined = [...a];
  for (const step of b) {
    if (a.some((other) => contradicts(other, step))) return undefined;
    if (!joined.some((other) => stepKey(other) === stepKey(step))) joined.push(step);
  }
  return joined;
}

/** The outcomes that can occur together with `via`, each carrying the joined steps. */
export function along(outcomes: readonly Outcome[], via: readonly Step[]): Outcome[] {
  const result: Outcome[] = [];
  for (const outcome of outcomes) {
    const joined = joinSteps(via, outcome.via);
    if (joined !== undefined) result.push({ ...outcome, via: joined });
  }
  return result;
}

/** Most combinations of branch values a rule explores for one rule item; past it, the item is unknown. */
export const MAX_COMBINATIONS = 256;

/**
 * The consistent combinations of several properties' values, one outcome from each list per combination, each
 * outcome carrying the steps of the whole combination. Bounded: when more than MAX_COMBINATIONS would exist —
 * only a template built to explode can get there — the answer is "unknown" (an empty list), never a hang.
 */
export function combinations(lists: readonly (readonly Outcome[])[], via: readonly Step[] = []): Outcome[][] {
  let partial: { values: Outcome[]; via: readonly Step[] }[] = [{ values: [], via }];
  for (const list of lists) {
    const next: typeof partial = [];
    for (const combination of partial) {
      for (const outcome of list) {
        const joined = joinSteps(combination.via, outcome.via);
        if (joined === undefined) continue;
        if (next.length === MAX_COMBINATIONS) return [];
        next.push({ values: [...combination.values, outcome], via: joined });
      }
    }
    partial = next;
  }
  return partial.map(({ values, via: joined }) => values.map((outcome) => ({ ...outcome, via: joined })));
}

/**
 * The values of each item of a sequence, reached along `via`. `at` is where a finding about something an item
 * lacks goes: the key that names the sequence, since items have no key of their own.
 */
export function itemValues(values: ValueResolver, seq: SeqNode, at: SourceNode, via: readonly Step[]): Outcome[][] {
  return seq.items.map((item) => along(values.resolve(item, at), via));
}

function contradicts(a: Step, b: Step): boolean {
  return a.kind === b.kind && a.name === b.name && String(a.value) !== String(b.value);
}
